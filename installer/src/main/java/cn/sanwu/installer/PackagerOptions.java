package cn.sanwu.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packager's command line (set by installer/pom.xml).
 *
 * @param jarsDir     the client jar and its runtime dependencies, JavaFX platform jars included
 * @param mainJar     file name of the client jar in {@code jarsDir}
 * @param mainClass   the client's entry point
 * @param version     Maven version; {@link #packageVersion()} is what installers see
 * @param out         output directory (app-image/, dist/, sizes.txt)
 * @param resources   icons, desktop entry, WiX overrides (installer/src/main/packaging)
 * @param types       app-image, deb, msi, exe
 * @param aot         train and ship a JDK AOT cache
 * @param compress    jlink --compress level (zip-0 … zip-9)
 */
record PackagerOptions(Path jarsDir, String mainJar, String mainClass, String version, Path out, Path resources,
                       List<String> types, boolean aot, String compress) {

    static final String USAGE = "usage: Packager --jars DIR --main-jar NAME.jar --main-class CLASS --version V --out DIR"
            + " --resources DIR [--types app-image,deb] [--aot true|false] [--compress zip-6]";

    /** Installer formats want plain numbers: 0.1.0-SNAPSHOT → 0.1.0 (a release build is the same number). */
    String packageVersion() {
        String v = version.replaceFirst("-.*$", "");
        if (!v.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("package version must be up to three numbers (Windows installers need that): " + version);
        }
        return v;
    }

    static PackagerOptions parse(String[] args) {
        Path jars = null;
        Path out = null;
        Path resources = null;
        String mainJar = null;
        String mainClass = null;
        String version = null;
        List<String> types = List.of("app-image");
        boolean aot = true;
        String compress = "zip-6";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--jars" -> jars = Path.of(value);
                case "--main-jar" -> mainJar = value;
                case "--main-class" -> mainClass = value;
                case "--version" -> version = value;
                case "--out" -> out = Path.of(value);
                case "--resources" -> resources = Path.of(value);
                case "--types" -> types = parseTypes(value);
                case "--aot" -> aot = Boolean.parseBoolean(value);
                case "--compress" -> compress = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (jars == null || mainJar == null || mainClass == null || version == null || out == null || resources == null) {
            throw new IllegalArgumentException("missing a required option");
        }
        PackagerOptions options = new PackagerOptions(jars, mainJar, mainClass, version, out, resources, types, aot, compress);
        options.packageVersion();
        return options;
    }

    private static List<String> parseTypes(String value) {
        List<String> types = new ArrayList<>();
        for (String t : value.split(",")) {
            String type = t.strip();
            if (type.isEmpty()) {
                continue;
            }
            if (!List.of("app-image", "deb", "msi", "exe").contains(type)) {
                throw new IllegalArgumentException("unknown package type " + type + " (app-image, deb, msi, exe)");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }
}
