package cn.sanwu.model.money;

/**
 * Renders an amount of fen in financial uppercase Chinese (大写), as printed on vouchers and
 * disclosure sheets: 壹万贰仟叁佰肆拾伍元陆角柒分; 整 after 元 or 角 when nothing follows.
 * Supports amounts below 一万亿亿 yuan (|fen| < 10^18).
 */
public final class ChineseUppercase {

    private static final char[] DIGITS = {'零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'};
    private static final String[] IN_GROUP_UNITS = {"", "拾", "佰", "仟"};
    private static final String[] GROUP_UNITS = {"", "万", "亿", "万亿"};
    private static final long LIMIT_FEN = 1_000_000_000_000_000_000L;

    private ChineseUppercase() {
    }

    public static String of(long fen) {
        if (fen <= -LIMIT_FEN || fen >= LIMIT_FEN) {
            throw new IllegalArgumentException("金额超出大写范围");
        }
        if (fen < 0) {
            return "负" + of(-fen);
        }
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int fenDigit = (int) (fen % 10);
        StringBuilder out = new StringBuilder();
        if (yuan > 0) {
            out.append(integerPart(yuan)).append('元');
        }
        if (jiao == 0 && fenDigit == 0) {
            return yuan == 0 ? "零元整" : out.append('整').toString();
        }
        if (jiao > 0) {
            out.append(DIGITS[jiao]).append('角');
        } else if (yuan > 0) {
            out.append('零');
        }
        if (fenDigit > 0) {
            out.append(DIGITS[fenDigit]).append('分');
        } else {
            out.append('整');
        }
        return out.toString();
    }

    private static String integerPart(long yuan) {
        int[] groups = new int[GROUP_UNITS.length];
        int count = 0;
        for (long v = yuan; v > 0; v /= 10_000) {
            groups[count++] = (int) (v % 10_000);
        }
        StringBuilder out = new StringBuilder();
        boolean zeroPending = false;
        for (int g = count - 1; g >= 0; g--) {
            int group = groups[g];
            if (group == 0) {
                zeroPending = out.length() > 0;
                continue;
            }
            if (out.length() > 0 && (zeroPending || group < 1000)) {
                out.append('零');
            }
            out.append(group(group)).append(GROUP_UNITS[g]);
            zeroPending = false;
        }
        return out.toString();
    }

    /** 1..9999 with inner zeros collapsed and trailing zeros dropped. */
    private static String group(int value) {
        StringBuilder out = new StringBuilder();
        boolean zero = false;
        for (int pos = 3; pos >= 0; pos--) {
            int d = value / (int) Math.pow(10, pos) % 10;
            if (d == 0) {
                zero = out.length() > 0;
                continue;
            }
            if (zero) {
                out.append('零');
                zero = false;
            }
            out.append(DIGITS[d]).append(IN_GROUP_UNITS[pos]);
        }
        return out.toString();
    }
}
