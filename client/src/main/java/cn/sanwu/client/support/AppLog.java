package cn.sanwu.client.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The app's log files: {@code sanwu-0.log} … {@code sanwu-4.log}, 1 MB each, rotating, in the
 * platform's usual per-user place ({@link #defaultDirectory}) or {@code <data dir>/logs} when a
 * data directory was given on the command line (tests, the demo, a second village on one PC).
 * Logging goes through {@link System.Logger} (JDK logging, no extra library); a log that cannot
 * be opened never stops the app. Lines never carry notice text or personal data; diagnostics
 * exports scan them anyway ({@link Diagnostics}).
 */
public final class AppLog {

    public static final String FILE_PATTERN = "sanwu-%g.log";
    private static final int LIMIT_BYTES = 1_000_000;
    private static final int COUNT = 5;
    private static volatile Path directory;
    private static FileHandler handler;

    private AppLog() {
    }

    /**
     * {@code $XDG_STATE_HOME/sanwu/logs} (default {@code ~/.local/state/sanwu/logs}) on Linux,
     * {@code %LOCALAPPDATA%\Sanwu\logs} on Windows, {@code ~/Library/Logs/Sanwu} on macOS.
     */
    public static Path defaultDirectory(boolean demo) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, demo ? "Sanwu-demo" : "Sanwu", "logs");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Logs", demo ? "Sanwu-demo" : "Sanwu");
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "state");
        return state.resolve(demo ? "sanwu-demo" : "sanwu").resolve("logs");
    }

    /** Where logs go for this start: see the class comment. */
    public static Path directoryFor(Path explicitDataDir, boolean demo) {
        return explicitDataDir != null ? explicitDataDir.resolve("logs") : defaultDirectory(demo);
    }

    /** Sends JDK logging (INFO and up) to rotating files in {@code dir}; returns false if it could not. */
    public static synchronized boolean install(Path dir) {
        try {
            Files.createDirectories(dir);
            Logger root = Logger.getLogger("");
            if (handler != null) {
                // Installed again in the same JVM (tests run Main many times): one file handler only.
                root.removeHandler(handler);
                handler.close();
                handler = null;
                directory = null;
            }
            FileHandler h = new FileHandler(dir.resolve(FILE_PATTERN).toString(), LIMIT_BYTES, COUNT, true);
            h.setEncoding(StandardCharsets.UTF_8.name());
            h.setFormatter(new OneLineFormatter());
            h.setLevel(Level.INFO);
            // The JDK's console handler would print every INFO line on stderr, between a command's
            // own output; with a log file the console stays for the app's sentences.
            for (java.util.logging.Handler existing : root.getHandlers()) {
                if (existing instanceof java.util.logging.ConsoleHandler) {
                    root.removeHandler(existing);
                }
            }
            root.addHandler(h);
            handler = h;
            directory = dir;
            logUncaughtExceptions();
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("无法写日志文件（" + dir + "）：" + e.getMessage());
            return false;
        }
    }

    /**
     * A failure nobody caught (a bug) lands in the log file too, so 导出诊断信息 carries it to
     * support; it is still printed on stderr as before.
     */
    private static void logUncaughtExceptions() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        if (previous instanceof LoggingHandler) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(new LoggingHandler(previous));
    }

    private record LoggingHandler(Thread.UncaughtExceptionHandler previous) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            Logger.getLogger("cn.sanwu.client").log(Level.SEVERE, "uncaught exception in thread " + t.getName(), e);
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace();
            }
        }
    }

    /** {@code 2026-11-29T07:15:00.123Z INFO cn.sanwu.client.app.Main: message} — one line, then any stack trace. */
    static final class OneLineFormatter extends SimpleFormatter {
        @Override
        public String format(java.util.logging.LogRecord r) {
            StringBuilder b = new StringBuilder().append(r.getInstant()).append(' ').append(r.getLevel().getName()).append(' ')
                    .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                b.append(trace);
            }
            return b.toString();
        }
    }

    /** The directory logs are written to in this process, or null when file logging is off. */
    public static Path directory() {
        return directory;
    }
}
