package cn.sanwu.client.ledger.importing;

import cn.sanwu.model.money.MoneyFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns single cells into dates and fen. Failures are {@link IllegalArgumentException}s whose
 * message is Chinese and lacks the "第N行：" prefix, which the caller adds.
 */
final class CellParsing {

    private static final Pattern YMD = Pattern.compile(
            "(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern YMD_ZH = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern MD = Pattern.compile("(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})\\s*[日号]?");
    private static final Pattern SMALL_INT = Pattern.compile("(\\d{1,2})\\s*[月日号]?");
    /** Excel's last valid day serial, 9999-12-31. */
    private static final int MAX_SERIAL = 2_958_465;
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A parsed amount and, when it had to be rounded, a warning without the row prefix. */
    record Fen(long fen, String warning) {
    }

    private CellParsing() {
    }

    /**
     * @param year used only when the text has no year ("11月5日", "11-05"); may be {@code null}
     */
    static LocalDate dateFromText(String text, Integer year) {
        String t = halfWidth(text.strip());
        try {
            Matcher m;
            if ((m = YMD.matcher(t)).matches() || (m = YMD_ZH.matcher(t)).matches()
                    || (m = COMPACT.matcher(t)).matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            if ((m = MD.matcher(t)).matches()) {
                if (year == null) {
                    throw new IllegalArgumentException("日期“" + text.strip() + "”没有年份，请在导入时选择年份");
                }
                return LocalDate.of(year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("日期“" + text.strip() + "”无效", e);
        }
        throw new IllegalArgumentException("日期“" + text.strip() + "”无法识别（应如 2026-11-05 或 2026年11月5日）");
    }

    /** A numeric date cell: a day serial when formatted as a date, else perhaps 20261105. */
    static LocalDate dateFromNumber(CellValue.Num n, boolean date1904) {
        BigDecimal v = n.value();
        if (!n.dateFormatted() && v.signum() > 0 && v.stripTrailingZeros().scale() <= 0
                && v.compareTo(BigDecimal.valueOf(19_000_101)) >= 0 && v.compareTo(BigDecimal.valueOf(29_991_231)) <= 0) {
            return dateFromText(v.toBigInteger().toString(), null);
        }
        if (n.dateFormatted() || (v.compareTo(BigDecimal.valueOf(20_000)) >= 0
                && v.compareTo(BigDecimal.valueOf(80_000)) <= 0)) {
            return fromSerial(v, date1904, n.raw());
        }
        throw new IllegalArgumentException("日期“" + n.raw() + "”无法识别（应如 2026-11-05 或 2026年11月5日）");
    }

    /** Day serial to date in exact arithmetic; the fraction is a time of day and is dropped. */
    static LocalDate fromSerial(BigDecimal serial, boolean date1904, String shown) {
        BigDecimal days = serial.setScale(0, RoundingMode.FLOOR);
        if (days.signum() < 0 || days.compareTo(BigDecimal.valueOf(MAX_SERIAL)) > 0) {
            throw new IllegalArgumentException("日期“" + shown + "”无效");
        }
        int d = days.intValueExact();
        if (date1904) {
            return EPOCH_1904.plusDays(d);
        }
        // Excel counts a nonexistent 1900-02-29 (serial 60); serials before it are one day off.
        if (d < 1) {
            throw new IllegalArgumentException("日期“" + shown + "”无效");
        }
        return d < 61 ? EPOCH_1900.plusDays(d + 1L) : EPOCH_1900.plusDays(d);
    }

    /** Month or day from a 月/日 column: {@code 11}, {@code 11月}, {@code 5日}. */
    static int smallInt(CellValue cell, String what) {
        if (cell instanceof CellValue.Num n) {
            try {
                return n.value().stripTrailingZeros().intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + "“" + n.raw() + "”无法识别", e);
            }
        }
        Matcher m = SMALL_INT.matcher(halfWidth(cell.display()));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + "“" + cell.display() + "”无法识别");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Blank, "-" and "—" are zero: accountants leave the other column of a line empty or dashed. */
    static boolean isEmptyAmount(CellValue cell) {
        if (cell.isBlank()) {
            return true;
        }
        String s = cell.display();
        return s.equals("-") || s.equals("—") || s.equals("－") || s.equals("--");
    }

    /**
     * Amount in fen. Text goes through {@link MoneyFormat#parseYuan} (so "12.345" is an error:
     * what was typed is ambiguous). A numeric xlsx cell is exact decimal text; more than two
     * decimals there is usually float residue of a formula, so it is rounded half-up with a warning.
     */
    static Fen amount(CellValue cell) {
        if (isEmptyAmount(cell)) {
            return new Fen(0, null);
        }
        if (cell instanceof CellValue.Num n) {
            BigDecimal v = n.value();
            String warning = null;
            if (v.stripTrailingZeros().scale() > 2) {
                v = v.setScale(2, RoundingMode.HALF_UP);
                warning = "金额“" + n.raw() + "”超过两位小数，已四舍五入为 " + v.toPlainString();
            }
            try {
                return new Fen(v.multiply(HUNDRED).setScale(0, RoundingMode.UNNECESSARY).longValueExact(), warning);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("金额“" + n.raw() + "”超出范围", e);
            }
        }
        return new Fen(MoneyFormat.parseYuan(cell.display()), null);
    }

    static String text(CellValue cell) {
        if (cell instanceof CellValue.Num n) {
            // A voucher number typed as 12 must read "12", not "12.0" or "1.2E+1".
            return n.value().stripTrailingZeros().toPlainString();
        }
        return cell.display();
    }

    static String halfWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == '－') {
                b.append('-');
            } else if (c == '／') {
                b.append('/');
            } else if (c == '．') {
                b.append('.');
            } else if (c == '\u3000') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
