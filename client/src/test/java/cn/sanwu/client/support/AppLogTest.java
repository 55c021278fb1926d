package cn.sanwu.client.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log files: where they go, one line per record, uncaught failures included. */
class AppLogTest {

    @TempDir
    Path dir;

    @Test
    void anExplicitDataDirectoryKeepsItsLogsInside() {
        assertThat(AppLog.directoryFor(dir, false)).isEqualTo(dir.resolve("logs"));
        assertThat(AppLog.directoryFor(null, false)).isEqualTo(AppLog.defaultDirectory(false));
        assertThat(AppLog.defaultDirectory(true)).isNotEqualTo(AppLog.defaultDirectory(false));
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win") && System.getenv("XDG_STATE_HOME") == null) {
            assertThat(AppLog.defaultDirectory(false)).isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "sanwu", "logs"));
        }
    }

    @Test
    void recordsAndUncaughtFailuresReachTheFile() throws Exception {
        Path logs = dir.resolve("logs");
        assertThat(AppLog.install(logs)).isTrue();
        assertThat(AppLog.directory()).isEqualTo(logs);
        System.getLogger("cn.sanwu.client.test").log(System.Logger.Level.INFO, "hello {0}", "村务");
        Thread t = Thread.ofPlatform().name("failing-worker").unstarted(() -> {
            throw new IllegalStateException("boom for the log");
        });
        t.start();
        t.join();
        String text = Files.readString(logs.resolve("sanwu-0.log"), StandardCharsets.UTF_8);
        assertThat(text).containsPattern("\\d{4}-\\d\\d-\\d\\dT.* INFO cn.sanwu.client.test: hello 村务\\n")
                .contains("SEVERE cn.sanwu.client: uncaught exception in thread failing-worker")
                .contains("IllegalStateException: boom for the log");
    }

    @Test
    void anUnwritableLogDirectoryDoesNotStopTheApp() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        assertThat(AppLog.install(file.resolve("logs"))).isFalse();
    }
}
