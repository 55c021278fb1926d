package cn.sanwu.client.ledger.importing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.MoneyFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CashJournalImportLimitsTest {

    private static final int BIG_ROWS = 100_000;
    /** Loose on purpose: CI machines are slow; the measured time is printed. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CashJournalImporter importer = new CashJournalImporter();

    private ImportException refused(Path file, ImportOptions options) {
        try {
            importer.preview(file, options, ProgressListener.NONE);
        } catch (ImportException e) {
            return e;
        }
        throw new AssertionError("expected the import of " + file.getFileName() + " to be refused");
    }

    private ImportException refused(Path file) {
        return refused(file, ImportOptions.defaults());
    }

    @Test
    void emptyFilesOfEveryKind() throws Exception {
        ImportException zero = refused(Files.write(dir.resolve("空.csv"), new byte[0]));
        assertThat(zero.reason()).isEqualTo(ImportException.Reason.FILE_EMPTY);
        assertThat(zero.userMessage()).isEqualTo("文件“空.csv”是空的（0 字节）。");

        ImportException bomOnly = refused(Files.write(dir.resolve("bom.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB,
            (byte) 0xBF, '\r', '\n', ' '}));
        assertThat(bomOnly.reason()).isEqualTo(ImportException.Reason.FILE_EMPTY);
        assertThat(bomOnly.userMessage()).isEqualTo("文件中没有任何内容。");

        Path emptySheet = ImportFixtures.writeXlsx(dir.resolve("empty.xlsx"), wb -> wb.newWorksheet("Sheet1"));
        assertThat(refused(emptySheet).reason()).isEqualTo(ImportException.Reason.NO_HEADER);
    }

    @Test
    void missingFileDirectoryAndOversizedFile() throws Exception {
        ImportException missing = refused(dir.resolve("不存在.xlsx"));
        assertThat(missing.reason()).isEqualTo(ImportException.Reason.FILE_NOT_FOUND);
        assertThat(missing.userMessage()).isEqualTo("找不到文件“不存在.xlsx”，可能已被移动、改名或删除。");

        ImportException folder = refused(Files.createDirectory(dir.resolve("账")));
        assertThat(folder.reason()).isEqualTo(ImportException.Reason.FILE_UNREADABLE);
        assertThat(folder.userMessage()).isEqualTo("“账”是文件夹，不是文件。");

        Path csv = ImportFixtures.writeCsv(dir.resolve("j.csv"), ImportFixtures.novemberJournalRows(), ',', UTF_8, false);
        ImportException big = refused(csv, ImportOptions.defaults().withMaxFileBytes(1000));
        assertThat(big.reason()).isEqualTo(ImportException.Reason.FILE_TOO_LARGE);
        assertThat(big.userMessage()).isEqualTo("文件“j.csv”有 " + (Files.size(csv) + 1023) / 1024
                + " KB，超过 1000 字节 的上限，不像一份现金日记账。请确认选对了文件。");
        assertThat(CashJournalImporter.humanSize(ImportOptions.DEFAULT_MAX_FILE_BYTES)).isEqualTo("50 MB");
        assertThat(CashJournalImporter.humanSize(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MB");
    }

    @Test
    void randomBytesHtmlAndBrokenZip() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        ImportException random = refused(Files.write(dir.resolve("noise.csv"), noise));
        assertThat(random.reason()).isEqualTo(ImportException.Reason.UNRECOGNIZED_FORMAT);
        assertThat(random.userMessage()).startsWith("无法识别的文件格式");

        noise[0] = 'P';
        noise[1] = 'K';
        noise[2] = 3;
        noise[3] = 4;
        assertThat(refused(Files.write(dir.resolve("noise.xlsx"), noise)).reason())
                .isEqualTo(ImportException.Reason.CORRUPT_XLSX);

        Path html = Files.writeString(dir.resolve("导出.xls"),
                "<html><body><table><tr><td>日期</td></tr></table></body></html>", UTF_8);
        ImportException web = refused(html);
        assertThat(web.reason()).isEqualTo(ImportException.Reason.UNRECOGNIZED_FORMAT);
        assertThat(web.userMessage()).contains("网页");

        byte[] latinNoise = new byte[600];
        for (int i = 0; i < latinNoise.length; i++) {
            latinNoise[i] = (byte) (0x80 + i % 2); // not UTF-8, and 0x80 alone is not GB18030 either
        }
        assertThat(refused(Files.write(dir.resolve("enc.csv"), latinNoise)).reason())
                .isEqualTo(ImportException.Reason.UNKNOWN_ENCODING);
    }

    @Test
    void overlongLineAndUnclosedQuoteAreRefusedWithoutReadingEverything() throws Exception {
        Path longLine = Files.writeString(dir.resolve("long.csv"),
                "日期,摘要,收入,支出\n2026-11-01," + "x".repeat(2_000_000) + ",1,\n", UTF_8);
        ImportException tooLong = refused(longLine);
        assertThat(tooLong.reason()).isEqualTo(ImportException.Reason.LINE_TOO_LONG);
        assertThat(tooLong.userMessage()).startsWith("第2行超过 10000 个字符");

        Path quote = Files.writeString(dir.resolve("quote.csv"),
                "日期,摘要,收入,支出\n2026-11-01,\"没有结束,1,\n2026-11-02,x,2,\n", UTF_8);
        ImportException unclosed = refused(quote);
        assertThat(unclosed.reason()).isEqualTo(ImportException.Reason.MALFORMED_CSV);
        assertThat(unclosed.userMessage()).startsWith("第2行的引号没有配对");
    }

    @Test
    void progressIsReportedAndCancellationStopsTheImport() throws Exception {
        Path csv = bigCsv(5_000);
        List<Integer> seen = new ArrayList<>();
        ImportPreview p = importer.preview(csv, ImportOptions.defaults(), rows -> seen.add(rows) || true);
        assertThat(p.validEntries()).hasSize(5_000);
        assertThat(seen).isSorted().contains(500, 5_000).last().isEqualTo(5_001);

        AtomicInteger calls = new AtomicInteger();
        ImportException cancelled = refused(csv, ImportOptions.defaults(), rows -> calls.incrementAndGet() < 3);
        assertThat(cancelled.reason()).isEqualTo(ImportException.Reason.CANCELLED);
        assertThat(cancelled.userMessage()).isEqualTo("已取消导入。");
        assertThat(calls).hasValue(3);
    }

    private ImportException refused(Path file, ImportOptions options, ProgressListener listener) {
        try {
            importer.preview(file, options, listener);
        } catch (ImportException e) {
            return e;
        }
        throw new AssertionError("expected refusal");
    }

    @Test
    void hundredThousandRowCsvIsRefusedQuicklyAtTheLimit() throws Exception {
        Path csv = bigCsv(BIG_ROWS);
        long t0 = System.nanoTime();
        ImportException e = refused(csv);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("100k-row CSV (%d KB) refused in %d ms%n", Files.size(csv) / 1024, took.toMillis());
        assertThat(e.reason()).isEqualTo(ImportException.Reason.TOO_MANY_ROWS);
        assertThat(e.userMessage()).startsWith("文件超过 50,000 行数据的上限，未导入。");
        assertThat(took).isLessThan(BOUND);
    }

    @Test
    void hundredThousandRowCsvParsesCorrectlyWhenTheLimitAllowsIt() throws Exception {
        Path csv = bigCsv(BIG_ROWS);
        long t0 = System.nanoTime();
        ImportPreview p = importer.preview(csv, ImportOptions.defaults().withMaxDataRows(200_000), ProgressListener.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("100k-row CSV fully previewed in %d ms%n", took.toMillis());
        assertThat(took).isLessThan(BOUND);
        assertThat(p.summary().validRows()).isEqualTo(BIG_ROWS);
        assertThat(p.summary().errorRows()).isZero();
        assertThat(p.summary().warningRows()).isZero();
        assertThat(p.rows().getLast().lineNo()).isEqualTo(BIG_ROWS + 1);
        assertThat(p.rows().getLast().entry()).isEqualTo(bigEntry(BIG_ROWS - 1));
        assertThat(p.summary().totalIncomeFen()).isEqualTo(expectedIncome(BIG_ROWS));
    }

    @Test
    void hundredThousandRowXlsxIsRefusedQuicklyAndParsesWhenAllowed() throws Exception {
        Path xlsx = ImportFixtures.writeXlsx(dir.resolve("big.xlsx"), wb -> {
            Worksheet ws = wb.newWorksheet("流水");
            String[] h = {"日期", "凭证号", "摘要", "收入", "支出", "余额"};
            for (int c = 0; c < h.length; c++) {
                ws.value(0, c, h[c]);
            }
            long balance = 0;
            for (int i = 0; i < BIG_ROWS; i++) {
                LedgerEntry e = bigEntry(i);
                balance += e.netFen();
                ImportFixtures.date(ws, i + 1, e.date());
                ws.value(i + 1, 1, e.voucherNo());
                ws.value(i + 1, 2, e.summary());
                if (e.incomeFen() != 0) {
                    ws.value(i + 1, 3, new BigDecimal(MoneyFormat.plain(e.incomeFen())));
                } else {
                    ws.value(i + 1, 4, new BigDecimal(MoneyFormat.plain(e.expenseFen())));
                }
                ws.value(i + 1, 5, new BigDecimal(MoneyFormat.plain(balance)));
            }
        });
        long t0 = System.nanoTime();
        ImportException e = refused(xlsx);
        Duration refusedIn = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(e.reason()).isEqualTo(ImportException.Reason.TOO_MANY_ROWS);
        assertThat(refusedIn).isLessThan(BOUND);

        t0 = System.nanoTime();
        ImportPreview p = importer.preview(xlsx, ImportOptions.defaults().withMaxDataRows(200_000), ProgressListener.NONE);
        Duration parsedIn = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("100k-row xlsx (%d KB) refused in %d ms, fully previewed in %d ms%n",
                Files.size(xlsx) / 1024, refusedIn.toMillis(), parsedIn.toMillis());
        assertThat(parsedIn).isLessThan(BOUND);
        assertThat(p.summary().validRows()).isEqualTo(BIG_ROWS);
        assertThat(p.summary().warningRows()).isZero();
        assertThat(p.rows().getLast().entry()).isEqualTo(bigEntry(BIG_ROWS - 1));
        assertThat(p.summary().totalIncomeFen()).isEqualTo(expectedIncome(BIG_ROWS));
    }

    private static LedgerEntry bigEntry(int i) {
        LocalDate date = LocalDate.of(2020, 1, 1).plusDays(i / 40);
        long amount = 100 + (i * 7919L) % 1_000_000;
        boolean income = i % 2 == 0;
        return new LedgerEntry(date, "记-" + i, "第" + i + "笔业务，含逗号", income ? amount : 0, income ? 0 : amount);
    }

    private static long expectedIncome(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += bigEntry(i).incomeFen();
        }
        return sum;
    }

    private Path bigCsv(int rows) throws IOException {
        Path file = dir.resolve("big" + rows + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, UTF_8)) {
            w.write("日期,凭证号,摘要,收入,支出,余额\r\n");
            long balance = 0;
            for (int i = 0; i < rows; i++) {
                LedgerEntry e = bigEntry(i);
                balance += e.netFen();
                w.write(e.date() + "," + e.voucherNo() + ",\"" + e.summary() + "\"," + ImportFixtures.yuan(e.incomeFen())
                        + "," + ImportFixtures.yuan(e.expenseFen()) + "," + MoneyFormat.plain(balance) + "\r\n");
            }
        }
        return file;
    }
}
