package cn.sanwu.client.ledger.importing;

import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.MoneyFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interprets the rows below the header one at a time: recognises 期初余额/合计/累计/承前页 lines,
 * parses entries, and follows the running balance. Holds only a few numbers of state, so it
 * works the same for 30 rows and for 50,000.
 */
final class JournalRowInterpreter {

    private static final Map<String, RowKind> SPECIAL = Map.ofEntries(
            Map.entry("期初余额", RowKind.OPENING_BALANCE), Map.entry("上年结转", RowKind.OPENING_BALANCE),
            Map.entry("上月结转", RowKind.OPENING_BALANCE), Map.entry("上期结转", RowKind.OPENING_BALANCE),
            Map.entry("年初余额", RowKind.OPENING_BALANCE), Map.entry("月初余额", RowKind.OPENING_BALANCE),
            Map.entry("承上月", RowKind.OPENING_BALANCE), Map.entry("期初结存", RowKind.OPENING_BALANCE),
            Map.entry("上年结余", RowKind.OPENING_BALANCE), Map.entry("上月结余", RowKind.OPENING_BALANCE),
            Map.entry("本月合计", RowKind.PERIOD_TOTAL), Map.entry("本期合计", RowKind.PERIOD_TOTAL),
            Map.entry("合计", RowKind.PERIOD_TOTAL), Map.entry("本月小计", RowKind.PERIOD_TOTAL),
            Map.entry("月计", RowKind.PERIOD_TOTAL), Map.entry("本月发生额", RowKind.PERIOD_TOTAL),
            Map.entry("期末余额", RowKind.PERIOD_TOTAL), Map.entry("月末余额", RowKind.PERIOD_TOTAL),
            Map.entry("本月结余", RowKind.PERIOD_TOTAL), Map.entry("期末结存", RowKind.PERIOD_TOTAL),
            Map.entry("本年累计", RowKind.CUMULATIVE_TOTAL), Map.entry("累计", RowKind.CUMULATIVE_TOTAL),
            Map.entry("本年合计", RowKind.CUMULATIVE_TOTAL), Map.entry("本年发生额", RowKind.CUMULATIVE_TOTAL),
            Map.entry("承前页", RowKind.PAGE_CARRY), Map.entry("过次页", RowKind.PAGE_CARRY),
            Map.entry("承上页", RowKind.PAGE_CARRY), Map.entry("转下页", RowKind.PAGE_CARRY),
            Map.entry("转次页", RowKind.PAGE_CARRY), Map.entry("过下页", RowKind.PAGE_CARRY),
            Map.entry("承前", RowKind.PAGE_CARRY), Map.entry("过次", RowKind.PAGE_CARRY));

    private final int dateCol;
    private final int monthCol;
    private final int dayCol;
    private final int voucherCol;
    private final int summaryCol;
    private final int incomeCol;
    private final int expenseCol;
    private final int balanceCol;
    private final Integer year;
    private final boolean date1904;
    private final int maxCellChars;

    private Integer lastMonth;
    /** Computed balance after the previous row; {@code null} while unknown. */
    private Long running;
    private Long statedOpening;
    private Integer totalLine;
    private Long totalIncome;
    private Long totalExpense;
    private Long totalClosing;
    private int totalRows;
    private int lastTotalLine;

    JournalRowInterpreter(HeaderMapping header, Integer year, boolean date1904, int maxCellChars) {
        this.dateCol = header.indexOf(ColumnRole.DATE);
        this.monthCol = header.indexOf(ColumnRole.MONTH);
        this.dayCol = header.indexOf(ColumnRole.DAY);
        this.voucherCol = header.indexOf(ColumnRole.VOUCHER);
        this.summaryCol = header.indexOf(ColumnRole.SUMMARY);
        this.incomeCol = header.indexOf(ColumnRole.INCOME);
        this.expenseCol = header.indexOf(ColumnRole.EXPENSE);
        this.balanceCol = header.indexOf(ColumnRole.BALANCE);
        this.year = year;
        this.date1904 = date1904;
        this.maxCellChars = maxCellChars;
    }

    Long statedOpening() {
        return statedOpening;
    }

    StatedTotals statedTotals() {
        return totalLine == null ? null : new StatedTotals(totalLine, totalIncome, totalExpense, totalClosing);
    }

    /** Number of 合计-type rows seen; more than one usually means several months in one file. */
    int periodTotalRows() {
        return totalRows;
    }

    int lastPeriodTotalLine() {
        return lastTotalLine;
    }

