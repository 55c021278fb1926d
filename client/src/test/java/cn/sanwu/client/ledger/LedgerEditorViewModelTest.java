package cn.sanwu.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerEditorViewModelTest {

    @Test
    void runningBalanceAndTotalsFollowEveryEdit() {
        LedgerEditorViewModel vm = new LedgerEditorViewModel();
        vm.openingBalanceFenProperty().set(100_000);
        LedgerRow a = vm.addRow();
        a.date.set("2026-10-03");
        a.voucherNo.set("记-001");
        a.summary.set("收到承包费");
        a.income.set("5,000");
        LedgerRow b = vm.addRow();
        b.date.set("2026/10/9");
        b.voucherNo.set("记-002");
        b.summary.set("支付电费");
        b.expense.set("123.45");
        assertThat(a.balanceProperty().get()).isEqualTo("6,000.00");
        assertThat(b.balanceProperty().get()).isEqualTo("5,876.55");
        assertThat(vm.totalIncomeFen()).isEqualTo(500_000);
        assertThat(vm.totalExpenseFen()).isEqualTo(12_345);
        assertThat(vm.closingBalanceFen()).isEqualTo(587_655);
        assertThat(vm.totalsTextProperty().get()).contains("收入合计 ¥5,000.00").contains("期末余额 ¥5,876.55");
        assertThat(vm.closingUppercaseProperty().get()).endsWith("伍仟捌佰柒拾陆元伍角伍分");

        b.expense.set("1123.45");
        assertThat(b.balanceProperty().get()).isEqualTo("4,876.55");
    }

    @Test
    void unparseableRowIsFlaggedKeptAndLeftOutOfTotals() {
        LedgerEditorViewModel vm = new LedgerEditorViewModel();
        LedgerRow good = vm.addRow();
        good.date.set("2026-10-03");
        good.voucherNo.set("1");
        good.summary.set("收入");
        good.income.set("10");
        LedgerRow bad = vm.addRow();
        bad.date.set("2026-10-05");
        bad.voucherNo.set("2");
        bad.summary.set("支出");
        bad.expense.set("12.345");
        assertThat(bad.problemProperty().get()).contains("两位小数");
        assertThat(vm.rowsWithProblems()).isEqualTo(1);
        assertThat(vm.toJournal().entries()).hasSize(1);
        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.totalsTextProperty().get()).contains("1 行有误");
        LedgerRow badDate = vm.addRow();
        badDate.date.set("2026-13-01");
        badDate.income.set("1");
        assertThat(badDate.problemProperty().get()).contains("日期");
    }

    @Test
    void pasteFromExcelOverwritesFromFocusedRowAndAddsRows() {
        LedgerEditorViewModel vm = new LedgerEditorViewModel();
        vm.addRow().summary.set("will be overwritten");
        String clipboard = "2026-10-01\t记-001\t收到补助\t1000.00\t\t1000.00\r\n"
                + "2026-10-02\t记-002\t支付工资\t\t300\t700.00\r\n\r\n";
        assertThat(vm.pasteTabSeparated(clipboard, 0)).isEqualTo(2);
        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.rows().get(0).summary.get()).isEqualTo("收到补助");
        assertThat(vm.closingBalanceFen()).isEqualTo(70_000);
        assertThat(vm.pasteTabSeparated("", 0)).isZero();
    }

    @Test
    void loadShowsStoredJournal() {
        LedgerEditorViewModel vm = new LedgerEditorViewModel();
        vm.load(new CashJournal(AccountingEntity.COOPERATIVE, 5, List.of(
                new LedgerEntry(LocalDate.of(2026, 1, 2), "9", "利息", 7, 0))));
        assertThat(vm.entityProperty().get()).isEqualTo(AccountingEntity.COOPERATIVE);
        assertThat(vm.rows().get(0).income.get()).isEqualTo("0.07");
        assertThat(vm.rows().get(0).balanceProperty().get()).isEqualTo("0.12");
    }

    @Test
    void dateFormatsClerksType() {
        LocalDate d = LocalDate.of(2026, 11, 5);
        LedgerEditorViewModel vm = new LedgerEditorViewModel();
        assertThat(vm.parseDate("2026-11-05")).isEqualTo(d);
        assertThat(vm.parseDate("2026/11/5")).isEqualTo(d);
        assertThat(vm.parseDate("2026.11.5")).isEqualTo(d);
        assertThat(vm.parseDate("2026年11月5日")).isEqualTo(d);
        assertThat(vm.parseDate("２０２６－１１－０５")).isEqualTo(d);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.parseDate("11-05")).hasMessageContaining("年份");
        vm.setDefaultYear(2026);
        assertThat(vm.parseDate("11-05")).isEqualTo(d);
    }
}
