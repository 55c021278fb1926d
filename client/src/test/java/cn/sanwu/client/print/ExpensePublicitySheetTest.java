package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.money.ChineseUppercase;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The expense publicity table a real village posted (~139 lines a quarter): 序号/开支项目/金额/资金来源/负责人. */
class ExpensePublicitySheetTest {

    @Test
    void everyAmountPrintsInFiguresAndWordsAndTheTotalsCarry() {
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (int i = 1; i <= 139; i++) {
            long fen = 10_000L * i + 55;
            total += fen;
            rows.add(List.of(String.valueOf(i), "村部办公用品采购第" + i + "批", Long.toString(fen), "村集体收入", "王会计"));
        }
        NoticeTable table = new NoticeTable("2026年第三季度支出公示", List.of(new TableColumn("序号", ColumnType.INTEGER),
                new TableColumn("开支项目", ColumnType.TEXT), new TableColumn("金额（元）", ColumnType.MONEY_FEN),
                new TableColumn("资金来源", ColumnType.TEXT), new TableColumn("项目负责人", ColumnType.PERSON_NAME)), rows);
        Notice n = new Notice(UUID.fromString("01a22000-0000-7000-8000-000000000002"), new NoticeContent(TestStores.VILLAGE, "F03",
                Q3, "第三季度支出公示", "", List.of(table), null, null), NoticeStatus.DRAFT, 1, null, Instant.EPOCH);
        SheetOptions options = SheetOptions.defaults(PRINT_DATE);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        List<String> pages = SheetFixtures.pageTexts(r.pdf());
        String all = String.join("\n", pages);
        assertThat(r.pages()).isGreaterThan(3);
        // A long 大写 may wrap inside its cell; read the cells without line breaks.
        String flat = all.replaceAll("\\s", "");
        for (long fen : new long[] {10_055, 1_390_055}) {
            assertThat(flat).contains(MoneyFormat.grouped(fen)).contains(ChineseUppercase.of(fen));
        }
        assertThat(all).contains("金额（元）合计：¥" + MoneyFormat.grouped(total) + "（大写：" + ChineseUppercase.of(total) + "）");
        assertThat(pages.get(1)).contains("承前页").contains("开支项目");
        assertThat(pages.getFirst()).contains("过次页").contains("本页小计");
    }
}
