package cn.sanwu.installer;

import java.nio.file.Path;
import java.util.Locale;

/** Where jpackage puts things in an app image on each OS. */
enum Platform {
    LINUX("linux/sanwu.png"),
    WINDOWS("windows/sanwu.ico"),
    MAC("mac/sanwu.icns");

    private final String iconFile;

    Platform(String iconFile) {
        this.iconFile = iconFile;
    }

    static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") ? WINDOWS : os.contains("mac") ? MAC : LINUX;
    }

    String iconFile() {
        return iconFile;
    }

    Path launcher(Path appDir) {
        return switch (this) {
            case LINUX -> appDir.resolve("bin").resolve(Packager.NAME);
            case WINDOWS -> appDir.resolve(Packager.NAME + ".exe");
            case MAC -> appDir.resolve("Contents/MacOS").resolve(Packager.NAME);
        };
    }

    /** The directory holding the jars and the launcher's .cfg ($APPDIR in java-options). */
    Path appJarsDir(Path appDir) {
        return switch (this) {
            case LINUX -> appDir.resolve("lib/app");
            case WINDOWS -> appDir.resolve("app");
            case MAC -> appDir.resolve("Contents/app");
        };
    }

    Path runtimeDir(Path appDir) {
        return switch (this) {
            case LINUX -> appDir.resolve("lib/runtime");
            case WINDOWS -> appDir.resolve("runtime");
            case MAC -> appDir.resolve("Contents/runtime/Contents/Home");
        };
    }
}
