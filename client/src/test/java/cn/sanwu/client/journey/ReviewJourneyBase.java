package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.review.TownshipReviewWindow;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.access.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The world of the review journeys: the real sync server on 127.0.0.1 with the demo regions and a
 * township reviewer (王芳), the village PC's real store with the demo data, enrolled, its main
 * window shown; and the steps they share (sync, committee sign-off and submission, township mode).
 */
abstract class ReviewJourneyBase extends FxRobot {

    static final Clock NOVEMBER_5 = Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    SyncServer server;
    AppContext ctx;
    Stage township;

    @BeforeEach
    void start() throws Exception {
        server = Journeys.server(dir.resolve("server"));
        server.accounts().users().createUser("wang.fang", "王芳", Role.TOWNSHIP_REVIEWER, "219901101000", "wang-fang-password");
        ctx = Journeys.enrolledVillagePc(dir.resolve("pc"), server, NOVEMBER_5);
        Journeys.showMainWindow(ctx, 1100);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (township != null) {
            interact(township::close);
        }
        ctx.close();
        server.close();
    }

    String text(String id) {
        return lookup(id).queryAs(Labeled.class).getText();
    }

    void syncVillage() {
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();
    }

    void clickDefaultButton() {
        clickOn(lookup(".dialog-pane .button").match(n -> n instanceof Button b && b.isDefaultButton()).queryButton());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** 监委会审核… by 张监委 with the default opinion, 提交乡镇审核, sync. */
    void signOffAndSubmit() {
        clickOn("#signOffButton");
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = lookup("#signOffName").queryAs(TextField.class);
        interact(() -> name.setText("张监委"));
        clickDefaultButton();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.SIGNED_OFF.nameZh());
        assertThat(text("#reviewLine")).contains("张监委");
        clickOn("#submitButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.SUBMITTED.nameZh());
        syncVillage();
    }

    /** Township mode: a real login against the server, its window of its own (shown). */
    void openTownship() {
        interact(() -> TownshipReviewWindow.open(new TownshipReviewWindow.Login("http://127.0.0.1:" + server.port(),
                "wang.fang", "wang-fang-password"), BackgroundRunner.direct(), Clock.systemUTC(), ctx.catalog(),
                e -> { throw new AssertionError(e); }, s -> township = s));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows tab {@code index} of the township window (only the shown tab's content is in the scene). */
    void townshipTab(int index) {
        interact(() -> ((TabPane) township.getScene().getRoot()).getSelectionModel().select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T extends javafx.scene.Node> T inTownship(String id, Class<T> type) {
        return type.cast(township.getScene().lookup(id));
    }

    void fire(String id) {
        interact(() -> inTownship(id, Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    String townshipMessage(String id) {
        return inTownship(id, Labeled.class).getText();
    }

    /**
     * The township window is kept hidden while the robot clicks the village's (it would lie over
     * it) and renders only while shown: shown for the picture, hidden again.
     */
    void townshipScreenshot(String name) {
        interact(township::show);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.saveIfAsked(this, township.getScene(), name);
        interact(township::hide);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
