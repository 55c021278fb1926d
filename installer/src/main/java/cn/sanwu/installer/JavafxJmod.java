package cn.sanwu.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Maven Central has JavaFX as platform jars, not jmods (STACK.md). A jar's classes and its native
 * libraries are split and re-packed with {@code jmod create}, so jlink links JavaFX into the
 * runtime and puts the libraries where the JVM loads them from (lib/ or bin/), instead of JavaFX
 * unpacking them into the user's home on every first start.
 */
final class JavafxJmod {

    private JavafxJmod() {
    }

    static Path create(Path jar, Path jmodsDir, Path scratch, ToolRunner tools) throws IOException {
        String module;
        Path classes = scratch.resolve(jar.getFileName() + "-classes");
        Path libs = scratch.resolve(jar.getFileName() + "-libs");
        FileTree.deleteRecursively(classes);
        FileTree.deleteRecursively(libs);
        Files.createDirectories(classes);
        Files.createDirectories(libs);
        int natives = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                // Checksums of the natives exist for JavaFX's own extraction; not needed in a jmod.
                // javafx-swt.jar (SWT interop, nested in javafx-graphics) is not used.
                if (name.endsWith(".sha1") || name.equals("META-INF/MANIFEST.MF") || (name.endsWith(".jar") && !name.contains("/"))) {
                    continue;
                }
                boolean nativeLib = !name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"));
                Path target = (nativeLib ? libs : classes).resolve(name).normalize();
                if (!target.startsWith(nativeLib ? libs : classes)) {
                    throw new IOException("unsafe entry " + name + " in " + jar);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target);
                }
                natives += nativeLib ? 1 : 0;
            }
        }
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = java.lang.module.ModuleDescriptor.read(in).name();
        }
        Path jmod = jmodsDir.resolve(module + ".jmod");
        Files.deleteIfExists(jmod);
        if (natives > 0) {
            tools.run("jmod", "create", "--class-path", classes.toString(), "--libs", libs.toString(), jmod.toString());
        } else {
            tools.run("jmod", "create", "--class-path", classes.toString(), jmod.toString());
        }
        return jmod;
    }
}
