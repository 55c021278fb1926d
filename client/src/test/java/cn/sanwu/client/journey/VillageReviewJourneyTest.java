package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.print.SheetOptions;
import cn.sanwu.client.print.SheetPdfWriter;
import cn.sanwu.client.review.TownshipPublishedViewModel;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review screens beyond the first publication, with the real server on 127.0.0.1 and the real
 * client store: 更正 (published → 更正… → sign-off, submit → township approves and publishes → both
 * publications in the village's history, a new 公开编号, the old one superseded), withdrawal from
 * the township's 已公开 tab (the village sees 已撤回 and the reason, the sheet prints the mark and
 * the committee's opinion), 村账乡管 entry reaching the village PC with the entering reviewer's
 * approval refused, and a 不公开备案 filing reviewed and locked.
 */
class VillageReviewJourneyTest extends ReviewJourneyBase {

    @Test
    void correctThenWithdrawAndPrintTheWithdrawnSheet() throws Exception {
        clickOn("财务");
        doubleClickOn(n -> n instanceof Labeled l && l.getText() != null && l.getText().startsWith("F02"));
        WaitForAsyncUtils.waitForFxEvents();
        signOffAndSubmit();
        openTownship();
        interact(township::hide); // the robot's clicks must reach the village window
        fire("#approvePublishButton");
        String first = townshipMessage("#reviewMessage");
        assertThat(first).matches(".*219901101201-\\d{4}-0001$");
        first = first.substring(first.indexOf("219901101201-"));
        syncVillage();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.PUBLISHED.nameZh());

        // 更正: a blank reason is refused in the dialog, nothing changes; a real one opens a draft.
        assertThat(lookup("#correctButton").queryButton().isVisible()).isTrue();
        clickOn("#correctButton");
        WaitForAsyncUtils.waitForFxEvents();
        clickDefaultButton();
        assertThat(text("#correctionError")).contains("请填写更正理由");
        interact(() -> lookup("#correctionReason").queryAs(TextArea.class).setText("道路维修支出金额录入有误，更正为实际金额"));
        clickDefaultButton();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.DRAFT.nameZh());
        assertThat(text("#reviewLine")).contains("更正中").contains("公开编号 " + first + " 在更正公开前继续有效");
        TextArea body = lookup("#noticeBody").queryAs(TextArea.class);
        interact(() -> body.setText(body.getText() + "\n（更正：道路维修材料款以发票为准。）"));
        clickOn("#saveNotice");
        WaitForAsyncUtils.waitForFxEvents();
        signOffAndSubmit();

        // The township sees a correction beside the publication in force, approves and publishes it.
        fire("#refreshQueue");
        ListView<?> queue = inTownship("#reviewQueue", ListView.class);
        assertThat(queue.getItems()).singleElement().asString().isNotNull();
        assertThat(inTownship("#submissionDetails", Labeled.class).getText()).contains("更正理由：道路维修支出金额录入有误");
        fire("#approvePublishButton");
        String second = townshipMessage("#reviewMessage");
        assertThat(second).matches(".*219901101201-\\d{4}-0002$");
        second = second.substring(second.indexOf("219901101201-"));

        syncVillage();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.PUBLISHED.nameZh());
        assertThat(text("#reviewLine")).contains("公开编号：" + second);
        ListView<?> history = lookup("#publicationHistory").queryAs(ListView.class);
        assertThat(history.getItems()).hasSize(2);
        assertThat(history.getItems().get(0).toString()).contains(second).contains("更正理由：道路维修支出金额录入有误").contains("现行有效");
        assertThat(history.getItems().get(1).toString()).contains(first).contains("已被 " + second + " 更正取代");
        Screenshots.saveIfAsked(this, lookup("#noticeBody").query().getScene(), "village-corrected.png");

        // Withdrawal from the township's 已公开 tab: a blank reason sends nothing.
        townshipTab(1);
        ListView<TownshipPublishedViewModel.Entry> published = inTownship("#publishedList", ListView.class);
        assertThat(published.getItems()).singleElement().satisfies(e -> assertThat(e.number()).isEqualTo(
                lookup("#reviewLine").queryAs(Labeled.class).getText().replaceAll(".*公开编号：(\\S+).*", "$1")));
        interact(() -> published.getSelectionModel().select(0));
        assertThat(inTownship("#withdrawButton", Button.class).isDisabled()).isFalse();
        fire("#withdrawButton");
        assertThat(townshipMessage("#publishedMessage")).isEqualTo("撤回须填写公开的理由，未撤回。");
        interact(() -> inTownship("#withdrawReason", TextArea.class).setText("经村民代表会议决定，该期收支待审计后重新公开"));
        townshipScreenshot("township-withdraw.png");
        fire("#withdrawButton");
        assertThat(townshipMessage("#publishedMessage")).startsWith("已撤回").contains(second);
        assertThat(published.getItems()).isEmpty();

        syncVillage();
        assertThat(text("#noticeStatus")).contains(NoticeStatus.WITHDRAWN.nameZh());
        assertThat(text("#reviewLine")).contains("已撤回：经村民代表会议决定");
        // The sync reloaded the editor: a new list.
        assertThat(lookup("#publicationHistory").queryAs(ListView.class).getItems().get(0).toString()).contains("已撤回");
        assertThat(lookup("#correctButton").queryButton().isVisible()).isFalse();
        Screenshots.saveIfAsked(this, lookup("#noticeBody").query().getScene(), "village-withdrawn.png");

        Notice notice = ctx.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status() == NoticeStatus.WITHDRAWN).findFirst()
                .flatMap(s -> ctx.notices().find(s.id())).orElseThrow();
        var village = ctx.villages().profile().orElseThrow();
        SheetPdfWriter.Result pdf = ctx.sheets().pdf(notice.id(), village, SheetOptions.defaults(LocalDate.of(2026, 11, 5)));
        String printed;
        try (var doc = Loader.loadPDF(pdf.pdf())) {
            printed = new PDFTextStripper().getText(doc);
        }
        assertThat(printed).contains(SheetPdfWriter.WITHDRAWN_MARK).contains("撤回理由：经村民代表会议决定")
                .contains("更正：本榜更正公开编号 " + first)
                .contains("公开编号：" + second).doesNotContain(SheetPdfWriter.DRAFT_WATERMARK)
                // The committee signed exactly this content at the PC: its opinion fills the box.
                .contains("监委会成员：张监委").contains("经核对，内容属实，同意公开。");
        String out = System.getProperty("sanwu.screenshots");
        if (out != null) {
            Files.write(Path.of(out).resolve("withdrawn-sheet.pdf"), pdf.pdf());
        }
    }

    @Test
    void townshipEntryReachesTheVillageAndItsAuthorCannotApproveAndAFilingIsReviewed() {
        openTownship();
        interact(township::hide);
        townshipTab(2);
        ComboBox<TownshipPublishedViewModel.Village> village = inTownship("#entryVillage", ComboBox.class);
        assertThat(village.getItems()).extracting(TownshipPublishedViewModel.Village::code).contains(DemoData.VILLAGE);
        fire("#entrySend");
        assertThat(townshipMessage("#entryMessage")).isEqualTo("请选择村，未发送。");
        ComboBox<?> item = inTownship("#entryItem", ComboBox.class);
        ComboBox<?> period = inTownship("#entryPeriod", ComboBox.class);
        interact(() -> {
            village.getSelectionModel().select(village.getItems().stream().filter(v -> v.code().equals(DemoData.VILLAGE))
                    .findFirst().orElseThrow());
            item.getSelectionModel().select(0);
            period.getSelectionModel().select(2); // three months back: the village has no notice of it yet
        });
        fire("#entrySend");
        assertThat(townshipMessage("#entryMessage")).isEqualTo("请录入至少一行收支明细，未发送。");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<LedgerRow> table = inTownship("#ledgerTable", javafx.scene.control.TableView.class);
        interact(() -> {
            LedgerRow r = new LedgerRow();
            r.date.set("2026-08-05");
            r.voucherNo.set("记-001");
            r.summary.set("乡镇代记：收到村级运转经费");
            r.income.set("35000");
            table.getItems().add(r);
        });
        townshipScreenshot("township-entry.png");
        fire("#entrySend");
        assertThat(townshipMessage("#entryMessage")).startsWith("已发送：红旗村");

        // The village PC receives it on its next sync, as a draft the village signs off and submits.
        syncVillage();
        Notice entered = ctx.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.title().contains("财务收支明细") && s.periodCode().equals("2026-08")).findFirst()
                .flatMap(s -> ctx.notices().find(s.id())).orElseThrow();
        assertThat(entered.status()).isEqualTo(NoticeStatus.DRAFT);
        assertThat(entered.content().journal().entries()).singleElement()
                .satisfies(e -> assertThat(e.summary()).isEqualTo("乡镇代记：收到村级运转经费"));
        Notice signed = ctx.notices().signOff(entered, "张监委", "经核对，内容属实，同意公开。");
        ctx.notices().submit(signed);

        // 不公开备案: the demo's filing of V28, signed off and submitted the same way.
        Notice filing = ctx.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status() == NoticeStatus.NOT_DISCLOSED_FILED).findFirst()
                .flatMap(s -> ctx.notices().find(s.id())).orElseThrow();
        ctx.notices().submit(ctx.notices().signOff(filing, "张监委", "情况属实，同意备案。"));
        syncVillage();

        townshipTab(0);
        ListView<cn.sanwu.client.review.TownshipReviewViewModel.Entry> queue = inTownship("#reviewQueue", ListView.class);
        assertThat(queue.getItems()).hasSize(2);
        var own = queue.getItems().stream().filter(e -> e.noticeId().equals(entered.id())).findFirst().orElseThrow();
        interact(() -> queue.getSelectionModel().select(own));
        fire("#approveButton");
        assertThat(townshipMessage("#reviewMessage")).startsWith("未批准：").contains("不能批准自己录入或提交的公告");
        townshipScreenshot("township-self-approval.png");
        assertThat(queue.getItems()).as("still waiting for another reviewer").hasSize(2);

        var filed = queue.getItems().stream().filter(e -> e.noticeId().equals(filing.id())).findFirst().orElseThrow();
        assertThat(filed.label()).contains("（不公开备案）");
        interact(() -> queue.getSelectionModel().select(filed));
        assertThat(inTownship("#submissionDetails", Labeled.class).getText()).contains("不公开备案原因：本村自来水");
        fire("#approveButton");
        assertThat(townshipMessage("#reviewMessage")).startsWith("已批准");

        syncVillage();
        Notice accepted = ctx.notices().find(filing.id()).orElseThrow();
        assertThat(accepted.status()).isEqualTo(NoticeStatus.NOT_DISCLOSED_FILED);
        assertThat(ctx.notices().reviewInfo(filing.id()).filingAccepted()).isTrue();
        UUID id = accepted.id();
        assertThat(id).isEqualTo(filing.id());
    }
}
