package cn.sanwu.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The runtime's modules: what jdeps finds the app's jars use, plus the few modules that are only
 * reached through a service lookup jdeps cannot see. The installed app's {@code --self-test}
 * checks each of those extras is really there (a missing one fails the CI install check).
 */
final class RuntimeModules {

    /** Modules found by name at run time, not by a class reference; each with why. */
    static final Map<String, String> SERVICE_ONLY = Map.of(
            "jdk.charsets", "GB18030/GBK CSV import (Charset.forName finds charsets by service lookup)",
            "jdk.localedata", "Chinese dates and numbers in JavaFX controls (CLDR zh locale data; --include-locales=zh,en)");

    private RuntimeModules() {
    }

    /**
     * @param javafxJars the JavaFX platform jars (modular): jdeps reads modules from jars, not jmods
     */
    static List<String> compute(List<Path> appJars, List<Path> javafxJars, ToolRunner tools) throws IOException {
        String modulePath = String.join(java.io.File.pathSeparator, javafxJars.stream().map(Path::toString).toList());
        // The app jars are all analysed together (each as a root), so references between them
        // resolve; missing optional dependencies of libraries (H2's servlet, OSGi …) are ignored.
        List<String> args = new java.util.ArrayList<>(List.of("--multi-release", String.valueOf(Runtime.version().feature()),
                "--ignore-missing-deps", "--print-module-deps", "--module-path", modulePath));
        appJars.forEach(j -> args.add(j.toString()));
        String printed = tools.run("jdeps", args.toArray(String[]::new));
        TreeSet<String> modules = parse(printed);
        // jdeps names javafx.controls; jlink adds javafx.graphics and javafx.base from its requires.
        if (modules.stream().noneMatch(m -> m.startsWith("javafx."))) {
            throw new IllegalStateException("jdeps found no JavaFX module use; got: " + printed
                    + " (JavaFX jars: " + javafxJars + ")");
        }
        modules.addAll(SERVICE_ONLY.keySet());
        return List.copyOf(modules);
    }

    /** jdeps prints one comma-separated line (possibly after warnings). */
    static TreeSet<String> parse(String printed) {
        TreeSet<String> modules = new TreeSet<>();
        try (Stream<String> lines = printed.lines()) {
            String line = lines.map(String::strip).filter(l -> l.matches("[a-zA-Z0-9_.]+(,[a-zA-Z0-9_.]+)*"))
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("jdeps printed no module list:\n" + printed));
            for (String m : line.split(",")) {
                modules.add(m.strip());
            }
        }
        if (!modules.contains("java.base")) {
            modules.add("java.base");
        }
        return modules;
    }

}
