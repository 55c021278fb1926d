package cn.sanwu.client.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reading what a killed child JVM wrote: its complete stdout lines, and the end of its stderr log. */
public final class ChildOutput {

    private ChildOutput() {
    }

    /**
     * Hands every line that ends in '\n' to {@code onLine} until the stream ends. A line cut by a
     * kill was never fully printed, so what it reports must not be assumed. Returns null, or what
     * went wrong while reading.
     */
    public static String readCompleteLines(InputStream in, Consumer<String> onLine) {
        try (in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        line.write(buf[i]);
                        continue;
                    }
                    onLine.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "reading child output failed: " + e;
        }
    }

    /** The last 4,000 characters of a child's stderr log, for a failure message. */
    public static String tail(Path log) {
        try {
            String all = Files.readString(log);
            return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
        } catch (IOException e) {
            return "(no child stderr: " + e + ")";
        }
    }
}
