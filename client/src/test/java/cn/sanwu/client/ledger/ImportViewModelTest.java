package cn.sanwu.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.ledger.importing.CashJournalImporter;
import cn.sanwu.client.task.BackgroundRunner;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import flow as the dialog drives it: preview first, the ledger changes only on confirm. */
class ImportViewModelTest {

    @TempDir
    Path dir;

    private final ImportViewModel vm = new ImportViewModel(new CashJournalImporter(), BackgroundRunner.direct());
    private final LedgerEditorViewModel ledger = new LedgerEditorViewModel();

    @Test
    void gbkCsvIsPreviewedWithRowErrorsAndAppliedOnlyOnConfirm() throws Exception {
        String csv = """
                红旗村村民委员会现金日记账 2026年10月
                日期,凭证号,摘要,收入,支出,余额
                ,,期初余额,,,"1,000.00"
                2026-10-03,记-001,收到机动地承包费,5000,,6000.00
                2026-10-05,记-002,支付电费,,12.345,
                2026-10-09,记-003,支付村部电费,,123.45,5876.55
                ,,本月合计,5000.00,123.45,5876.55
                """;
        Path file = dir.resolve("十月.csv");
        Files.write(file, csv.getBytes(Charset.forName("GBK")));
        vm.load(file, null);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).contains("可导入 2 行").contains("有错误 1 行");
        assertThat(vm.rows()).anyMatch(r -> r.errors().stream().anyMatch(e -> e.contains("两位小数")));
        assertThat(ledger.rows()).as("nothing changes before confirm").isEmpty();

        assertThat(vm.applyTo(ledger)).isEqualTo(2);
        assertThat(ledger.openingBalanceFenProperty().get()).isEqualTo(100_000);
        assertThat(ledger.closingBalanceFen()).isEqualTo(587_655);
        assertThat(ledger.rows().get(0).summary.get()).isEqualTo("收到机动地承包费");
    }

    @Test
    void appendingToALedgerWithRowsKeepsItsOpeningBalance() throws Exception {
        ledger.openingBalanceFenProperty().set(777);
        LedgerRow existing = ledger.addRow();
        existing.summary.set("已有");
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "日期,凭证号,摘要,收入,支出\n,,期初余额,,,\n2026-10-03,1,收入,1.00,\n");
        vm.load(file, null);
        vm.applyTo(ledger);
        assertThat(ledger.openingBalanceFenProperty().get()).isEqualTo(777);
        assertThat(ledger.rows()).hasSize(2);
    }

    @Test
    void corruptFileGetsAClearMessageAndChangesNothing() throws Exception {
        Path file = dir.resolve("坏文件.xlsx");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        vm.load(file, null);
        assertThat(vm.statusProperty().get()).doesNotContain("Exception").isNotBlank();
        assertThat(vm.previewProperty().get()).isNull();
        assertThat(vm.applyTo(ledger)).isZero();
        assertThat(ledger.rows()).isEmpty();
    }

    @Test
    void monthDayJournalWithoutYearAsksForTheYear() throws Exception {
        Path file = dir.resolve("md.csv");
        Files.writeString(file, "月,日,凭证号,摘要,收入,支出\n10,3,1,收入,1.00,\n");
        vm.load(file, null);
        assertThat(vm.needsYearProperty().get()).isTrue();
        vm.load(file, 2026);
        assertThat(vm.needsYearProperty().get()).isFalse();
        assertThat(vm.importableRows()).isEqualTo(1);
    }
}
