package cn.sanwu.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionGetsAClearMessageAndUsage() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("未知选项：--frobnicate").contains("用法");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void missingValueAndBadLanguageAreRefused() {
        assertThat(run("--data-dir")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data-dir 需要一个值");
        assertThat(run("--lang", "fr")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("不支持的语言");
    }

    @Test
    void headlessDemoRunSeedsTheDemoVillageOnce() {
        assertThat(run("--headless", "--demo", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 项待上传");
        out.reset();
        assertThat(run("--headless", "--demo", "--data-dir=" + dir)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("seeding is not repeated").contains("5 项待上传");
    }

    @Test
    void secondInstanceOnTheSameDataDirectoryIsTurnedAway() {
        try (var held = SingleInstanceGuard.tryAcquire(dir).orElseThrow()) {
            assertThat(run("--headless", "--data-dir", dir.toString())).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("三务已经在运行");
        }
    }

    @Test
    void backupThenRestoreThroughTheCommandLine() throws Exception {
        assertThat(run("--headless", "--demo", "--data-dir", dir.toString())).isZero();
        assertThat(run("backup-now", "--data-dir", dir.toString())).isZero();
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(listing).contains("共 1 个备份");
        java.nio.file.Path zip;
        try (var files = java.nio.file.Files.list(dir.resolve("backups"))) {
            zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        // Work done after the backup is replaced by the backup's state on restore (and kept aside).
        try (AppContext ctx = new AppContext(dir, java.time.Clock.systemUTC())) {
            var item = ctx.catalog().find("P04").orElseThrow();
            ctx.notices().fileNotDisclosed(DemoData.VILLAGE, item, new cn.sanwu.model.period.Period.Quarter(2026, 2), "备份之后的修改");
            assertThat(ctx.notices().pendingUploads()).isEqualTo(6);
        }
        out.reset();
        assertThat(run("restore-backup", zip.toString(), "--data-dir", dir.toString())).isZero();
        out.reset();
        assertThat(run("--headless", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 项待上传");
    }

    @Test
    void restoreOfSomethingThatIsNotABackupChangesNothing() throws Exception {
        assertThat(run("--headless", "--demo", "--data-dir", dir.toString())).isZero();
        java.nio.file.Path bogus = dir.resolve("bogus.zip");
        java.nio.file.Files.writeString(bogus, "not a zip");
        assertThat(run("restore-backup", bogus.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).contains("没有任何改动");
        out.reset();
        assertThat(run("--headless", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("5 项待上传");
    }

    @Test
    void syncCommandsExplainWhatIsMissing() {
        java.nio.file.Path data = dir.resolve("data");
        assertThat(run("sync", "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("尚未登记");
        assertThat(run("enroll", "--server", "http://127.0.0.1:1", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("需要 --server 和 --code");
        assertThat(run("enroll", "--server", "gopher://x", "--code", "C", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http://");
        // Port 1 on loopback: nothing listens, so this is "offline", not a crash.
        assertThat(run("enroll", "--server", "http://127.0.0.1:1", "--code", "C", "--data-dir", data.toString())).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("无法连接同步服务器");
    }
}
