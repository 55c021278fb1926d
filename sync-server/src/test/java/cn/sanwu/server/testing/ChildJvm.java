package cn.sanwu.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test main class in a separate JVM (same java binary; classpath = target/classes +
 * target/test-classes + target/runtime-classpath.txt, written by this module's POM), for tests
 * where the OS must kill the server. Small heap, C1 only and a shared class-data archive: the
 * children are started often and JVM start-up dominates (as the client's kill test found).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static ProcessBuilder builder(Class<?> mainClass, String... args) {
        Path target = targetDirectory();
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command")),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + target.resolve("server-child-jvm.jsa"), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp", classpath(target), mainClass.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static String classpath(Path target) {
        Path file = target.resolve("runtime-classpath.txt");
        try {
            return target.resolve("classes") + File.pathSeparator + target.resolve("test-classes") + File.pathSeparator
                    + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + " (run through Maven: generate-test-resources writes it)", e);
        }
    }

    private static Path targetDirectory() {
        try {
            // .../sync-server/target/test-classes -> .../sync-server/target
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
