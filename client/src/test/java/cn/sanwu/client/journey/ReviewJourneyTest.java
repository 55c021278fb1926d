package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.print.SheetOptions;
import cn.sanwu.client.print.SheetPdfWriter;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 5's journey with the real server on 127.0.0.1 and the real client store: the village signs
 * off and submits → the township (township mode, logged in) returns it with a comment → the village
 * sees the comment, fixes, signs off and submits again → the township sees the diff and approves
 * and publishes → the village sees the 公开编号 and prints the sheet without the draft watermark.
 */
class ReviewJourneyTest extends ReviewJourneyBase {

    @Test
    void submitReturnFixApprovePublishAndPrintClean() throws Exception {
        clickOn("财务");
        doubleClickOn(n -> n instanceof Labeled l && l.getText() != null && l.getText().startsWith("F02"));
        WaitForAsyncUtils.waitForFxEvents();
        signOffAndSubmit();

        // Township mode: a real login against the server, the queue in its own window.
        openTownship();
        ListView<?> queue = inTownship("#reviewQueue", ListView.class);
        assertThat(queue.getItems()).hasSize(1);
        assertThat(inTownship("#financeChecks", ListView.class).getItems()).isNotEmpty();
        Screenshots.saveIfAsked(this, township.getScene(), "township-review.png");
        // The township window would lie over the village's: the robot's clicks must reach the village.
        interact(township::hide);
        interact(() -> inTownship("#returnComment", TextArea.class).setText("请在正文中写明本季度主要支出项目"));
        interact(() -> inTownship("#returnButton", javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inTownship("#reviewMessage", Labeled.class).getText()).startsWith("已退回");
        assertThat(queue.getItems()).isEmpty();

        // The village sees the comment after its next sync, fixes and submits again.
        syncVillage();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.RETURNED.nameZh());
        assertThat(text("#reviewLine")).contains("乡镇退回意见：请在正文中写明本季度主要支出项目");
        Screenshots.saveIfAsked(this, lookup("#noticeBody").query().getScene(), "village-returned.png");
        TextArea body = lookup("#noticeBody").queryAs(TextArea.class);
        interact(() -> body.setText(body.getText() + "\n本季度主要支出：道路维修、办公用品。"));
        clickOn("#saveNotice");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.DRAFT.nameZh());
        signOffAndSubmit();

        // The township sees what changed and approves and publishes.
        interact(() -> inTownship("#refreshQueue", javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(queue.getItems()).hasSize(1);
        assertThat(inTownship("#previousDiff", ListView.class).getItems())
                .anySatisfy(line -> assertThat(line.toString()).startsWith("+ ").contains("道路维修"));
        interact(() -> inTownship("#approvePublishButton", javafx.scene.control.Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        String published = inTownship("#reviewMessage", Labeled.class).getText();
        assertThat(published).contains("公开编号 219901101201-").matches(".*-\\d{4}-0001$");
        String number = published.substring(published.indexOf("219901101201-"));

        // The village sees the number and prints the sheet clean.
        syncVillage();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.PUBLISHED.nameZh());
        assertThat(text("#reviewLine")).contains("公开编号：" + number).contains("乡镇审核通过");
        Screenshots.saveIfAsked(this, lookup("#noticeBody").query().getScene(), "village-published.png");
        Notice notice = ctx.notices().search(cn.sanwu.client.notice.NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status() == NoticeStatus.PUBLISHED).findFirst()
                .flatMap(s -> ctx.notices().find(s.id())).orElseThrow();
        var village = ctx.villages().profile().orElseThrow();
        var sheet = ctx.sheets().sheet(notice, village, SheetOptions.defaults(LocalDate.of(2026, 11, 5)));
        assertThat(sheet.draft()).isFalse();
        SheetPdfWriter.Result pdf = ctx.sheets().pdf(notice.id(), village, SheetOptions.defaults(LocalDate.of(2026, 11, 5)));
        String printed;
        try (var doc = Loader.loadPDF(pdf.pdf())) {
            printed = new PDFTextStripper().getText(doc);
        }
        assertThat(printed).contains("公开编号：" + number).contains("乡镇审核通过").doesNotContain(SheetPdfWriter.DRAFT_WATERMARK);
        String out = System.getProperty("sanwu.screenshots");
        if (out != null) {
            Files.write(Path.of(out).resolve("published-sheet.pdf"), pdf.pdf());
        }
    }
}
