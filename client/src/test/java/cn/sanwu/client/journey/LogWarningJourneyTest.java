package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.sync.ServerLog;
import cn.sanwu.server.SyncServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the clerk sees when the server's transparency log was rewritten: 立即同步 still works, and the
 * status bar's sync message says the log check failed (docs/sync-client.md "Transparency log
 * watch"). Screenshot {@code log-warning.png} with {@code -Dsanwu.screenshots=DIR}.
 */
class LogWarningJourneyTest extends FxRobot {

    @TempDir
    Path dir;
    private SyncServer server;
    private AppContext ctx;

    @BeforeEach
    void start() throws Exception {
        server = Journeys.server(dir.resolve("server"));
        ctx = Journeys.enrolledVillagePc(dir.resolve("pc"), server, Clock.systemUTC());
        ctx.syncService().checkLogEvery(Duration.ZERO);
        Journeys.showMainWindow(ctx);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        server.close();
    }

    @Test
    void aRewrittenLogIsAWarningInTheStatusBar() {
        ServerLog log = new ServerLog(server, DemoData.VILLAGE);
        log.publish(5, "原文");
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#syncMessage").queryAs(Labeled.class).getText()).startsWith("已同步");

        log.wipe();
        log.publish(6, "改写");
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();
        Labeled message = lookup("#syncMessage").queryAs(Labeled.class);
        assertThat(message.getText()).contains("防篡改日志校验失败", "前 5 条");
        Screenshots.saveIfAsked(this, message.getScene(), "log-warning.png");
    }
}
