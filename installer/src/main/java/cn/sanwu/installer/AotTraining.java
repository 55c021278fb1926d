package cn.sanwu.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trains a JDK 25 AOT cache by starting the finished app image's own launcher — same runtime,
 * same class path, same options as an installed start — until the main window has loaded, then
 * tells the launcher to use it ({@code -XX:AOTCache=$APPDIR/sanwu.aot} in its .cfg). A cache made
 * by any other runtime is refused by the JVM (STACK.md). Needs a display (Xvfb in CI): the cache
 * should hold the classes a real window start loads.
 */
final class AotTraining {

    static final String CACHE = Packager.NAME + ".aot";

    private AotTraining() {
    }

    static void train(Path appDir, Path scratch, PrintWriter log) throws IOException, InterruptedException {
        Platform platform = Platform.current();
        if (platform == Platform.LINUX && System.getenv("DISPLAY") == null) {
            throw new IllegalStateException("Training the AOT cache opens the app's window and needs a display:"
                    + " run the build under xvfb-run (apt-get install xvfb), or pass -Dsanwu.package.aot=false.");
        }
        Path launcher = platform.launcher(appDir);
        Path cache = platform.appJarsDir(appDir).resolve(CACHE);
        Path cfg = platform.appJarsDir(appDir).resolve(Packager.NAME + ".cfg");
        FileTree.deleteRecursively(scratch);
        Path data = scratch.resolve("data");
        Files.createDirectories(data);
        // Demo data seeded without a window (and without --demo's enrollment with a demo server a
        // developer may be running), so the timed start below shows the main window with notices.
        run(launcher, List.of("--headless", "--demo", "--data-dir", data.toString()), null, scratch.resolve("seed.log"), log);
        run(launcher, List.of("--data-dir", data.toString()),
                "-XX:AOTCacheOutput=" + cache + " -Dsanwu.exitAfterShown=true -Dsanwu.reportStartup=true",
                scratch.resolve("train.log"), log);
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the AOT training run wrote no cache; see " + scratch.resolve("train.log"));
        }
        log.printf("[sanwu] AOT cache %s: %.1f MB%n", cache, Files.size(cache) / 1e6);
        addJavaOption(cfg, "-XX:AOTCache=$APPDIR/" + CACHE);
    }

    private static void run(Path launcher, List<String> args, String toolOptions, Path output, PrintWriter log)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(launcher.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (toolOptions != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        log.println("[sanwu] " + (toolOptions != null ? "JAVA_TOOL_OPTIONS='" + toolOptions + "' " : "") + String.join(" ", command));
        log.flush();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("AOT training run did not finish in 5 minutes; output in " + output);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("AOT training run failed (exit " + p.exitValue() + "):\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    /** Adds one line to the launcher's [JavaOptions] section. */
    static void addJavaOption(Path cfg, String option) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
            lines.add("[JavaOptions]");
            section = lines.size() - 1;
        }
        lines.add(section + 1, "java-options=" + option);
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }
}
