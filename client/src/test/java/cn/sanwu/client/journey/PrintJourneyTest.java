package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.print.Paper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The clerk opens the demo ledger, previews the sheet, changes the paper and tries to print. */
class PrintJourneyTest extends FxRobot {

    private static final Clock NOVEMBER_5 = Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    private AppContext ctx;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        ctx = new AppContext(dataDir, NOVEMBER_5);
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        Journeys.showMainWindow(ctx, 1000);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
    }

    private String status() {
        return lookup("#printStatus").queryAs(Label.class).getText();
    }

    /** The page count the status line reports (the preview shows one page at a time). */
    private int pageCount() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("共 (\\d+) 页").matcher(status());
        assertThat(m.find()).as(status()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private javafx.scene.image.ImageView pageImage() {
        return lookup("#printPageImage").queryAs(javafx.scene.image.ImageView.class);
    }

    @Test
    void previewShowsThePagesThatPrintAndSaysWhenThereIsNoPrinter() {
        clickOn("财务");
        doubleClickOn(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().startsWith("F02"));
        clickOn("#printPreviewButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status()).matches("共 \\d+ 页，PDF [\\d.]+ KB，A4 纵向.*");
        int pages = pageCount();
        assertThat(pages).isPositive();
        assertThat(pageImage().getImage()).as("the first page is on screen").isNotNull();
        assertThat(lookup("#printPageNo").queryAs(Label.class).getText()).isEqualTo("第 1 页 / 共 " + pages + " 页");
        if (pages > 1) {
            clickOn("#printNextPage");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(lookup("#printPageNo").queryAs(Label.class).getText()).isEqualTo("第 2 页 / 共 " + pages + " 页");
        }

        @SuppressWarnings("unchecked")
        ChoiceBox<Paper> paper = lookup("#printPaper").queryAs(ChoiceBox.class);
        interact(() -> paper.setValue(Paper.A4_LANDSCAPE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status()).contains("A4 横向");
        var first = pageImage();
        assertThat(first.getImage().getWidth()).as("landscape page is wider than tall")
                .isGreaterThan(first.getImage().getHeight());

        clickOn("#printNow");
        WaitForAsyncUtils.waitForFxEvents();
        // The headless test platform has no printer: the clerk is told what to do instead.
        assertThat(status()).contains("本机没有安装打印机").contains("导出PDF");
    }

    @Test
    void wholeBoardOfAYearPrintsEveryNoticeInOneDocument() {
        clickOn("#printBoard");
        WaitForAsyncUtils.waitForFxEvents();
        var field = lookup(".dialog-pane .text-field").queryAs(javafx.scene.control.TextField.class);
        interact(() -> field.setText("2026"));
        clickOn(field).type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        long notices = ctx.notices().search(cn.sanwu.client.notice.NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(n -> n.periodCode().startsWith("2026") && n.status() != cn.sanwu.model.notice.NoticeStatus.NOT_DISCLOSED_FILED)
                .count();
        int pages = pageCount();
        assertThat(notices).isGreaterThan(1);
        assertThat(pages).as(status()).isGreaterThanOrEqualTo((int) notices);
        assertThat(status()).startsWith("共 " + pages + " 页");
    }
}
