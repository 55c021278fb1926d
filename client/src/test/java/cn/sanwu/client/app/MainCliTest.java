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
}
