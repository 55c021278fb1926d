package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.SyncServer;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real sync server refuses a change (a notice of another village in this PC's store): the
 * status bar links to 被拒绝的修改, which shows the server's reason, and 重新上传 queues it again
 * (headless JavaFX, real H2 file, the real server on 127.0.0.1).
 */
class RefusedJourneyTest extends FxRobot {

    @TempDir
    Path dir;
    private SyncServer server;
    private AppContext ctx;

    @BeforeEach
    void start() throws Exception {
        server = Journeys.server(dir.resolve("server"));
        ctx = Journeys.enrolledVillagePc(dir.resolve("pc"), server, Clock.systemUTC());
        var item = ctx.catalog().find("V13").orElseThrow();
        ctx.notices().save(ctx.notices().newDraft("219901101202", item, new Period.Quarter(2026, 3), "别村的公告", "正文"));
        assertThat(ctx.syncService().syncNow().ok()).isTrue();
        FxToolkit.registerPrimaryStage();
        Journeys.showMainWindow(ctx, 1100);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        server.close();
    }

    @Test
    void theServersReasonIsShownAndTheChangeCanBeQueuedAgain() {
        assertThat(lookup("#syncStatus").queryAs(Labeled.class).getText()).startsWith("已同步");
        Hyperlink link = lookup("#refusedLink").queryAs(Hyperlink.class);
        assertThat(link.isVisible()).isTrue();
        assertThat(link.getText()).isEqualTo("1 项被服务器拒绝");
        clickOn("#refusedLink");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<?> list = lookup("#refusedList").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(1);
        String line = ((cn.sanwu.client.refused.RefusedView) lookup("#refused").query()).lookupAll(".list-cell").stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null && !t.isEmpty()).findFirst().orElseThrow();
        assertThat(line).contains("V13 2026-Q3　别村的公告").contains("被拒绝于").contains("只能同步本村的公告");
        Screenshots.saveIfAsked(this, link.getScene(), "refused-changes.png");

        clickOn("#refusedRequeue");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#refusedMessage").queryAs(Labeled.class).getText()).isEqualTo("已重新排队，下次同步时上传。");
        assertThat(list.getItems()).isEmpty();
        assertThat(link.isVisible()).isFalse();
        assertThat(ctx.sync().status().waiting()).isEqualTo(1);
    }
}
