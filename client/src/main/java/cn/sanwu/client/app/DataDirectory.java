package cn.sanwu.client.app;

import java.nio.file.Path;

/** Where the app keeps its data: the platform's usual per-user location unless told otherwise. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code %LOCALAPPDATA%\Sanwu} on Windows, {@code $XDG_DATA_HOME/sanwu} (or ~/.local/share/sanwu) elsewhere. */
    public static Path defaultFor(boolean demo) {
        String name = demo ? "sanwu-demo" : "sanwu";
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : System.getProperty("user.home"), demo ? "Sanwu-demo" : "Sanwu");
        }
        if (os.contains("mac")) {
            return Path.of(System.getProperty("user.home"), "Library", "Application Support", demo ? "Sanwu-demo" : "Sanwu");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share"))
                .resolve(name);
    }
}
