package cn.sanwu.client.ledger.importing;

import static cn.sanwu.client.ledger.importing.ImportFixtures.writeXlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.LedgerEntry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CashJournalImporterXlsxTest {

    @TempDir
    Path dir;

    private final CashJournalImporter importer = new CashJournalImporter();

    private Path november(String name) {
        return writeXlsx(dir.resolve(name), wb -> ImportFixtures.novemberSheet(wb.newWorksheet("11月")));
    }

    @Test
    void realisticNovemberWorkbookWithDateNumberAndTextCells() throws Exception {
        ImportPreview p = importer.preview(november("现金日记账.xlsx"));

        assertThat(p.format()).isEqualTo(SourceFormat.XLSX);
        assertThat(p.encoding()).isNull();
        assertThat(p.delimiter()).isNull();
        assertThat(p.sheetName()).isEqualTo("11月");
        assertThat(p.sheetNames()).containsExactly("11月");
        assertThat(p.header().lineNo()).isEqualTo(3);
        // Voucher numbers were typed as numbers: they must read "1", not "1.0".
        List<LedgerEntry> expected = ImportFixtures.novemberEntries().stream()
                .map(e -> new LedgerEntry(e.date(), e.voucherNo().substring(2), e.summary(), e.incomeFen(),
                        e.expenseFen()))
                .toList();
        assertThat(p.validEntries()).containsExactlyElementsOf(expected);
        assertThat(p.rows()).extracting(ImportRow::lineNo).startsWith(4, 5, 6).endsWith(34, 35);
        assertThat(p.rows()).allSatisfy(r -> {
            assertThat(r.errors()).isEmpty();
            assertThat(r.warnings()).isEmpty();
        });
        long income = ImportFixtures.totalIncome(expected);
        long expense = ImportFixtures.totalExpense(expected);
        assertThat(p.statedOpeningBalanceFen()).isEqualTo(ImportFixtures.OPENING_FEN);
        assertThat(p.statedTotals()).isEqualTo(new StatedTotals(35, income, expense,
                ImportFixtures.OPENING_FEN + income - expense));
        assertThat(p.summary()).isEqualTo(new ImportSummary(30, 0, 0, 2, income, expense));
        assertThat(p.checkStatedTotals(AccountingEntity.COOPERATIVE)).isEmpty();
        assertThat(p.fileWarnings()).isEmpty();
    }

    @Test
    void numericCellsAreExactAndExtraDecimalsAreRoundedHalfUpWithAWarning() throws Exception {
        Path file = writeXlsx(dir.resolve("dec.xlsx"), wb -> {
            Worksheet ws = wb.newWorksheet("Sheet1");
            header(ws);
            row(ws, 1, LocalDate.of(2026, 11, 1), "0.1", null);
            row(ws, 2, LocalDate.of(2026, 11, 2), "12.345", null);
            row(ws, 3, LocalDate.of(2026, 11, 3), null, "0.30000000000000004");
            row(ws, 4, LocalDate.of(2026, 11, 4), "99999999999.99", null);
            row(ws, 5, LocalDate.of(2026, 11, 5), "12.344999", null);
        });
        ImportPreview p = importer.preview(file);

        assertThat(p.validEntries()).extracting(LedgerEntry::incomeFen, LedgerEntry::expenseFen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10L, 0L),
                org.assertj.core.groups.Tuple.tuple(1_235L, 0L),
                org.assertj.core.groups.Tuple.tuple(0L, 30L),
                org.assertj.core.groups.Tuple.tuple(9_999_999_999_999L, 0L),
                org.assertj.core.groups.Tuple.tuple(1_234L, 0L));
        assertThat(p.rows().get(0).warnings()).isEmpty();
        assertThat(p.rows().get(1).warnings()).containsExactly("第3行：金额“12.345”超过两位小数，已四舍五入为 12.35");
        assertThat(p.rows().get(2).warnings())
                .containsExactly("第4行：金额“0.30000000000000004”超过两位小数，已四舍五入为 0.30");
        assertThat(p.rows().get(4).warnings()).containsExactly("第6行：金额“12.344999”超过两位小数，已四舍五入为 12.34");
        assertThat(p.summary().warningRows()).isEqualTo(3);
    }

    @Test
    void datesAsSerialTextAndCompactNumbers() throws Exception {
        Path file = writeXlsx(dir.resolve("dates.xlsx"), wb -> {
            Worksheet ws = wb.newWorksheet("Sheet1");
            header(ws);
            ws.value(1, 0, "2026年11月5日");
            ws.value(2, 0, 20261106);
            ws.value(3, 0, 46_000); // serial without a date format: 2025-12-09
            ws.value(4, 0, "2026/11/31");
            ws.value(5, 0, new BigDecimal("46000.75"));
            // Backslash-escaped literals: the fastexcel writer does not XML-escape quotes in formats.
            ws.style(5, 0).format("yyyy\\年m\\月d\\日").set();
            for (int r = 1; r <= 5; r++) {
                ws.value(r, 2, "摘要" + r);
                ws.value(r, 3, r);
            }
        });
        ImportPreview p = importer.preview(file);

        assertThat(p.rows()).extracting(r -> r.entry() == null ? null : r.entry().date()).containsExactly(
                LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6), LocalDate.of(2025, 12, 9), null,
                LocalDate.of(2025, 12, 9));
        assertThat(p.rows().get(3).errors()).containsExactly("第5行：日期“2026/11/31”无效");
        assertThat(p.rows().get(0).entry().incomeFen()).isEqualTo(100);
    }

    @Test
    void oneNinetyFourDateSerialsFollowExcelsCalendar() {
        assertThat(CellParsing.fromSerial(new BigDecimal("1"), false, "1")).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(CellParsing.fromSerial(new BigDecimal("59"), false, "59")).isEqualTo(LocalDate.of(1900, 2, 28));
        assertThat(CellParsing.fromSerial(new BigDecimal("61"), false, "61")).isEqualTo(LocalDate.of(1900, 3, 1));
        assertThat(CellParsing.fromSerial(new BigDecimal("46331"), false, "46331")).isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(CellParsing.fromSerial(new BigDecimal("0"), true, "0")).isEqualTo(LocalDate.of(1904, 1, 1));
        assertThatThrownBy(() -> CellParsing.fromSerial(new BigDecimal("3000000"), false, "3000000"))
                .hasMessage("日期“3000000”无效");
    }

    @Test
    void picksTheSheetWithAJournalAndCanBeToldWhichSheet() throws Exception {
        Path file = writeXlsx(dir.resolve("multi.xlsx"), wb -> {
            wb.newWorksheet("封面").value(0, 0, "2026年度村级财务资料");
            ImportFixtures.novemberSheet(wb.newWorksheet("11月"));
        });
        ImportPreview p = importer.preview(file);
        assertThat(p.sheetName()).isEqualTo("11月");
        assertThat(p.sheetNames()).containsExactly("封面", "11月");
        assertThat(p.validEntries()).hasSize(30);
        assertThat(p.fileWarnings()).containsExactly("工作簿有 2 张工作表，已读取“11月”；如需导入其他工作表，请选择工作表后重新预览。");

        assertThatThrownBy(() -> importer.preview(file, ImportOptions.defaults().withSheetName("封面"),
                ProgressListener.NONE))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.NO_HEADER));
        assertThatThrownBy(() -> importer.preview(file, ImportOptions.defaults().withSheetName("12月"),
                ProgressListener.NONE))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.userMessage()).isEqualTo("Excel 文件中没有名为“12月”的工作表。"));
    }

    @Test
    void xlsxNamedCsvIsReadByContentWithANote() throws Exception {
        Path xlsx = november("a.xlsx");
        Path misnamed = Files.copy(xlsx, dir.resolve("导出数据.csv"));
        ImportPreview p = importer.preview(misnamed);
        assertThat(p.format()).isEqualTo(SourceFormat.XLSX);
        assertThat(p.validEntries()).hasSize(30);
        assertThat(p.fileWarnings()).containsExactly("文件扩展名为“.csv”，但内容是 Excel 工作簿，已按 Excel（.xlsx）读取。");
    }

    @Test
    void truncatedWorkbookIsReportedAsDamaged() throws Exception {
        byte[] full = Files.readAllBytes(november("full.xlsx"));
        for (int cut : new int[] {full.length / 2, full.length - 10, 100}) {
            Path truncated = Files.write(dir.resolve("cut" + cut + ".xlsx"), Arrays.copyOf(full, cut));
            assertThatThrownBy(() -> importer.preview(truncated))
                    .isInstanceOfSatisfying(ImportException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ImportException.Reason.CORRUPT_XLSX);
                        assertThat(e.userMessage()).startsWith("Excel 文件已损坏或不完整");
                    });
        }
    }

    @Test
    void zipThatIsNotAWorkbook() throws Exception {
        Path zip = dir.resolve("资料.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        assertThatThrownBy(() -> importer.preview(zip))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.NOT_A_WORKBOOK);
                    assertThat(e.userMessage()).startsWith("文件是 ZIP 压缩包，但不是 Excel 工作簿");
                });
        Path docx = dir.resolve("通知.docx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(docx))) {
            out.putNextEntry(new ZipEntry("[Content_Types].xml"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("word/document.xml"));
            out.closeEntry();
        }
        assertThatThrownBy(() -> importer.preview(docx))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.userMessage()).startsWith("这是 Word 文档"));
    }

    @Test
    void workbookPartsWithBrokenXmlAreDamagedNotACrash() throws Exception {
        Path bad = dir.resolve("broken.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            out.putNextEntry(new ZipEntry("[Content_Types].xml"));
            out.write("<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    .getBytes());
            out.closeEntry();
            out.putNextEntry(new ZipEntry("xl/workbook.xml"));
            out.write("<workbook><sheets><sheet name=\"a\" r:id=".getBytes());
            out.closeEntry();
        }
        assertThatThrownBy(() -> importer.preview(bad))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.CORRUPT_XLSX));
    }

    @Test
    void legacyXlsAndEncryptedXlsxAreExplained() throws Exception {
        byte[] ole = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole, 0, magic.length);
        Path xls = Files.write(dir.resolve("旧账.xls"), ole);
        assertThatThrownBy(() -> importer.preview(xls))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ImportException.Reason.LEGACY_XLS);
                    assertThat(e.userMessage()).contains(".xls").contains("另存为").contains("CSV");
                });
        Path encrypted = Files.write(dir.resolve("加密.xlsx"), ole);
        assertThatThrownBy(() -> importer.preview(encrypted))
                .isInstanceOfSatisfying(ImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.ENCRYPTED_WORKBOOK));
    }

    @Test
    void formulaBalancesWithoutCachedValuesAreSimplyNotChecked() throws Exception {
        Path file = writeXlsx(dir.resolve("f.xlsx"), wb -> {
            Worksheet ws = wb.newWorksheet("Sheet1");
            header(ws);
            row(ws, 1, LocalDate.of(2026, 11, 1), "10", null);
            ws.formula(1, 5, "D2-E2");
            row(ws, 2, LocalDate.of(2026, 11, 2), null, "3");
            ws.formula(2, 5, "F2+D3-E3");
        });
        ImportPreview p = importer.preview(file);
        assertThat(p.validEntries()).hasSize(2);
        assertThat(p.rows()).allSatisfy(r -> assertThat(r.warnings()).isEmpty());
    }

    private static void header(Worksheet ws) {
        String[] h = {"记账日期", "凭证编号", "摘要", "收入金额", "支出金额", "余额"};
        for (int c = 0; c < h.length; c++) {
            ws.value(0, c, h[c]);
        }
    }

    private static void row(Worksheet ws, int r, LocalDate date, String income, String expense) {
        ImportFixtures.date(ws, r, date);
        ws.value(r, 1, "V" + r);
        ws.value(r, 2, "测试" + r);
        if (income != null) {
            ws.value(r, 3, new BigDecimal(income));
        }
        if (expense != null) {
            ws.value(r, 4, new BigDecimal(expense));
        }
    }
}
