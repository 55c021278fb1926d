package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Generic tables on pages: carried totals that add up whatever the column order, tables that
 * start near the bottom of a page, tables without money, several tables, refused extra cells,
 * empty tables and a header taller than a page. Pages are read back from the PDF.
 */
class SheetTableLayoutTest {

    private static final Pattern MONEY = Pattern.compile("-?\\d{1,3}(?:,\\d{3})*\\.\\d{2}");
    private static final Pattern ROW_LABEL = Pattern.compile("第(\\d+)项");
    private static final List<String> CARRY_LABELS = List.of("本页小计", "过次页", "承前页");
    private final SheetOptions options = SheetOptions.defaults(PRINT_DATE);

    private static List<Long> amounts(String line) {
        List<Long> fen = new ArrayList<>();
        Matcher m = MONEY.matcher(line);
        while (m.find()) {
            fen.add(MoneyFormat.parseYuan(m.group()));
        }
        return fen;
    }

    /** One page read back: the amounts of its rows and of its carry rows. */
    private record PageAmounts(long rows, Long subtotal, Long forward, Long brought, int rowCount) {

        static PageAmounts of(String page) {
            long rows = 0;
            int rowCount = 0;
            Long subtotal = null;
            Long forward = null;
            Long brought = null;
            String[] lines = page.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String label = CARRY_LABELS.stream().filter(line::contains).findFirst().orElse(null);
                List<Long> found = amounts(line);
                if (label != null) {
                    // In a table whose every column is money the label sits on its own line above the amount.
                    long value = found.isEmpty() ? amounts(lines[i + 1]).getFirst() : found.getFirst();
                    if (found.isEmpty()) {
                        i++;
                    }
                    switch (label) {
                        case "本页小计" -> subtotal = value;
                        case "过次页" -> forward = value;
                        default -> brought = value;
                    }
                } else if (!line.contains("合计") && !found.isEmpty()) {
                    rows += found.getFirst();
                    rowCount++;
                }
            }
            return new PageAmounts(rows, subtotal, forward, brought, rowCount);
        }
    }

    private static NoticeTable moneyTable(String caption, int rows, boolean moneyFirst, boolean onlyMoney) {
        List<TableColumn> cols = onlyMoney ? List.of(new TableColumn("金额（元）", ColumnType.MONEY_FEN))
                : moneyFirst ? List.of(new TableColumn("金额（元）", ColumnType.MONEY_FEN), new TableColumn("开支项目", ColumnType.TEXT))
                : List.of(new TableColumn("开支项目", ColumnType.TEXT), new TableColumn("金额（元）", ColumnType.MONEY_FEN));
        List<List<String>> data = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            String fen = Long.toString(100_000L * i + i);
            data.add(onlyMoney ? List.of(fen) : moneyFirst ? List.of(fen, "第" + i + "项") : List.of("第" + i + "项", fen));
        }
        return new NoticeTable(caption, cols, data);
    }

    private static long total(int rows) {
        long sum = 0;
        for (int i = 1; i <= rows; i++) {
            sum += 100_000L * i + i;
        }
        return sum;
    }

    /** 本页小计 = the page's rows, 过次页 = running sum, next 承前页 = 过次页, all rows add to the total. */
    private static void assertCarriedTotalsAddUp(List<String> pages, int rows, String what) {
        long running = 0;
        Long previousForward = null;
        int tablePages = 0;
        for (int p = 0; p < pages.size(); p++) {
            PageAmounts a = PageAmounts.of(pages.get(p));
            if (a.rowCount() == 0) {
                assertThat(a.subtotal()).as("%s page %d without rows has no 本页小计", what, p + 1).isNull();
                assertThat(a.brought()).as("%s page %d without rows has no 承前页", what, p + 1).isNull();
                continue;
            }
            tablePages++;
            running += a.rows();
            assertThat(a.subtotal()).as("%s page %d 本页小计", what, p + 1).isEqualTo(a.rows());
            assertThat(a.brought()).as("%s page %d 承前页 = previous 过次页", what, p + 1).isEqualTo(previousForward);
            if (a.forward() != null) {
                assertThat(a.forward()).as("%s page %d 过次页 = running sum", what, p + 1).isEqualTo(running);
            }
            previousForward = a.forward();
        }
        assertThat(tablePages).as(what + " spans pages").isGreaterThan(1);
        assertThat(previousForward).as(what + ": the last table page carries nothing forward").isNull();
        assertThat(running).as(what + ": all rows").isEqualTo(total(rows));
    }

    @Test
    void carriedTotalsAddUpWhateverTheColumnOrder() {
        for (boolean moneyFirst : new boolean[] {false, true}) {
            for (boolean onlyMoney : new boolean[] {false, true}) {
                Notice n = SheetFixtures.tableNotice("支出公示", "", moneyTable("", 90, moneyFirst, onlyMoney));
                String what = onlyMoney ? "money only" : moneyFirst ? "money first" : "money second";
                List<String> pages = SheetFixtures.pages(n, options);
                assertCarriedTotalsAddUp(pages, 90, what);
                if (!onlyMoney) {
                    assertThat(pages.get(1)).as(what).containsPattern("承前页\\s+[\\d,]+\\.\\d{2}|[\\d,]+\\.\\d{2}\\s+承前页");
                }
            }
        }
    }

    @Test
    void aTableStartingNearThePageBottomKeepsCaptionHeaderAndFirstRowTogether() {
        // Push the table's start down the first page one body line at a time, across the page bottom.
        for (int lines = 20; lines <= 50; lines += 2) {
            List<String> body = new ArrayList<>();
            for (int i = 1; i <= lines; i++) {
                body.add("第" + i + "段：本季度开支情况说明。");
            }
            Notice n = SheetFixtures.tableNotice("支出公示", String.join("\n", body), moneyTable("近页底的表格", 40, false, false));
            List<String> pages = SheetFixtures.pages(n, options);
            for (int p = 0; p < pages.size(); p++) {
                String page = pages.get(p);
                String what = lines + " body lines, page " + (p + 1);
                if (Pattern.compile("(?m)^近页底的表格\\s*$").matcher(page).find()) { // the caption, not the total line
                    assertThat(page).as(what + ": caption with header and first row").contains("开支项目").contains("第1项");
                }
                if (page.contains("开支项目")) {
                    assertThat(ROW_LABEL.matcher(page).find()).as(what + ": a header has rows under it").isTrue();
                }
            }
            assertCarriedTotalsAddUp(pages, 40, lines + " body lines");
        }
    }

    @Test
    void aTableWithoutMoneySpansPagesWithItsHeaderAndNoCarryRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            rows.add(List.of("第" + i + "项", "村部", String.valueOf(i)));
        }
        NoticeTable t = new NoticeTable("资产清单", List.of(new TableColumn("资产名称", ColumnType.TEXT),
                new TableColumn("存放地点", ColumnType.TEXT), new TableColumn("数量", ColumnType.INTEGER)), rows);
        List<String> pages = SheetFixtures.pages(SheetFixtures.tableNotice("资产公示", "", t), options);
        assertThat(pages).hasSizeGreaterThan(2);
        String all = String.join("\n", pages);
        assertThat(all).doesNotContain("本页小计").doesNotContain("过次页").doesNotContain("承前页");
        for (String page : pages) {
            if (ROW_LABEL.matcher(page).find()) {
                assertThat(page).contains("资产名称");
            }
        }
        for (int i = 1; i <= 150; i++) {
            assertThat(all).contains("第" + i + "项");
        }
    }

    @Test
    void severalTablesEachCarryTheirOwnTotals() {
        Notice n = SheetFixtures.tableNotice("支出公示", "", moneyTable("第一张表", 70, false, false),
                moneyTable("第二张表", 70, true, false));
        List<String> pages = SheetFixtures.pages(n, options);
        String all = String.join("\n", pages);
        assertThat(all).contains("第一张表 金额（元）合计：¥" + MoneyFormat.grouped(total(70)))
                .contains("第二张表 金额（元）合计：¥" + MoneyFormat.grouped(total(70)));
        int second = 0;
        while (!pages.get(second).contains("第二张表")) {
            second++;
        }
        // The first table's pages add up on their own; the second table starts from zero.
        List<String> first = new ArrayList<>(pages.subList(0, second));
        first.add(pages.get(second).substring(0, pages.get(second).indexOf("第二张表")));
        assertCarriedTotalsAddUp(first, 70, "first table");
        PageAmounts start = PageAmounts.of(pages.get(second).substring(pages.get(second).indexOf("第二张表")));
        assertThat(start.brought()).as("the second table brings nothing forward").isNull();
    }

    @Test
    void extraCellsAreRefusedNeverDropped() {
        NoticeTable t = new NoticeTable("支出", List.of(new TableColumn("项目", ColumnType.TEXT), new TableColumn("金额", ColumnType.MONEY_FEN)),
                List.of(List.of("办公用品", "100"), List.of("电费", "200", "备注：13912345678")));
        Notice n = SheetFixtures.tableNotice("支出公示", "", t);
        assertThatThrownBy(() -> SheetFixtures.sheet(n, options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("第 1 个表格“支出”第 2 行有 3 个单元格，但表格只有 2 列")
                .hasMessageContaining("备注：***").hasMessageNotContaining("13912345678");
        // Blank cells past the last column are harmless and print nothing.
        NoticeTable blanks = new NoticeTable("支出", t.columns(), List.of(List.of("电费", "200", "", " ")));
        assertThat(String.join("", SheetFixtures.pages(SheetFixtures.tableNotice("支出公示", "", blanks), options))).contains("电费");
    }

    @Test
    void aBadMoneyCellIsRefusedWithTableRowAndColumnNamedAndTheValueMasked() {
        NoticeTable t = new NoticeTable("支出", List.of(new TableColumn("项目", ColumnType.TEXT), new TableColumn("金额", ColumnType.MONEY_FEN)),
                List.of(List.of("办公用品", "100"), List.of("电费", "13912345678元")));
        assertThatThrownBy(() -> SheetFixtures.sheet(SheetFixtures.tableNotice("支出公示", "", t), options))
                .hasMessageContaining("第 1 个表格“支出”第 2 行“金额”列的金额格式错误：“***元”");
    }

    @Test
    void emptyTablesSaySo() {
        NoticeTable noRows = new NoticeTable("本期支出", List.of(new TableColumn("项目", ColumnType.TEXT),
                new TableColumn("金额", ColumnType.MONEY_FEN)), List.of());
        NoticeTable noColumns = new NoticeTable("空表", List.of(), List.of(List.of(), List.of("")));
        String text = String.join("", SheetFixtures.pages(SheetFixtures.tableNotice("支出公示", "", noRows, noColumns), options));
        assertThat(text).contains("本期支出").contains("项目").contains("空表").contains("本期支出 金额合计：¥0.00");
        assertThat(text.split("（无）", -1).length - 1).isEqualTo(2);
    }

    @Test
    void aHeaderTallerThanAPageIsClippedAndTheTableStillPrints() {
        String huge = "非常长的列名".repeat(600);
        NoticeTable t = new NoticeTable("表", List.of(new TableColumn(huge, ColumnType.TEXT), new TableColumn("金额", ColumnType.MONEY_FEN)),
                List.of(List.of("第1项", "100"), List.of("第2项", "200")));
        for (Paper paper : Paper.values()) {
            SheetOptions o = options.withPaper(paper).withLargePrint(true);
            List<String> pages = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> SheetFixtures.pages(SheetFixtures.tableNotice("支出公示", "", t), o));
            String all = String.join("", pages);
            assertThat(all).as(paper.name()).contains(SheetLayout.CLIPPED).contains("第1项").contains("第2项");
            assertThat(pages.size()).as(paper.name()).isLessThan(5);
        }
    }

    @Test
    void manyNarrowColumnsTerminateAndPrintEveryCell() {
        List<TableColumn> cols = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            cols.add(new TableColumn("列" + i, i % 10 == 0 ? ColumnType.MONEY_FEN : ColumnType.TEXT));
            row.add(i % 10 == 0 ? "99999999999999" : "内容" + i);
        }
        NoticeTable t = new NoticeTable("宽表", cols, List.of(row, row));
        List<String> pages = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> SheetFixtures.pages(SheetFixtures.tableNotice("支出公示", "", t), options));
        assertThat(pages).isNotEmpty();
    }
}
