package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A notice changed here and, meanwhile, by the township on the server: the status bar says so,
 * its conflict count opens the conflict screen with both versions side by side, and the clerk
 * decides (headless JavaFX, real H2 file, the sync engine fed a CONFLICT answer directly).
 */
class ConflictJourneyTest extends FxRobot {

    private static final Clock NOVEMBER_5 = Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    private AppContext ctx;
    private Notice mine;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        ctx = new AppContext(dataDir, NOVEMBER_5);
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        String village = ctx.villages().profile().orElseThrow().code();
        var item = ctx.catalog().find("V13").orElseThrow();
        mine = ctx.notices().save(ctx.notices().newDraft(village, item, new Period.Quarter(2026, 3), "宅基地审批公开",
                "本机写的正文"));
        answerWithAConflict();
        Journeys.showMainWindow(ctx, 1100);
    }

    /** The server already holds revision 4 of the notice, written by the township. */
    private void answerWithAConflict() {
        SyncProtocol.Request sent = ctx.sync().prepare();
        SyncProtocol.Mutation m = sent.mutations().stream().filter(x -> x.entityId().equals(mine.id())).findFirst().orElseThrow();
        NoticeContent c = mine.content();
        Notice theirs = new Notice(mine.id(), new NoticeContent(c.villageCode(), c.itemCode(), c.period(), "宅基地审批公开（乡镇修改）",
                "乡镇改过的正文", c.tables(), c.journal(), c.recipients()), mine.status(), 4, "", mine.updatedAt());
        ctx.sync().apply(sent, new SyncProtocol.Response(SyncProtocol.VERSION, List.of(new SyncProtocol.MutationResult(
                m.mutationId(), SyncProtocol.Outcome.CONFLICT, 4, NoticePayload.toTree(NoticePayload.toJson(theirs)),
                "服务器上已有更新的版本。")), List.of(), 12, false, false));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
    }

    private String text(String id) {
        return lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    private void openConflictScreen() {
        // 01:00 UTC is 09:00 China time, the zone every time on screen uses.
        assertThat(text("#syncStatus")).startsWith("已同步 09:00").contains("项待上传");
        assertThat(text("#conflictLink")).isEqualTo("1 个冲突");
        clickOn("#conflictLink");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#conflictMineTitle").queryAs(Label.class).getText()).isEqualTo("宅基地审批公开");
        assertThat(lookup("#conflictMineBody").queryAs(TextArea.class).getText()).isEqualTo("本机写的正文");
        assertThat(lookup("#conflictTheirsTitle").queryAs(Label.class).getText()).isEqualTo("宅基地审批公开（乡镇修改）");
        assertThat(lookup("#conflictTheirsBody").queryAs(TextArea.class).getText()).isEqualTo("乡镇改过的正文");
        assertThat(text("#conflictMineJournal")).isEqualTo("（没有收支表）");
        Screenshots.saveIfAsked(this, lookup("#conflicts").query().getScene(), "conflict-screen.png");
    }

    @Test
    void keepMineFromTheStatusBarsConflictCount() {
        openConflictScreen();
        clickOn("#keepMine");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text("#conflictMessage")).isEqualTo("已处理：保留我的");
        assertThat(lookup("#conflictLink").queryAs(Hyperlink.class).isVisible()).isFalse();
        assertThat(ctx.conflicts().openCount()).isZero();
        Notice kept = ctx.notices().find(mine.id()).orElseThrow();
        assertThat(kept.content().body()).isEqualTo("本机写的正文");
        assertThat(kept.revision()).as("server revision + 1, queued on the server's revision").isEqualTo(5);
        SyncProtocol.Request next = ctx.sync().prepare();
        assertThat(next.mutations()).filteredOn(x -> x.entityId().equals(mine.id()))
                .singleElement().extracting(SyncProtocol.Mutation::baseRevision).isEqualTo(4);
        assertThat(next.cursor()).isEqualTo(12);
    }

    @Test
    void editMergeOpensTheEditorOnMyVersion() {
        openConflictScreen();
        clickOn("#editMerge");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#noticeBody").queryAs(TextInputControl.class).getText()).isEqualTo("本机写的正文");
        assertThat(ctx.conflicts().openCount()).isZero();
    }

    @Test
    void takeTheirsWritesTheServersVersion() {
        openConflictScreen();
        clickOn("#takeTheirs");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text("#conflictMessage")).isEqualTo("已处理：采用对方");
        Notice now = ctx.notices().find(mine.id()).orElseThrow();
        assertThat(now.content().body()).isEqualTo("乡镇改过的正文");
        assertThat(now.revision()).isEqualTo(4);
    }
}
