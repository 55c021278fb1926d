package cn.sanwu.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packager's own logic; the packages themselves are built and installed by .ci/run. */
class PackagerTest {

    @TempDir
    Path dir;

    private static PackagerOptions options(String version) {
        return PackagerOptions.parse(new String[] {"--jars", "j", "--main-jar", "client.jar", "--main-class", "M",
                "--version", version, "--out", "o", "--resources", "r", "--types", "app-image,deb"});
    }

    @Test
    void installerVersionIsTheMavenVersionWithoutQualifier() {
        assertThat(options("0.1.0-SNAPSHOT").packageVersion()).isEqualTo("0.1.0");
        assertThat(options("1.2.3").packageVersion()).isEqualTo("1.2.3");
        assertThat(options("1.2.3").types()).containsExactly("app-image", "deb");
        assertThatThrownBy(() -> options("1.2.3.4")).hasMessageContaining("up to three numbers");
        assertThatThrownBy(() -> options("latest")).hasMessageContaining("up to three numbers");
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PackagerOptions.parse(new String[] {"--jars"})).hasMessageContaining("--jars needs a value");
        assertThatThrownBy(() -> PackagerOptions.parse(new String[] {"--frob", "x"})).hasMessageContaining("unknown option --frob");
        assertThatThrownBy(() -> PackagerOptions.parse(new String[] {"--jars", "j"})).hasMessageContaining("missing");
        assertThatThrownBy(() -> PackagerOptions.parse(new String[] {"--jars", "j", "--main-jar", "c", "--main-class", "M",
                "--version", "1", "--out", "o", "--resources", "r", "--types", "rpm"})).hasMessageContaining("unknown package type rpm");
    }

    @Test
    void jdepsModuleListIsTakenFromItsLastLineAfterWarnings() {
        assertThat(RuntimeModules.parse("Warning: split package: a.b x.jar y.jar\njava.base,java.sql,javafx.controls\n"))
                .containsExactly("java.base", "java.sql", "javafx.controls");
        assertThat(RuntimeModules.parse("java.desktop\n")).containsExactly("java.base", "java.desktop");
        assertThatThrownBy(() -> RuntimeModules.parse("Warning: only warnings here\n")).hasMessageContaining("no module list");
    }

    @Test
    void serviceOnlyModulesAreAddedToWhatJdepsFound() throws Exception {
        List<String> modules = RuntimeModules.compute(List.of(dir.resolve("a.jar")), List.of(dir.resolve("javafx-controls.jar")),
                (tool, args) -> {
                    assertThat(tool).isEqualTo("jdeps");
                    assertThat(List.of(args)).contains("--print-module-deps", "--ignore-missing-deps", dir.resolve("a.jar").toString());
                    return "java.base,javafx.controls\n";
                });
        assertThat(modules).containsExactly("java.base", "javafx.controls", "jdk.charsets", "jdk.localedata");
        assertThatThrownBy(() -> RuntimeModules.compute(List.of(), List.of(), (t, a) -> "java.base\n"))
                .hasMessageContaining("no JavaFX");
    }

    @Test
    void aotCacheOptionGoesIntoTheLauncherJavaOptions() throws Exception {
        Path cfg = dir.resolve("sanwu.cfg");
        Files.writeString(cfg, "[Application]\napp.mainclass=M\n\n[JavaOptions]\njava-options=-Dfile.encoding=UTF-8\n");
        AotTraining.addJavaOption(cfg, "-XX:AOTCache=$APPDIR/sanwu.aot");
        assertThat(Files.readAllLines(cfg, StandardCharsets.UTF_8)).containsSubsequence("[JavaOptions]",
                "java-options=-XX:AOTCache=$APPDIR/sanwu.aot", "java-options=-Dfile.encoding=UTF-8");
    }

    @Test
    void windowsInstallerIsPerUserWithShortcutsAndAFixedUpgradeCode() {
        List<String> msi = NativePackage.arguments("msi", dir, dir, options("1.2.3"));
        assertThat(msi).contains("--win-per-user-install", "--win-menu", "--win-shortcut", "--win-menu-group", "三务公开")
                .containsSubsequence("--win-upgrade-uuid", NativePackage.WINDOWS_UPGRADE_UUID)
                .containsSubsequence("--app-version", "1.2.3");
        List<String> deb = NativePackage.arguments("deb", dir, dir, options("1.2.3"));
        assertThat(deb).containsSubsequence("--install-dir", "/opt").contains("--linux-shortcut")
                .containsSubsequence("--linux-package-name", "sanwu");
    }

    @Test
    void theShippedDesktopEntryHasAChineseNameAndTheIconsExist() throws Exception {
        Path packaging = Path.of("src/main/packaging");
        String desktop = Files.readString(packaging.resolve("linux/sanwu.desktop"), StandardCharsets.UTF_8);
        assertThat(desktop).contains("Name[zh_CN]=阳光三务公开").contains("Exec=APPLICATION_LAUNCHER").contains("Categories=");
        assertThat(Files.size(packaging.resolve("linux/sanwu.png"))).isPositive();
        assertThat(Files.size(packaging.resolve("windows/sanwu.ico"))).isPositive();
        assertThat(Files.readString(packaging.resolve("linux/postinst"))).contains("/usr/share/applications/sanwu.desktop")
                .doesNotContain("xdg-desktop-menu install");
    }

    @Test
    void javafxJarsOfAnotherArchitectureAreRefused() {
        var x64 = new Packager.JarSplit(List.of(), List.of(Path.of("javafx-graphics-26.0.2-linux.jar")));
        var arm = new Packager.JarSplit(List.of(), List.of(Path.of("javafx-graphics-26.0.2-linux-aarch64.jar")));
        x64.requireJavafxFor("amd64");
        arm.requireJavafxFor("aarch64");
        assertThatThrownBy(() -> arm.requireJavafxFor("amd64")).hasMessageContaining("architecture (amd64)");
        assertThatThrownBy(() -> x64.requireJavafxFor("aarch64")).hasMessageContaining("target architecture");
    }
}
