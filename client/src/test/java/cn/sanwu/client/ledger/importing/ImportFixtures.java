package cn.sanwu.client.ledger.importing;

import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.MoneyFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Builds journal files the way Excel, WPS and finance software save them. */
final class ImportFixtures {

    static final String TITLE = "XX村村民委员会现金日记账 2026年11月";
    static final long OPENING_FEN = 1_234_567;

    private static final String[] SUMMARIES = {
        "收到镇财政转移支付资金",
        "支付村干部10月报酬",
        "购买办公用品（纸、笔, 墨盒）",
        "收取鱼塘承包费",
        "支付\"一事一议\"道路修缮款",
        "报销村务公开栏制作费",
        "收到集体土地租金",
        "支付保洁员工资；11月",
        "缴纳电费",
        "收到农户交还借款",
    };

    private ImportFixtures() {
    }

    /** 30 November entries, alternating income and expense, with commas and quotes in summaries. */
    static List<LedgerEntry> novemberEntries() {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long amount = (i + 1) * 12_345L + i % 7;
            boolean income = i % 3 == 0;
            entries.add(new LedgerEntry(LocalDate.of(2026, 11, i + 1), "记-" + (i + 1), SUMMARIES[i % SUMMARIES.length],
                    income ? amount * 10 : 0, income ? 0 : amount));
        }
        return entries;
    }

    static List<Long> runningBalances(long opening, List<LedgerEntry> entries) {
        List<Long> out = new ArrayList<>();
        long b = opening;
        for (LedgerEntry e : entries) {
            b += e.netFen();
            out.add(b);
        }
        return out;
    }

    static long totalIncome(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::incomeFen).sum();
    }

    static long totalExpense(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::expenseFen).sum();
    }

    static String yuan(long fen) {
        return fen == 0 ? "" : MoneyFormat.plain(fen);
    }

    /**
     * The realistic journal as rows of text: title (line 1), unit line (2), header (3), 期初余额 (4),
     * 30 entries (5-34), 本月合计 (35), 本年累计 (36).
     */
    static List<String[]> novemberJournalRows() {
        List<LedgerEntry> entries = novemberEntries();
        List<Long> balances = runningBalances(OPENING_FEN, entries);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {TITLE});
        rows.add(new String[] {"单位：元", "", "", "", "", "第1页"});
        rows.add(new String[] {"日期", "凭证号", "摘要", "收入(借方)", "支出(贷方)", "余额"});
        rows.add(new String[] {"2026-11-01", "", "期初余额", "", "", MoneyFormat.plain(OPENING_FEN)});
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            rows.add(new String[] {dateText(e.date(), i), e.voucherNo(), e.summary(), yuan(e.incomeFen()),
                yuan(e.expenseFen()), MoneyFormat.plain(balances.get(i))});
        }
        rows.add(new String[] {"", "", "本月合计", MoneyFormat.plain(totalIncome(entries)),
            MoneyFormat.plain(totalExpense(entries)), MoneyFormat.plain(balances.getLast())});
        rows.add(new String[] {"", "", "本年累计", "9999999.00", "8888888.00", ""});
        return rows;
    }

    /** Every spelling of a date that journals use, rotated through the rows. */
    static String dateText(LocalDate d, int i) {
        return switch (i % 5) {
            case 0 -> d.toString();
            case 1 -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
            case 2 -> d.getYear() + "." + d.getMonthValue() + "." + d.getDayOfMonth();
            case 3 -> d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
            default -> String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        };
    }

    /** RFC 4180: quote a field holding the delimiter, a quote or a line break; double inner quotes. */
    static String csv(List<String[]> rows, char delimiter) {
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    b.append(delimiter);
                }
                String f = row[c];
                if (f.indexOf(delimiter) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                    b.append('"').append(f.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(f);
                }
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    static Path writeCsv(Path file, List<String[]> rows, char delimiter, Charset charset, boolean bom) {
        byte[] body = csv(rows, delimiter).getBytes(charset);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path writeXlsx(Path file, Consumer<Workbook> content) {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "SanwuTest", "1.0");
            content.accept(wb);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The November journal as Excel keeps it: real date cells, numeric voucher numbers and
     * amounts, text summaries. Row numbers match {@link #novemberJournalRows()}.
     */
    static void novemberSheet(Worksheet ws) {
        List<LedgerEntry> entries = novemberEntries();
        List<Long> balances = runningBalances(OPENING_FEN, entries);
        ws.value(0, 0, TITLE);
        ws.range(0, 0, 0, 5).merge();
        ws.value(1, 0, "单位：元");
        ws.value(1, 5, "第1页");
        String[] header = {"日期", "凭证号", "摘要", "收入(借方)", "支出(贷方)", "余额"};
        for (int c = 0; c < header.length; c++) {
            ws.value(2, c, header[c]);
        }
        date(ws, 3, LocalDate.of(2026, 11, 1));
        ws.value(3, 2, "期初余额");
        ws.value(3, 5, new java.math.BigDecimal(MoneyFormat.plain(OPENING_FEN)));
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            int r = 4 + i;
            date(ws, r, e.date());
            ws.value(r, 1, i + 1);
            ws.value(r, 2, e.summary());
            if (e.incomeFen() != 0) {
                ws.value(r, 3, new java.math.BigDecimal(MoneyFormat.plain(e.incomeFen())));
            }
            if (e.expenseFen() != 0) {
                ws.value(r, 4, new java.math.BigDecimal(MoneyFormat.plain(e.expenseFen())));
            }
            ws.value(r, 5, new java.math.BigDecimal(MoneyFormat.plain(balances.get(i))));
        }
        int total = 4 + entries.size();
        ws.value(total, 2, "本月合计");
        ws.value(total, 3, new java.math.BigDecimal(MoneyFormat.plain(totalIncome(entries))));
        ws.value(total, 4, new java.math.BigDecimal(MoneyFormat.plain(totalExpense(entries))));
        ws.value(total, 5, new java.math.BigDecimal(MoneyFormat.plain(balances.getLast())));
    }

    static void date(Worksheet ws, int r, LocalDate d) {
        ws.value(r, 0, d);
        ws.style(r, 0).format("yyyy-mm-dd").set();
    }
}
