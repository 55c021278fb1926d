package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.checklist.ChecklistEntry;
import cn.sanwu.client.ledger.LedgerRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A village accountant's first morning, driven through the real window (headless JavaFX, real H2
 * file): choose the village, draft October's 财务收支明细 from the checklist, type ledger lines
 * from the keyboard, see balance and totals, restart the app, find the notice and see it intact.
 */
class ClerkJourneyTest extends FxRobot {

    private static final Clock NOVEMBER_5 = Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    private AppContext ctx;

    @BeforeEach
    void registerStage() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApp() throws Exception {
        FxToolkit.cleanupStages();
        if (ctx != null) {
            ctx.close();
        }
    }

    private void startApp() throws Exception {
        ctx = new AppContext(dataDir, NOVEMBER_5);
        Journeys.showMainWindow(ctx, 1000);
    }

    private void restartApp() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        startApp();
    }

    private void openRecipientListOfAFreshVillage() throws Exception {
        startApp();
        clickOn("#villageCode").write("219901101201");
        clickOn("#villageName").write("红旗村");
        clickOn("#firstRunOk");
        clickOn("村(居)务");
        openChecklistItem("V17  困难残疾人生活补贴和重度残疾人护理补贴对象名单");
    }

    /**
     * Double-clicks a checklist row, first scrolling it into view as the clerk would: how many rows
     * fit depends on the font's line height (the bundled Noto Sans SC is taller than the OS fonts).
     */
    private void openChecklistItem(String rowText) {
        String code = rowText.substring(0, rowText.indexOf(' '));
        for (TableView<?> table : lookup(".table-view").queryAllAs(TableView.class)) {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i) instanceof ChecklistEntry entry && entry.item().code().equals(code)) {
                    int row = i;
                    interact(() -> table.scrollTo(row));
                }
            }
        }
        doubleClickOn(rowText);
        // The editor opens after the FX thread handled the double click; on a loaded 2-core
        // machine that can take longer than one event pulse.
        try {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> lookup("#noticeTitle").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the notice editor did not open after double-clicking " + rowText, e);
        }
    }

    private String labelText(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private static String dump(TableView<LedgerRow> table) {
        StringBuilder b = new StringBuilder();
        for (LedgerRow r : table.getItems()) {
            for (int c = 0; c < LedgerRow.EDITABLE_COLUMNS; c++) {
                b.append('[').append(r.cell(c).get()).append(']');
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void draftMonthlyFinanceNoticeWithLedgerLinesAndFindItAfterRestart() throws Exception {
        startApp();
        clickOn("#villageCode").write("219901101201");
        clickOn("#villageName").write("红旗村");
        clickOn("#firstRunOk");
        assertThat(lookup("#checklistHeadline").queryAs(Label.class).getText()).contains("2026-11-05");

        clickOn("财务");
        openChecklistItem("F02  财务收支明细（各项收入、各项支出，逐项逐笔）");
        assertThat(lookup("#noticeTitle").tryQuery()).isPresent();

        clickOn("#openingBalance").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("1000");
        clickOn("#addLedgerRow");
        write("2026-10-03").type(KeyCode.TAB).write("记-001").type(KeyCode.TAB).write("收到机动地承包费")
                .type(KeyCode.TAB).write("5000").type(KeyCode.TAB).type(KeyCode.TAB);
        write("2026-10-09").type(KeyCode.TAB).write("记-002").type(KeyCode.TAB).write("支付村部电费")
                .type(KeyCode.TAB).type(KeyCode.TAB).write("123.45").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        TableView<LedgerRow> table = lookup("#ledgerTable").queryAs(TableView.class);
        assertThat(table.getItems().stream().filter(r -> !r.isBlank())).hasSize(2);
        assertThat(table.getItems().get(0).balanceProperty().get()).as(() -> dump(table)).isEqualTo("6,000.00");
        assertThat(table.getItems().get(1).balanceProperty().get()).as(() -> dump(table)).isEqualTo("5,876.55");
        assertThat(labelText("#ledgerTotals")).contains("期初余额 ¥1,000.00").contains("收入合计 ¥5,000.00")
                .contains("支出合计 ¥123.45").contains("期末余额 ¥5,876.55");

        press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(labelText("#saveState")).startsWith("已保存");
        assertThat(labelText("#syncStatus")).isEqualTo("离线，1 项待上传");

        restartApp();
        clickOn("查找公告");
        clickOn("#searchText").write("承包费");
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(labelText("#searchSummary")).startsWith("找到 1 条");
        doubleClickOn("红旗村2026年10月财务收支明细公开");
        @SuppressWarnings("unchecked")
        TableView<LedgerRow> reopened = lookup("#ledgerTable").queryAs(TableView.class);
        assertThat(reopened.getItems().stream().filter(r -> !r.isBlank()).map(r -> r.summary.get()))
                .containsExactly("收到机动地承包费", "支付村部电费");
        assertThat(labelText("#ledgerTotals")).contains("期末余额 ¥5,876.55");
    }

    @Test
    void recipientListShowsMaskedIdAndFlagsABadChecksum() throws Exception {
        openRecipientListOfAFreshVillage();
        clickOn("#addRecipientRow");
        write("赵大勇").type(KeyCode.TAB).write("二组").type(KeyCode.TAB).write("3").type(KeyCode.TAB).write("100.50")
                .type(KeyCode.TAB).write("219901199001011234").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<cn.sanwu.client.recipients.RecipientRow> table = lookup("#recipientTable").queryAs(TableView.class);
        var row = table.getItems().getFirst();
        assertThat(row.maskedIdNumber.get()).isEqualTo("219901********1234");
        assertThat(row.problem.get()).contains("校验位");
        String valid = "21990119900101123" + cn.sanwu.model.validation.IdNumber.checkCharacter("21990119900101123");
        interact(() -> row.idNumber.set(valid));
        assertThat(row.problem.get()).isEmpty();
        press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(labelText("#saveState")).startsWith("已保存");
    }

    /** Ctrl+S and closing the window do not move the focus out of a cell: its typing must still be saved. */
    @Test
    void textStillBeingTypedInACellIsSavedByCtrlSAndByClosingTheWindow() throws Exception {
        openRecipientListOfAFreshVillage();
        // Back home and open the same entry again before anything was saved: the open draft comes back.
        TabPane tabPane = lookup(".tab-pane").queryAs(TabPane.class);
        interact(() -> tabPane.getSelectionModel().selectFirst());
        openChecklistItem("V17  困难残疾人生活补贴和重度残疾人护理补贴对象名单");
        assertThat(tabPane.getTabs()).hasSize(3);
        assertThat(tabPane.getSelectionModel().getSelectedIndex()).as("the open draft's tab is selected again").isEqualTo(2);
        clickOn("#addRecipientRow");
        write("赵大勇");
        press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<cn.sanwu.client.recipients.RecipientRow> table = lookup("#recipientTable").queryAs(TableView.class);
        assertThat(table.getItems().getFirst().name.get()).isEqualTo("赵大勇");
        assertThat(labelText("#saveState")).startsWith("已保存");

        type(KeyCode.TAB).write("二组");
        assertThat(table.getEditingCell()).as("the group cell is still open").isNotNull();
        assertThat(table.getEditingCell().getRow()).isZero();
        assertThat(table.getEditingCell().getColumn()).isEqualTo(1);
        javafx.stage.Stage stage = (javafx.stage.Stage) table.getScene().getWindow();
        interact(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();

        restartApp();
        clickOn("村(居)务");
        openChecklistItem("V17  困难残疾人生活补贴和重度残疾人护理补贴对象名单");
        @SuppressWarnings("unchecked")
        TableView<cn.sanwu.client.recipients.RecipientRow> reopened = lookup("#recipientTable").queryAs(TableView.class);
        assertThat(reopened.getItems().getFirst().name.get()).isEqualTo("赵大勇");
        assertThat(reopened.getItems().getFirst().group.get()).isEqualTo("二组");
    }
}
