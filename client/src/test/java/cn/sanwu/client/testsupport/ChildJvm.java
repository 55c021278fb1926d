package cn.sanwu.client.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test main class in a separate JVM: same java binary as this JVM, classpath =
 * target/classes + target/test-classes + target/runtime-classpath.txt (written by the client POM).
 * Child processes are needed wherever the OS, not the JVM, is the subject: kill -9, file locks.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static ProcessBuilder builder(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command")));
        // Small heap and serial GC: children are short-lived and share 2 cores with the parent.
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        // Children live for a second: C1 only, and a class-data archive shared by all children
        // (created by the first one) roughly halves start-up, which dominates the kill test.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+AutoCreateSharedArchive");
        cmd.add("-XX:SharedArchiveFile=" + targetDirectory().resolve("child-jvm.jsa"));
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:cds+dynamic=off");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Dstdout.encoding=UTF-8");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    public static String classpath() {
        Path target = targetDirectory();
        Path file = target.resolve("runtime-classpath.txt");
        try {
            String deps = Files.readString(file).strip();
            return target.resolve("classes") + java.io.File.pathSeparator + target.resolve("test-classes")
                    + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + " (run through Maven: generate-test-resources writes it)", e);
        }
    }

    private static Path targetDirectory() {
        try {
            // .../client/target/test-classes -> .../client/target
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
