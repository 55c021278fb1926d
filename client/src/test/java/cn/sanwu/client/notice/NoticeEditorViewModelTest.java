package cn.sanwu.client.notice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.task.Debounce;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeEditorViewModelTest {

    @TempDir
    Path dir;

    private final CatalogItem ledgerItem = TestStores.CATALOG.find("F02").orElseThrow();
    private final Period october = new Period.Month(YearMonth.of(2026, 10));

    @Test
    void typingAutosavesAfterQuietPeriodAndHalfTypedRowsSurviveRestart() {
        Notice saved;
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Debounce.Manual autosave = Debounce.manual();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem,
                    service.newDraft(TestStores.VILLAGE, ledgerItem, october, "十月收支", ""), autosave, TestStores.CLOCK);
            assertThat(vm.saveStateProperty().get()).contains("尚未保存");
            vm.titleProperty().set("红旗村十月财务收支明细");
            LedgerRow row = vm.ledger().addRow();
            row.date.set("2026-10-03");
            row.voucherNo.set("记-001");
            row.summary.set("收到承包费");
            row.income.set("5000");
            LedgerRow halfTyped = vm.ledger().addRow();
            halfTyped.summary.set("支付水泥款");
            halfTyped.expense.set("12.3.4");
            assertThat(vm.dirtyProperty().get()).isTrue();
            assertThat(autosave.hasPending()).isTrue();
            autosave.runPending();
            assertThat(vm.dirtyProperty().get()).isFalse();
            assertThat(vm.saveStateProperty().get()).startsWith("已保存");
            assertThat(vm.problems()).anyMatch(p -> p.contains("无法识别"));
            saved = vm.current();
            assertThat(saved.content().journal().entries()).hasSize(1);
        }
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Notice back = service.find(saved.id()).orElseThrow();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem, back, Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.titleProperty().get()).isEqualTo("红旗村十月财务收支明细");
            assertThat(vm.ledger().rows()).hasSize(2);
            assertThat(vm.ledger().rows().get(1).expense.get()).isEqualTo("12.3.4");
            assertThat(vm.ledger().closingBalanceFen()).isEqualTo(500_000);
        }
    }

    @Test
    void anOpeningBalanceThatDoesNotParseIsReportedAndItsTextSurvivesRestart() {
        Notice saved;
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem,
                    service.newDraft(TestStores.VILLAGE, ledgerItem, october, "十月收支", ""), Debounce.manual(), TestStores.CLOCK);
            vm.ledger().openingBalanceTextProperty().set("1,000");
            assertThat(vm.ledger().openingBalanceFenProperty().get()).isEqualTo(100_000);
            vm.ledger().openingBalanceTextProperty().set("1,000.5x");
            assertThat(vm.ledger().openingBalanceProblemProperty().get()).isNotEmpty();
            assertThat(vm.problems()).anyMatch(p -> p.startsWith("期初余额填写有误"));
            assertThat(vm.ledger().openingBalanceFenProperty().get()).as("totals keep the last valid value").isEqualTo(100_000);
            assertThat(vm.flush()).isTrue();
            saved = vm.current();
            assertThat(saved.content().journal().openingBalanceFen()).isEqualTo(100_000);
        }
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem, service.find(saved.id()).orElseThrow(),
                    Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.ledger().openingBalanceTextProperty().get()).isEqualTo("1,000.5x");
            assertThat(vm.problems()).anyMatch(p -> p.startsWith("期初余额填写有误"));
            vm.ledger().openingBalanceTextProperty().set("1,000.50");
            assertThat(vm.problems()).noneMatch(p -> p.startsWith("期初余额"));
            assertThat(vm.ledger().closingBalanceFen()).isEqualTo(100_050);
        }
    }

    /** A failed sync after a committed save must not leave the editor behind the stored revision. */
    @Test
    void afterASyncFailureTheEditorContinuesFromTheCommittedRevisionAndSavesAgain() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            CatalogItem text = TestStores.CATALOG.find("P04").orElseThrow();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, text,
                    service.newDraft(TestStores.VILLAGE, text, new Period.Quarter(2026, 3), "党费", ""), Debounce.manual(),
                    TestStores.CLOCK);
            vm.bodyProperty().set("本季度收缴党费1,860.00元");
            db.failNextSyncsForTesting(1);
            assertThat(vm.flush()).isFalse();
            assertThat(vm.saveStateProperty().get()).contains("未能确认已存到磁盘");
            assertThat(vm.dirtyProperty().get()).as("still to be saved again").isTrue();
            assertThat(vm.current().revision()).isEqualTo(1);
            assertThat(vm.flush()).as("the retry is not an edit conflict").isTrue();
            assertThat(service.find(vm.current().id()).orElseThrow().revision()).isEqualTo(2);
            assertThat(service.pendingUploads()).isEqualTo(1);
        }
    }

    @Test
    void switchingTheAccountingEntityCarriesThatEntitysBalanceUnlessTypedByHand() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            Period september = new Period.Month(YearMonth.of(2026, 9));
            for (var entity : cn.sanwu.model.finance.AccountingEntity.values()) {
                long opening = entity == cn.sanwu.model.finance.AccountingEntity.COOPERATIVE ? 777_00 : 1_000_00;
                Notice n = service.newDraft(TestStores.VILLAGE, ledgerItem, september, "九月" + entity.nameZh(), "");
                var c = n.content();
                service.save(n.withContent(new cn.sanwu.model.notice.NoticeContent(c.villageCode(), c.itemCode(), c.period(),
                        c.title(), c.body(), c.tables(), new cn.sanwu.model.finance.CashJournal(entity, opening, java.util.List.of()),
                        null)));
            }
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem,
                    service.newDraft(TestStores.VILLAGE, ledgerItem, october, "十月收支", ""), Debounce.manual(), TestStores.CLOCK);
            assertThat(vm.ledger().openingBalanceFenProperty().get()).isEqualTo(1_000_00);
            vm.ledger().entityProperty().set(cn.sanwu.model.finance.AccountingEntity.COOPERATIVE);
            assertThat(vm.ledger().openingBalanceFenProperty().get()).as("the cooperative's own carried balance").isEqualTo(777_00);
            vm.ledger().openingBalanceTextProperty().set("500.00");
            vm.ledger().entityProperty().set(cn.sanwu.model.finance.AccountingEntity.VILLAGE_COMMITTEE);
            assertThat(vm.ledger().openingBalanceFenProperty().get()).as("typed by hand: kept").isEqualTo(500_00);
        }
    }

    @Test
    void amountsSoLargeTheTotalsWouldOverflowAreReportedNotWrappedOrCrashing() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, ledgerItem,
                    service.newDraft(TestStores.VILLAGE, ledgerItem, october, "十月收支", ""), Debounce.manual(), TestStores.CLOCK);
            for (int i = 0; i < 12; i++) {
                LedgerRow row = vm.ledger().addRow();
                row.date.set("2026-10-0" + (1 + i % 9));
                row.summary.set("收入" + i);
                row.income.set("9999999999999999.99");
            }
            assertThat(vm.ledger().rows().stream().map(r -> r.problemProperty().get()).toList()).anyMatch(p -> p.contains("超出"));
            assertThat(vm.ledger().toJournal().entries()).as("rows that would overflow stay out of the totals").hasSize(9);
            assertThat(vm.ledger().closingBalanceFen()).isPositive();
            assertThat(vm.flush()).isTrue();
            assertThat(vm.problems()).isNotEmpty();
        }
    }

    @Test
    void flushSavesPendingTypingImmediately() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            CatalogItem text = TestStores.CATALOG.find("P04").orElseThrow();
            Debounce.Manual autosave = Debounce.manual();
            NoticeEditorViewModel vm = new NoticeEditorViewModel(service, text,
                    service.newDraft(TestStores.VILLAGE, text, new Period.Quarter(2026, 3), "党费", ""), autosave, TestStores.CLOCK);
            vm.bodyProperty().set("本季度收缴党费1,860.00元");
            assertThat(vm.flush()).isTrue();
            assertThat(autosave.hasPending()).isFalse();
            assertThat(service.find(vm.current().id()).orElseThrow().content().body()).contains("1,860.00");
            assertThat(vm.flush()).as("nothing left to save").isTrue();
            assertThat(service.find(vm.current().id()).orElseThrow().revision()).isEqualTo(1);
        }
    }

    @Test
    void failedSaveSaysWhyAndKeepsTheEditorDirty() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            CatalogItem text = TestStores.CATALOG.find("P04").orElseThrow();
            Notice stored = service.save(service.newDraft(TestStores.VILLAGE, text, new Period.Quarter(2026, 3), "党费", ""));
            NoticeEditorViewModel first = new NoticeEditorViewModel(service, text, stored, Debounce.manual(), TestStores.CLOCK);
            NoticeEditorViewModel second = new NoticeEditorViewModel(service, text, stored, Debounce.manual(), TestStores.CLOCK);
            first.bodyProperty().set("甲");
            assertThat(first.save()).isTrue();
            second.bodyProperty().set("乙");
            assertThat(second.save()).isFalse();
            assertThat(second.saveStateProperty().get()).contains("未保存").contains("别处修改");
            assertThat(second.dirtyProperty().get()).isTrue();
            assertThat(service.find(stored.id()).orElseThrow().content().body()).isEqualTo("甲");
        }
    }
}
