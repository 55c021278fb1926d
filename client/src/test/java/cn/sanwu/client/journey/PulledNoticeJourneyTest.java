package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An editor is open on a notice while another PC of the village changes it: the next sync writes
 * the newer version here and the open editor shows it (instead of failing its next save with an
 * edit conflict); typing that is still open is saved before the sync and becomes a conflict, never
 * overwritten. Headless JavaFX, real H2 files, the real server on 127.0.0.1.
 */
class PulledNoticeJourneyTest extends FxRobot {

    @TempDir
    Path dir;
    private SyncServer server;
    private AppContext pcA;
    private AppContext pcB;
    private Notice notice;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        pcA = pc("a");
        pcB = pc("b");
        var item = pcA.catalog().find("V13").orElseThrow();
        notice = pcA.notices().save(pcA.notices().newDraft(DemoData.VILLAGE, item, new Period.Quarter(2026, 3),
                "红旗村宅基地审批结果公开", "第一稿"));
        assertThat(pcA.syncService().syncNow().ok()).isTrue();
        assertThat(pcB.syncService().syncNow().ok()).isTrue();
        FxToolkit.registerPrimaryStage();
        Journeys.showMainWindow(pcA, 1100);
        clickOn("查找公告");
        clickOn("#searchText").write("宅基地审批结果");
        WaitForAsyncUtils.sleep(400, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        doubleClickOn("红旗村宅基地审批结果公开");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(body().getText()).isEqualTo("第一稿");
    }

    private AppContext pc(String name) throws Exception {
        AppContext ctx = new AppContext(dir.resolve(name), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        ctx.syncService().enroll("http://127.0.0.1:" + server.port(), server.devices().issueCode(DemoData.VILLAGE), name,
                DemoData.VILLAGE);
        return ctx;
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        pcA.close();
        pcB.close();
        server.close();
    }

    private TextInputControl body() {
        return lookup("#noticeBody").queryAs(TextInputControl.class);
    }

    private void otherPcWrites(String text) {
        Notice there = pcB.notices().find(notice.id()).orElseThrow();
        NoticeContent c = there.content();
        pcB.notices().save(there.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), text,
                c.tables(), c.journal(), c.recipients())));
        assertThat(pcB.syncService().syncNow().ok()).isTrue();
    }

    @Test
    void anOpenEditorShowsTheVersionAnotherPcSynced() {
        otherPcWrites("另一台电脑改过的正文");
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(body().getText()).isEqualTo("另一台电脑改过的正文");
        assertThat(lookup("#syncMessage").queryAs(Labeled.class).getText()).startsWith("已载入别处更新的版本");
        // And it edits on from that version: the next save is not an edit conflict.
        interact(() -> body().setText("在新版本上接着改"));
        WaitForAsyncUtils.sleep(2, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Notice stored = pcA.notices().find(notice.id()).orElseThrow();
        assertThat(stored.content().body()).isEqualTo("在新版本上接着改");
        assertThat(stored.revision()).isEqualTo(3);
    }

    @Test
    void typingStillOpenIsSavedFirstAndBecomesAConflictNotOverwritten() {
        otherPcWrites("另一台电脑改过的正文");
        interact(() -> body().setText("本机刚打的字"));
        clickOn("#syncNow");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(body().getText()).isEqualTo("本机刚打的字");
        assertThat(pcA.notices().find(notice.id()).orElseThrow().content().body()).isEqualTo("本机刚打的字");
        assertThat(pcA.conflicts().openCount()).isEqualTo(1);
        assertThat(lookup("#conflictLink").queryAs(Labeled.class).getText()).isEqualTo("1 个冲突");
    }
}
