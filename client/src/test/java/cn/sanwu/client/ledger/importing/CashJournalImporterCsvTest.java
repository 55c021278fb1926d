package cn.sanwu.client.ledger.importing;

import static cn.sanwu.client.ledger.importing.ImportFixtures.writeCsv;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.LedgerEntry;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CashJournalImporterCsvTest {

    @TempDir
    Path dir;

    private final CashJournalImporter importer = new CashJournalImporter();

    private static List<String[]> rows(String[]... rows) {
        return List.of(rows);
    }

    private static final String[] HEADER = {"日期", "凭证号", "摘要", "收入", "支出", "余额"};

    @Test
    void realisticNovemberJournalInUtf8() throws Exception {
        Path file = writeCsv(dir.resolve("11月现金日记账.csv"), ImportFixtures.novemberJournalRows(), ',', UTF_8, false);

        ImportPreview p = importer.preview(file);

        assertThat(p.fileName()).isEqualTo("11月现金日记账.csv");
        assertThat(p.format()).isEqualTo(SourceFormat.CSV);
        assertThat(p.encoding()).isEqualTo("UTF-8");
        assertThat(p.delimiter()).isEqualTo(',');
        assertThat(p.sheetName()).isNull();
        assertThat(p.year()).isNull();
        assertThat(p.header().lineNo()).isEqualTo(3);
        assertThat(p.header().columns()).extracting(HeaderMapping.MappedColumn::role).containsExactly(
                ColumnRole.DATE, ColumnRole.VOUCHER, ColumnRole.SUMMARY, ColumnRole.INCOME, ColumnRole.EXPENSE,
                ColumnRole.BALANCE);
        assertThat(p.header().column(ColumnRole.INCOME).orElseThrow().headerText()).isEqualTo("收入(借方)");
        assertThat(p.header().column(ColumnRole.BALANCE).orElseThrow().columnLetter()).isEqualTo("F");

        List<LedgerEntry> expected = ImportFixtures.novemberEntries();
        assertThat(p.validEntries()).containsExactlyElementsOf(expected);
        assertThat(p.rows()).hasSize(33);
        assertThat(p.rows().getFirst()).isEqualTo(new ImportRow(4, RowKind.OPENING_BALANCE, null, List.of(), List.of()));
        for (int i = 0; i < 30; i++) {
            ImportRow r = p.rows().get(i + 1);
            assertThat(r.lineNo()).isEqualTo(5 + i);
            assertThat(r.kind()).isEqualTo(RowKind.ENTRY);
            assertThat(r.errors()).isEmpty();
            assertThat(r.warnings()).as("balances agree, so no warning on line %d", 5 + i).isEmpty();
        }
        assertThat(p.rows().get(31).kind()).isEqualTo(RowKind.PERIOD_TOTAL);
        assertThat(p.rows().get(31).lineNo()).isEqualTo(35);
        assertThat(p.rows().get(32).kind()).isEqualTo(RowKind.CUMULATIVE_TOTAL);

        long income = ImportFixtures.totalIncome(expected);
        long expense = ImportFixtures.totalExpense(expected);
        assertThat(p.statedOpeningBalanceFen()).isEqualTo(ImportFixtures.OPENING_FEN);
        assertThat(p.statedTotals()).isEqualTo(new StatedTotals(35, income, expense,
                ImportFixtures.OPENING_FEN + income - expense));
        assertThat(p.summary()).isEqualTo(new ImportSummary(30, 0, 0, 3, income, expense));
        assertThat(p.fileWarnings()).isEmpty();
        assertThat(p.checkStatedTotals(AccountingEntity.VILLAGE_COMMITTEE)).isEmpty();
        assertThat(p.toJournal(AccountingEntity.VILLAGE_COMMITTEE).closingBalanceFen())
                .isEqualTo(ImportFixtures.OPENING_FEN + income - expense);
    }

    @Test
    void statedTotalThatDisagreesIsReportedThroughValidation() throws Exception {
        List<String[]> rows = new ArrayList<>(ImportFixtures.novemberJournalRows());
        rows.set(34, new String[] {"", "", "本月合计", "1.00", "2.00", "3.00"});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("j.csv"), rows, ',', UTF_8, false));

        assertThat(p.statedTotals()).isEqualTo(new StatedTotals(35, 100L, 200L, 300L));
        assertThat(p.checkStatedTotals(AccountingEntity.VILLAGE_COMMITTEE))
                .extracting(pr -> pr.field())
                .containsExactly("totalIncome", "totalExpense", "closingBalance");
    }

    @Test
    void utf8WithBomAndTabs() throws Exception {
        Path file = writeCsv(dir.resolve("bom.txt"), ImportFixtures.novemberJournalRows(), '\t', UTF_8, true);
        ImportPreview p = importer.preview(file);
        assertThat(p.encoding()).isEqualTo("UTF-8 (BOM)");
        assertThat(p.delimiter()).isEqualTo('\t');
        assertThat(p.validEntries()).containsExactlyElementsOf(ImportFixtures.novemberEntries());
    }

    @Test
    void gbkWithSemicolonsAsChineseExcelSaves() throws Exception {
        List<String[]> rows = rows(
                new String[] {"日期", "凭证字号", "事由", "借方金额", "贷方金额", "结余"},
                new String[] {"2026/11/3", "现收-01", "收到村民缴纳的新农合保费（代收）", "3,600.00", "", "3,600.00"},
                new String[] {"2026/11/4", "现付-01", "支付五保户慰问金：张三、李四", "", "800", "2,800.00"});
        Path file = writeCsv(dir.resolve("gbk.csv"), rows, ';', Charset.forName("GBK"), false);

        ImportPreview p = importer.preview(file);

        assertThat(p.encoding()).isEqualTo("GB18030");
        assertThat(p.delimiter()).isEqualTo(';');
        assertThat(p.validEntries()).containsExactly(
                new LedgerEntry(LocalDate.of(2026, 11, 3), "现收-01", "收到村民缴纳的新农合保费（代收）", 360_000, 0),
                new LedgerEntry(LocalDate.of(2026, 11, 4), "现付-01", "支付五保户慰问金：张三、李四", 0, 80_000));
        assertThat(p.rows()).allSatisfy(r -> assertThat(r.warnings()).isEmpty());
    }

    @Test
    void badRowsAreReportedWithLineNumbersWhileGoodRowsParse() throws Exception {
        List<String[]> rows = rows(HEADER,
                new String[] {"2026-11-01", "1", "收租金", "100.00", "", ""},
                new String[] {"2026-13-01", "2", "日期错", "5.00", "", ""},
                new String[] {"2026-11-02", "3", "三位小数", "12.345", "", ""},
                new String[] {"2026-11-03", "4", "没有金额", "", "", ""},
                new String[] {"2026-11-04", "5", "付电费", "", "20.5", ""},
                new String[] {"十一月五日", "6", "日期看不懂", "", "1", ""},
                new String[] {"2026-11-06", "7", "两边都有", "1", "2", ""},
                new String[] {"2026-11-07", "8", "金额是字", "一百", "", ""});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("bad.csv"), rows, ',', UTF_8, false));

        assertThat(p.rows()).extracting(ImportRow::lineNo).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(p.rows().get(0).entry())
                .isEqualTo(new LedgerEntry(LocalDate.of(2026, 11, 1), "1", "收租金", 10_000, 0));
        assertThat(p.rows().get(1).errors()).containsExactly("第3行：日期“2026-13-01”无效");
        assertThat(p.rows().get(2).errors()).containsExactly("第4行：金额“12.345”最多两位小数（到分）");
        assertThat(p.rows().get(3).errors()).containsExactly("第5行：收入和支出都为空");
        assertThat(p.rows().get(4).entry())
                .isEqualTo(new LedgerEntry(LocalDate.of(2026, 11, 4), "5", "付电费", 0, 2_050));
        assertThat(p.rows().get(5).errors()).singleElement().asString()
                .startsWith("第7行：日期“十一月五日”无法识别");
        assertThat(p.rows().get(6).errors()).containsExactly("第8行：同一行既有收入又有支出，请分成两行");
        assertThat(p.rows().get(7).errors()).containsExactly("第9行：金额“一百”不是有效数字");
        for (int i : new int[] {1, 2, 3, 5, 6, 7}) {
            assertThat(p.rows().get(i).entry()).isNull();
            assertThat(p.rows().get(i).valid()).isFalse();
        }
        assertThat(p.summary()).isEqualTo(new ImportSummary(2, 6, 0, 0, 10_000, 2_050));
        assertThat(p.errorRows()).extracting(ImportRow::lineNo).containsExactly(3, 4, 5, 7, 8, 9);
    }

    @Test
    void runningBalanceMismatchWarnsOnTheRowAndResyncsAfterErrorRows() throws Exception {
        List<String[]> rows = rows(HEADER,
                new String[] {"2026-11-01", "", "上年结转", "", "", "1000.00"},
                new String[] {"2026-11-02", "1", "收款", "500.00", "", "1500.00"},
                new String[] {"2026-11-03", "2", "付款", "", "100.00", "1300.00"},
                new String[] {"2026-11-04", "3", "付款", "", "100.00", "1200.00"},
                new String[] {"2026-11-31", "4", "坏日期", "", "50.00", "1150.00"},
                new String[] {"2026-11-06", "5", "付款", "", "50.00", "1100.00"});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("bal.csv"), rows, ',', UTF_8, false));

        assertThat(p.statedOpeningBalanceFen()).isEqualTo(100_000L);
        assertThat(p.rows().get(1).warnings()).isEmpty();
        assertThat(p.rows().get(2).warnings()).containsExactly("第4行：表中余额 1,300.00 与计算余额 1,400.00 不符");
        assertThat(p.rows().get(3).warnings()).containsExactly("第5行：表中余额 1,200.00 与计算余额 1,300.00 不符");
        assertThat(p.rows().get(4).errors()).containsExactly("第6行：日期“2026-11-31”无效");
        // After the bad row the sheet's own 1,150.00 is the base again: 1,150 - 50 = 1,100 agrees.
        assertThat(p.rows().get(5).warnings()).isEmpty();
        assertThat(p.summary().warningRows()).isEqualTo(2);
    }

    @Test
    void firstStatedBalanceImpliesOpeningWhenNoOpeningRow() throws Exception {
        List<String[]> rows = rows(HEADER,
                new String[] {"2026-11-02", "1", "收款", "500.00", "", "2500.00"},
                new String[] {"2026-11-03", "2", "付款", "", "100.00", "2400.00"},
                new String[] {"2026-11-04", "3", "付款", "", "100.00", "2000.00"});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("b.csv"), rows, ',', UTF_8, false));
        assertThat(p.statedOpeningBalanceFen()).isNull();
        assertThat(p.rows()).extracting(r -> r.warnings().size()).containsExactly(0, 0, 1);
        assertThat(p.rows().get(2).warnings()).containsExactly("第4行：表中余额 2,000.00 与计算余额 2,300.00 不符");
    }

    @Test
    void monthAndDayColumnsWithYearFromTwoRowHeader() throws Exception {
        List<String[]> rows = rows(
                new String[] {"XX村股份经济合作社现金日记账"},
                new String[] {"2026年", "", "凭证号", "摘要", "借方", "贷方", "余额"},
                new String[] {"月", "日", "", "", "", "", ""},
                new String[] {"11", "1", "", "上月结转", "", "", "5000.00"},
                new String[] {"11", "3", "记1", "收到租金", "1200.00", "", "6200.00"},
                new String[] {"", "5日", "记2", "支付电费", "", "200.50", "5999.50"},
                new String[] {"12月", "1", "记3", "收到补助", "100", "", "6099.50"},
                new String[] {"12", "32", "记4", "坏日子", "1", "", ""},
                new String[] {"", "", "", "本月合计", "1300.00", "200.50", "6099.50"});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("md.csv"), rows, ',', UTF_8, false));

        assertThat(p.year()).isEqualTo(2026);
        assertThat(p.header().lineNo()).isEqualTo(2);
        assertThat(p.header().indexOf(ColumnRole.MONTH)).isZero();
        assertThat(p.header().indexOf(ColumnRole.DAY)).isEqualTo(1);
        assertThat(p.header().column(ColumnRole.MONTH).orElseThrow().headerText()).isEqualTo("月");
        assertThat(p.validEntries()).containsExactly(
                new LedgerEntry(LocalDate.of(2026, 11, 3), "记1", "收到租金", 120_000, 0),
                new LedgerEntry(LocalDate.of(2026, 11, 5), "记2", "支付电费", 0, 20_050),
                new LedgerEntry(LocalDate.of(2026, 12, 1), "记3", "收到补助", 10_000, 0));
        assertThat(p.rows().get(4).errors()).containsExactly("第8行：日期“2026年12月32日”无效");
        assertThat(p.statedOpeningBalanceFen()).isEqualTo(500_000L);
        assertThat(p.rows()).allSatisfy(r -> assertThat(r.warnings()).isEmpty());
        assertThat(p.statedTotals()).isEqualTo(new StatedTotals(9, 130_000L, 20_050L, 609_950L));
    }

    @Test
    void monthAndDayWithoutYearNeedsDefaultYear() throws Exception {
        List<String[]> rows = rows(new String[] {"月", "日", "凭证号", "摘要", "收入", "支出"},
                new String[] {"3", "15", "7", "春耕补贴", "88.8", ""});
        Path file = writeCsv(dir.resolve("noyear.csv"), rows, ',', UTF_8, false);

        assertThatThrownBy(() -> importer.preview(file))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.YEAR_REQUIRED);
                    assertThat(e.userMessage()).contains("请选择年份");
                });

        ImportPreview p = importer.preview(file, ImportOptions.defaults().withDefaultYear(2025), ProgressListener.NONE);
        assertThat(p.year()).isEqualTo(2025);
        assertThat(p.validEntries()).containsExactly(
                new LedgerEntry(LocalDate.of(2025, 3, 15), "7", "春耕补贴", 8_880, 0));
    }

    @Test
    void quotedFieldsMayHoldLineBreaksAndLineNumbersFollowThePhysicalLines() throws Exception {
        String text = "日期,凭证号,摘要,收入,支出\n"
                + "2026-11-01,1,\"修路款\n第二期\",\"1,000.00\",\n"
                + "2026-11-02,2,\"他说\"\"好\"\"\",,5\n"
                + "2026-11-03,3,付款,,abc\n";
        Path file = dir.resolve("q.csv");
        java.nio.file.Files.writeString(file, text, UTF_8);

        ImportPreview p = importer.preview(file);

        assertThat(p.rows()).extracting(ImportRow::lineNo).containsExactly(2, 4, 5);
        assertThat(p.validEntries()).containsExactly(
                new LedgerEntry(LocalDate.of(2026, 11, 1), "1", "修路款\n第二期", 100_000, 0),
                new LedgerEntry(LocalDate.of(2026, 11, 2), "2", "他说\"好\"", 0, 500));
        assertThat(p.rows().get(2).errors()).containsExactly("第5行：金额“abc”不是有效数字");
    }

    @Test
    void englishHeaderAndDashesForEmptyAmounts() throws Exception {
        List<String[]> rows = rows(new String[] {"Date", "Voucher", "Summary", "Income", "Expense", "Balance"},
                new String[] {"2026-01-02 00:00:00", "V1", "rent", "¥1,200.00", "-", ""});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("en.csv"), rows, ',', UTF_8, false));
        assertThat(p.validEntries()).containsExactly(
                new LedgerEntry(LocalDate.of(2026, 1, 2), "V1", "rent", 120_000, 0));
    }

    @Test
    void pageCarryRowsAreRecognisedAndNotImported() throws Exception {
        List<String[]> rows = rows(HEADER,
                new String[] {"2026-11-01", "1", "收款", "10", "", ""},
                new String[] {"", "", "过次页", "10", "", ""},
                new String[] {"", "", "承前页", "10", "", ""},
                new String[] {"2026-11-02", "2", "付款", "", "3", ""});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("page.csv"), rows, ',', UTF_8, false));
        assertThat(p.rows()).extracting(ImportRow::kind).containsExactly(RowKind.ENTRY, RowKind.PAGE_CARRY,
                RowKind.PAGE_CARRY, RowKind.ENTRY);
        assertThat(p.validEntries()).hasSize(2);
        assertThat(p.summary().otherRows()).isEqualTo(2);
    }

    @Test
    void noRecognisableHeaderNamesWhatIsMissing() throws Exception {
        Path plain = writeCsv(dir.resolve("x.csv"), rows(new String[] {"a", "b"}, new String[] {"1", "2"}), ',',
                UTF_8, false);
        assertThatThrownBy(() -> importer.preview(plain))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.NO_HEADER);
                    assertThat(e.userMessage()).startsWith("没有找到现金日记账的表头");
                });
        Path partial = writeCsv(dir.resolve("p.csv"), rows(new String[] {"序号", "摘要", "收入", "支出"}), ',', UTF_8,
                false);
        assertThatThrownBy(() -> importer.preview(partial))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.userMessage())
                        .contains("第1行找到了“摘要、收入、支出”，缺少“日期”"));
    }

    @Test
    void tooLongCellIsARowErrorNotACrash() throws Exception {
        List<String[]> rows = rows(HEADER, new String[] {"2026-11-01", "1", "长".repeat(600), "1", "", ""},
                new String[] {"2026-11-02", "2", "正常", "2", "", ""});
        ImportPreview p = importer.preview(writeCsv(dir.resolve("long.csv"), rows, ',', UTF_8, false));
        assertThat(p.rows().getFirst().errors()).containsExactly("第2行：单元格内容过长（超过500个字符）");
        assertThat(p.validEntries()).hasSize(1);
    }

    @Test
    void excelUnicodeTextIsUtf16WithTabsAndSpacedLabels() throws Exception {
        List<String[]> rows = rows(new String[] {"日 期", "凭 证 号", "摘   要", "收入（元）", "支出（元）", "余 额"},
                new String[] {"2026-11-01", "1", "收款", "10", "", "10.00"},
                new String[] {"", "", "本 月 合 计", "10", "", "10.00"});
        byte[] body = ImportFixtures.csv(rows, '\t').getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Path file = java.nio.file.Files.write(dir.resolve("unicode.txt"), withBom);

        ImportPreview p = importer.preview(file);

        assertThat(p.encoding()).isEqualTo("UTF-16LE");
        assertThat(p.delimiter()).isEqualTo('\t');
        assertThat(p.header().column(ColumnRole.SUMMARY).orElseThrow().headerText()).isEqualTo("摘   要");
        assertThat(p.validEntries()).containsExactly(new LedgerEntry(LocalDate.of(2026, 11, 1), "1", "收款", 1_000, 0));
        assertThat(p.statedTotals()).isEqualTo(new StatedTotals(3, 1_000L, null, 1_000L));
    }
}
