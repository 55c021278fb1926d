package cn.sanwu.model.money;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money is an integer number of fen ({@code long}) everywhere; this class is the only place that
 * turns it into text and back. Never goes through floating point.
 *
 * <p>What {@link #parseYuan} accepts, and why: people type amounts into forms and spreadsheets
 * in many shapes, so we accept an optional sign, an optional ¥/￥ before the number, an optional
 * 元 after it, full-width digits and punctuation, and thousands separators. Separators must sit
 * at thousands positions ({@code 1,234,567}); {@code 1,2,3} is rejected because it may be a list
 * or a European decimal and guessing would silently change an amount. More than two decimals is
 * rejected rather than rounded (the ledger is kept to the fen). At most 16 integer digits, the
 * same range {@link ChineseUppercase} can write.
 */
public final class MoneyFormat {

    /** Largest magnitude any amount may have: 16 integer digits of yuan and 2 of fen. */
    public static final long MAX_ABS_FEN = 999_999_999_999_999_999L;

    private static final Pattern AMOUNT = Pattern.compile(
            "([+-]?)\\s*[¥￥]?\\s*([+-]?)\\s*([0-9][0-9,]*)(?:\\.([0-9]*))?\\s*元?");
    private static final Pattern GROUPED = Pattern.compile("[0-9]{1,3}(?:,[0-9]{3})*");

    private MoneyFormat() {
    }

    /** {@code ¥1,234.56}; negative as {@code -¥1,234.56}. */
    public static String display(long fen) {
        String g = grouped(fen);
        return fen < 0 ? "-¥" + g.substring(1) : "¥" + g;
    }

    /** {@code 1,234.56} with thousands separators, no currency sign; negative as {@code -1,234.56}. */
    public static String grouped(long fen) {
        String plain = plain(fen);
        String sign = fen < 0 ? "-" : "";
        int dot = plain.indexOf('.');
        StringBuilder intPart = new StringBuilder(plain.substring(sign.length(), dot));
        for (int i = intPart.length() - 3; i > 0; i -= 3) {
            intPart.insert(i, ',');
        }
        return sign + intPart + plain.substring(dot);
    }

    /** {@code 1234.56}, {@code -0.05}: what spreadsheets and CSV files hold. */
    public static String plain(long fen) {
        // Unsigned arithmetic so that Long.MIN_VALUE (whose negation overflows) still prints right.
        long magnitude = fen < 0 ? -fen : fen;
        long cents = Long.remainderUnsigned(magnitude, 100);
        return (fen < 0 ? "-" : "") + Long.toUnsignedString(Long.divideUnsigned(magnitude, 100))
                + (cents < 10 ? ".0" : ".") + cents;
    }

    /**
     * Parses an amount in yuan as people type it: {@code 1234.5}, {@code 1,234.56}, {@code ¥12},
     * {@code ￥12.00元}, {@code -¥1,234.56}, full-width digits, surrounding spaces. At most two
     * decimal places, at most 16 integer digits.
     *
     * @throws IllegalArgumentException with a Chinese message for anything else
     */
    public static long parseYuan(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("金额不能为空");
        }
        String shown = text.strip();
        Matcher m = AMOUNT.matcher(toHalfWidth(shown));
        if (!m.matches() || (!m.group(1).isEmpty() && !m.group(2).isEmpty())) {
            throw new IllegalArgumentException("金额“" + shown + "”不是有效数字");
        }
        String digits = m.group(3);
        if (digits.indexOf(',') >= 0) {
            if (!GROUPED.matcher(digits).matches()) {
                throw new IllegalArgumentException("金额“" + shown + "”的千分位逗号位置不对（例：1,234,567.89）");
            }
            digits = digits.replace(",", "");
        }
        String decimals = m.group(4) == null ? "" : m.group(4);
        if (decimals.length() > 2) {
            throw new IllegalArgumentException("金额“" + shown + "”最多两位小数（到分）");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 16) {
            throw new IllegalArgumentException("金额“" + shown + "”过大（整数部分最多16位）");
        }
        // 16 digits * 100 + 99 < 10^18 < Long.MAX_VALUE: no overflow is possible here.
        long fen = Long.parseLong(significant) * 100 + (decimals.isEmpty() ? 0 : Long.parseLong((decimals + "0").substring(0, 2)));
        boolean negative = m.group(1).equals("-") || m.group(2).equals("-");
        return negative ? -fen : fen;
    }

    private static String toHalfWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == '．') {
                b.append('.');
            } else if (c == '，') {
                b.append(',');
            } else if (c == '－' || c == '\u2212') {
                b.append('-');
            } else if (c == '＋') {
                b.append('+');
            } else if (c == '\u3000') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
