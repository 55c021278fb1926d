package cn.sanwu.model.money;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money is an integer number of fen ({@code long}) everywhere; this class is the only place that
 * turns it into text and back. Never goes through floating point.
 */
public final class MoneyFormat {

    private static final Pattern AMOUNT = Pattern.compile("([+-]?)(\\d{1,16})(?:\\.(\\d{0,2}))?");

    private MoneyFormat() {
    }

    /** {@code ¥1,234.56}; negative as {@code -¥1,234.56}. */
    public static String display(long fen) {
        return (fen < 0 ? "-¥" : "¥") + grouped(fen);
    }

    /** {@code 1,234.56} with thousands separators, no currency sign. */
    public static String grouped(long fen) {
        String plain = plain(Math.abs(fen) == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(fen));
        int dot = plain.indexOf('.');
        StringBuilder intPart = new StringBuilder(plain.substring(0, dot));
        for (int i = intPart.length() - 3; i > 0; i -= 3) {
            intPart.insert(i, ',');
        }
        return intPart + plain.substring(dot);
    }

    /** {@code 1234.56}, {@code -0.05}: what spreadsheets and CSV files hold. */
    public static String plain(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
    }

    /**
     * Parses an amount in yuan as people type it: {@code 1234.5}, {@code 1,234.56}, {@code ¥12},
     * {@code ￥12.00元}, full-width digits, surrounding spaces. At most two decimal places.
     *
     * @throws IllegalArgumentException with a Chinese message for anything else
     */
    public static long parseYuan(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("金额不能为空");
        }
        String t = toHalfWidth(text.strip())
                .replace(",", "")
                .replace("¥", "")
                .replace("￥", "")
                .replace("元", "")
                .replace(" ", "");
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            if (t.matches("[+-]?\\d+\\.\\d{3,}")) {
                throw new IllegalArgumentException("金额“" + text.strip() + "”最多两位小数（到分）");
            }
            throw new IllegalArgumentException("金额“" + text.strip() + "”不是有效数字");
        }
        String decimals = m.group(3) == null ? "" : m.group(3);
        long fen = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(2)), 100),
                decimals.isEmpty() ? 0 : Long.parseLong(decimals.length() == 1 ? decimals + "0" : decimals));
        return m.group(1).equals("-") ? -fen : fen;
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
            } else if (c == '－') {
                b.append('-');
            } else if (c == '\u3000') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
