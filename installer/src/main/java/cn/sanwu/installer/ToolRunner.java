package cn.sanwu.installer;

/** Runs a JDK tool (jdeps, jmod, jlink, jpackage) and returns its standard output. */
@FunctionalInterface
interface ToolRunner {
    String run(String tool, String... args);
}
