package cn.sanwu.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the client's installable forms from the jars Maven collected: JavaFX platform jars →
 * jmods, jdeps → the runtime's modules, jlink → a trimmed runtime, jpackage → app image, an AOT
 * cache trained by running that app image, and jpackage → .deb (Linux) or .msi/.exe (Windows).
 * Uses the JDK tools through {@link ToolProvider}, so the same code runs on Linux and Windows
 * (docs/decisions/0016-installers.md). Run by the {@code installer} Maven profile.
 */
public final class Packager {

    /** The launcher and package name; also the name of the installed directory (/opt/sanwu). */
    static final String NAME = "sanwu";

    private final PackagerOptions options;
    private final PrintWriter log;

    Packager(PackagerOptions options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        PackagerOptions options;
        try {
            options = PackagerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PackagerOptions.USAGE);
            System.exit(2);
            return;
        }
        new Packager(options, new PrintWriter(System.out, true, StandardCharsets.UTF_8)).run();
    }

    void run() throws IOException, InterruptedException {
        Path work = options.out().resolve("work");
        FileTree.deleteRecursively(work);
        Files.createDirectories(work);

        JarSplit jars = JarSplit.of(options.jarsDir());
        log.println("[sanwu] app jars: " + jars.appJars().size() + ", JavaFX module jars: " + jars.javafxJars().size());
        jars.requireBundledFont(options.mainJar());
        jars.requireJavafxFor(System.getProperty("os.arch"));

        Path jmods = work.resolve("jmods");
        Files.createDirectories(jmods);
        for (Path fx : jars.javafxJars()) {
            JavafxJmod.create(fx, jmods, work.resolve("jmod-src"), this::tool);
        }

        List<String> modules = RuntimeModules.compute(jars.appJars(), jars.javafxJars(), this::tool);
        log.println("[sanwu] runtime modules (" + modules.size() + "): " + String.join(",", modules));
        Files.writeString(options.out().resolve("runtime-modules.txt"), String.join("\n", modules) + "\n");

        Path runtime = work.resolve("runtime");
        tool("jlink", "--module-path", jmods.toString(), "--add-modules", String.join(",", modules),
                "--output", runtime.toString(), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=" + options.compress(), "--include-locales=zh,en");
        // bin/java stays (no --strip-native-commands): the AOT cache must be trained by this runtime.

        Path input = work.resolve("input");
        Files.createDirectories(input);
        for (Path jar : jars.appJars()) {
            Files.copy(jar, input.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }

        Path images = options.out().resolve("app-image");
        FileTree.deleteRecursively(images);
        List<String> appImage = new ArrayList<>(List.of("--type", "app-image", "--dest", images.toString(),
                "--name", NAME, "--app-version", options.packageVersion(), "--vendor", "Sanwu",
                "--description", "阳光三务 village disclosure workstation",
                "--input", input.toString(), "--main-jar", options.mainJar(), "--main-class", options.mainClass(),
                "--runtime-image", runtime.toString(),
                "--java-options", "--enable-native-access=javafx.graphics,ALL-UNNAMED",
                "--java-options", "-Dfile.encoding=UTF-8"));
        Path icon = options.resources().resolve(Platform.current().iconFile());
        if (Files.exists(icon)) {
            appImage.addAll(List.of("--icon", icon.toString()));
        }
        tool("jpackage", appImage.toArray(String[]::new));
        Path appDir = images.resolve(NAME);

        if (options.aot()) {
            AotTraining.train(appDir, work.resolve("aot-training"), log);
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("app-image", FileTree.size(appDir));
        sizes.put("runtime", FileTree.size(Platform.current().runtimeDir(appDir)));

        for (String type : options.types()) {
            if (type.equals("app-image")) {
                continue;
            }
            Path dest = options.out().resolve("dist");
            Files.createDirectories(dest);
            String[] args = NativePackage.arguments(type, appDir, dest, options).toArray(String[]::new);
            if (type.equals("msi") || type.equals("exe")) {
                // jpackage picks its WiX strings (MsiInstallerStrings_zh_CN.wxl, Culture zh-cn) and
                // WiX's own dialogs by the default locale: the installer speaks Chinese whatever
                // language the build machine is set to. Not run here (needs Windows + WiX 3.14).
                java.util.Locale previous = java.util.Locale.getDefault();
                java.util.Locale.setDefault(java.util.Locale.SIMPLIFIED_CHINESE);
                try {
                    tool("jpackage", args);
                } finally {
                    java.util.Locale.setDefault(previous);
                }
            } else {
                tool("jpackage", args);
            }
            try (Stream<Path> built = Files.list(dest)) {
                for (Path p : built.filter(p -> p.getFileName().toString().endsWith("." + type)).toList()) {
                    sizes.put(p.getFileName().toString(), Files.size(p));
                }
            }
        }
        StringBuilder report = new StringBuilder();
        sizes.forEach((what, bytes) -> report.append(what).append('\t').append(bytes).append('\t')
                .append(String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6)).append('\n'));
        Files.writeString(options.out().resolve("sizes.txt"), report);
        log.print("[sanwu] sizes:\n" + report);
        log.flush();
    }

    /** Runs a JDK tool in this JVM; a non-zero exit fails the build with the tool's own output. */
    String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException(name + " is not in this JDK (need a full JDK 25, not a JRE)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        log.println("[sanwu] " + name + " " + String.join(" ", args));
        log.flush();
        int rc = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (rc != 0) {
            throw new IllegalStateException(name + " failed (exit " + rc + "):\n" + out + err);
        }
        if (!err.toString().isBlank()) {
            log.print(err);
        }
        return out.toString();
    }

    /** Splits what Maven collected into JavaFX module jars (→ jmods) and the app's class path. */
    record JarSplit(List<Path> appJars, List<Path> javafxJars) {

        static JarSplit of(Path dir) throws IOException {
            List<Path> app = new ArrayList<>();
            List<Path> fx = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    String name = jar.getFileName().toString();
                    if (name.startsWith("javafx-")) {
                        // Each JavaFX artifact comes twice: an empty jar without classifier (only
                        // there to pull in the platform one) and the platform jar with module-info.
                        if (hasModuleInfo(jar)) {
                            fx.add(jar);
                        }
                    } else {
                        app.add(jar);
                    }
                }
            }
            if (fx.isEmpty()) {
                throw new IllegalStateException("no JavaFX platform jars in " + dir);
            }
            return new JarSplit(app, fx);
        }

        static boolean hasModuleInfo(Path jar) throws IOException {
            try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                return zip.getEntry("module-info.class") != null;
            }
        }

        /**
         * jlink links the runtime it runs on (Temurin 25 has no jmods for other platforms), so
         * JavaFX natives for another architecture would make a runtime that cannot start.
         */
        void requireJavafxFor(String osArch) {
            boolean armHost = osArch.equals("aarch64") || osArch.equals("arm64");
            for (Path fx : javafxJars) {
                boolean armJar = fx.getFileName().toString().endsWith("-aarch64.jar");
                if (armJar != armHost) {
                    throw new IllegalStateException("JavaFX jar " + fx.getFileName() + " does not match this JDK's architecture ("
                            + osArch + "): build the package on a machine of the target architecture, without -Djavafx.platform"
                            + " (docs/installing.md, linux-arm64)");
                }
            }
        }

        /** The packaged app must carry its Chinese font (a machine without CJK fonts shows boxes). */
        void requireBundledFont(String mainJar) throws IOException {
            Path jar = appJars.stream().filter(p -> p.getFileName().toString().equals(mainJar)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("main jar " + mainJar + " not among " + appJars));
            try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                for (String font : List.of("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf", "OFL.txt")) {
                    if (zip.getEntry("cn/sanwu/client/fonts/" + font) == null) {
                        throw new IllegalStateException(mainJar + " lacks the bundled font file " + font);
                    }
                }
            }
        }
    }
}
