package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A PC that was never enrolled: the status bar offers 登记…, a wrong code is refused in the dialog
 * and can be corrected there, the right one enrolls and the first sync runs (headless JavaFX,
 * real H2 file, the real sync server on 127.0.0.1).
 */
class EnrollmentJourneyTest extends FxRobot {

    @TempDir
    Path dir;
    private SyncServer server;
    private AppContext ctx;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        FxToolkit.registerPrimaryStage();
        ctx = new AppContext(dir.resolve("pc"), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        Journeys.showMainWindow(ctx, 1100);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        server.close();
    }

    private String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }

    private void type(String id, String value) {
        clickOn(id);
        interact(() -> lookup(id).queryAs(javafx.scene.control.TextField.class).setText(value));
    }

    @Test
    void enrollFromTheStatusBarCorrectingAWrongCodeInPlace() {
        assertThat(lookup("#enrollLink").queryAs(Hyperlink.class).isVisible()).isTrue();
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#syncMessage")).startsWith("本机尚未登记到同步服务器");
        // 立即同步 on an unenrolled PC opens the same form as the link.
        assertThat(lookup("#enrollDialog").tryQuery()).isPresent();

        type("#enrollAddress", "http://127.0.0.1:" + server.port());
        type("#enrollCode", "AAAA-BBBB-CCCC");
        clickOn("#enrollSend");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#enrollMessage")).contains("登记码无效");
        assertThat(ctx.syncService().enrolled()).isFalse();

        type("#enrollCode", server.devices().issueCode(DemoData.VILLAGE));
        clickOn("#enrollSend");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#enrollMessage")).startsWith("登记成功");
        Screenshots.saveIfAsked(this, lookup("#enrollDialog").query().getScene(), "enroll-dialog.png");
        assertThat(ctx.syncService().enrolled()).isTrue();
        assertThat(lookup("#enrollSend").query().isDisabled()).isTrue();
        assertThat(lookup("#enrollLink").queryAs(Hyperlink.class).isVisible()).isFalse();
        // The first sync ran right after enrolling: every demo notice reached the server.
        assertThat(ctx.sync().status().waiting()).isZero();
        assertThat(text("#syncStatus")).startsWith("已同步");
    }

    @Test
    void enrolledInTheBackgroundAsTheDemoDoesTheLinkGoesAwayWithTheNextSync() throws Exception {
        assertThat(lookup("#enrollLink").queryAs(Hyperlink.class).isVisible()).isTrue();
        ctx.syncService().enroll("http://127.0.0.1:" + server.port(), server.devices().issueCode(DemoData.VILLAGE),
                "村委会电脑", DemoData.VILLAGE);
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#enrollLink").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(text("#syncStatus")).startsWith("已同步");
    }
}