    /** @return the interpreted row; callers skip blank rows before calling */
    ImportRow interpret(RawRow row) {
        String at = "第" + row.lineNo() + "行：";
        RowKind kind = specialKind(row);
        if (kind != RowKind.ENTRY) {
            return special(row, kind, at);
        }
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int col : new int[] {dateCol, monthCol, dayCol, voucherCol, summaryCol, incomeCol, expenseCol,
                balanceCol}) {
            if (row.cell(col).display().length() > maxCellChars) {
                errors.add(at + "单元格内容过长（超过" + maxCellChars + "个字符）");
                return new ImportRow(row.lineNo(), kind, null, errors, warnings);
            }
        }
        LocalDate date = date(row, at, errors);
        long income = amount(row.cell(incomeCol), at, errors, warnings);
        long expense = amount(row.cell(expenseCol), at, errors, warnings);
        boolean incomeEmpty = CellParsing.isEmptyAmount(row.cell(incomeCol));
        boolean expenseEmpty = CellParsing.isEmptyAmount(row.cell(expenseCol));
        if (incomeEmpty && expenseEmpty) {
            errors.add(at + "收入和支出都为空");
        } else if (errors.isEmpty() && income != 0 && expense != 0) {
            errors.add(at + "同一行既有收入又有支出，请分成两行");
        }
        Long stated = balance(row, at, warnings);
        if (!errors.isEmpty()) {
            // Resynchronise on the sheet's own balance so one bad row does not flag every later one.
            running = stated;
            return new ImportRow(row.lineNo(), kind, null, errors, warnings);
        }
        LedgerEntry entry = new LedgerEntry(date, CellParsing.text(row.cell(voucherCol)),
                CellParsing.text(row.cell(summaryCol)), income, expense);
        followBalance(entry, stated, at, warnings);
        return new ImportRow(row.lineNo(), kind, entry, errors, warnings);
    }

    private void followBalance(LedgerEntry entry, Long stated, String at, List<String> warnings) {
        if (running == null) {
            if (stated != null) {
                // No 期初余额 row: the first stated balance implies the opening, nothing to compare yet.
                running = stated;
            }
            return;
        }
        try {
            running = Math.addExact(running, entry.netFen());
        } catch (ArithmeticException e) {
            running = null;
            return;
        }
        if (stated != null && !stated.equals(running)) {
            warnings.add(at + "表中余额 " + MoneyFormat.grouped(stated) + " 与计算余额 "
                    + MoneyFormat.grouped(running) + " 不符");
        }
    }

    private ImportRow special(RawRow row, RowKind kind, String at) {
        List<String> warnings = new ArrayList<>();
        List<String> none = new ArrayList<>();
        switch (kind) {
            case OPENING_BALANCE -> {
                Long balance = balance(row, at, warnings);
                if (balance == null) {
                    warnings.add(at + "期初余额行没有余额数字，未采用");
                } else {
                    statedOpening = balance;
                    running = balance;
                }
            }
            case PERIOD_TOTAL -> {
                totalRows++;
                lastTotalLine = row.lineNo();
                totalLine = row.lineNo();
                Long in = optionalAmount(row.cell(incomeCol), at, warnings);
                Long out = optionalAmount(row.cell(expenseCol), at, warnings);
                Long closing = balance(row, at, warnings);
                // A 期末余额 line after 本月合计 adds the closing balance without erasing the totals.
                totalIncome = in != null ? in : totalIncome;
                totalExpense = out != null ? out : totalExpense;
                totalClosing = closing != null ? closing : totalClosing;
            }
            default -> {
                // 累计 and page carries repeat figures counted elsewhere; shown, not used.
            }
        }
        return new ImportRow(row.lineNo(), kind, null, none, warnings);
    }

    private RowKind specialKind(RawRow row) {
        for (CellValue c : row.cells()) {
            if (c instanceof CellValue.Text t && !t.isBlank() && t.value().length() <= 20) {
                RowKind k = SPECIAL.get(HeaderDetector.normalize(t.value()));
                if (k != null) {
                    return k;
                }
            }
        }
        return RowKind.ENTRY;
    }

    private LocalDate date(RawRow row, String at, List<String> errors) {
        try {
            if (dateCol >= 0) {
                CellValue c = row.cell(dateCol);
                if (c.isBlank()) {
                    errors.add(at + "缺少日期");
                    return null;
                }
                return c instanceof CellValue.Num n ? CellParsing.dateFromNumber(n, date1904)
                        : CellParsing.dateFromText(c.display(), year);
            }
            CellValue m = row.cell(monthCol);
            CellValue d = row.cell(dayCol);
            // Paper-style journals write the month only on the first line of each month.
            Integer month = m.isBlank() ? lastMonth : Integer.valueOf(CellParsing.smallInt(m, "月份"));
            if (month == null) {
                errors.add(at + "缺少月份");
                return null;
            }
            if (d.isBlank()) {
                errors.add(at + "缺少日期（日）");
                return null;
            }
            int day = CellParsing.smallInt(d, "日");
            try {
                LocalDate date = LocalDate.of(year, month, day);
                lastMonth = month;
                return date;
            } catch (java.time.DateTimeException e) {
                errors.add(at + "日期“" + year + "年" + month + "月" + day + "日”无效");
                return null;
            }
        } catch (IllegalArgumentException e) {
            errors.add(at + e.getMessage());
            return null;
        }
    }

    private long amount(CellValue cell, String at, List<String> errors, List<String> warnings) {
        try {
            CellParsing.Fen fen = CellParsing.amount(cell);
            if (fen.warning() != null) {
                warnings.add(at + fen.warning());
            }
            return fen.fen();
        } catch (IllegalArgumentException e) {
            errors.add(at + e.getMessage());
            return 0;
        }
    }

    /** For figures that are only checked, never imported: unreadable is a warning, not an error. */
    private Long optionalAmount(CellValue cell, String at, List<String> warnings) {
        if (CellParsing.isEmptyAmount(cell)) {
            return null;
        }
        try {
            return CellParsing.amount(cell).fen();
        } catch (IllegalArgumentException e) {
            warnings.add(at + e.getMessage() + "，未用于核对");
            return null;
        }
    }

    private Long balance(RawRow row, String at, List<String> warnings) {
        return balanceCol < 0 ? null : optionalAmount(row.cell(balanceCol), at, warnings);
    }
}
