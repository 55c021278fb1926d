package cn.sanwu.model.money;

/**
 * Renders an amount of fen in financial uppercase Chinese (大写), as printed on vouchers and
 * disclosure sheets: 壹万贰仟叁佰肆拾伍元陆角柒分. Follows the 大写 rules of 中国人民银行《支付结算办法》
 * 附件一: a run of zeros inside the integer part is written as one 零 (壹仟零壹拾元, 壹拾万零壹元,
 * 壹亿零壹万元); 零 after 元 when 角 is zero and 分 is not (壹拾元零伍分); 整 after 元 or 角 when
 * nothing follows, never after 分. Where the rules allow 零 or no 零 (a zero 元 digit before a
 * non-zero 角: ¥1680.32) we write none: 壹仟陆佰捌拾元叁角贰分. Above 亿 the amount is split
 * recursively (壹万零壹亿, not 壹万亿零壹亿). Supports {@code |fen| < 10^18}, i.e. up to 16 integer
 * digits of yuan, the same range as {@link MoneyFormat#parseYuan}.
 */
public final class ChineseUppercase {

    private static final char[] DIGITS = {'零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'};
    private static final String[] IN_GROUP_UNITS = {"", "拾", "佰", "仟"};
    private static final int[] POWERS = {1, 10, 100, 1000};
    private static final long LIMIT_FEN = 1_000_000_000_000_000_000L;
    private static final long YI = 100_000_000L;

    private ChineseUppercase() {
    }

    /** Text shown instead of 大写 when an amount is beyond what 大写 can write. */
    public static final String TOO_LARGE = "（金额过大，无法写成大写）";

    /** Like {@link #of}, but an amount beyond the 大写 range gives {@link #TOO_LARGE} instead of an exception (for display). */
    public static String orTooLarge(long fen) {
        return fen <= -LIMIT_FEN || fen >= LIMIT_FEN ? TOO_LARGE : of(fen);
    }

    public static String of(long fen) {
        if (fen <= -LIMIT_FEN || fen >= LIMIT_FEN) {
            throw new IllegalArgumentException("金额超出大写范围（最多16位整数）");
        }
        if (fen < 0) {
            return "负" + of(-fen);
        }
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int fenDigit = (int) (fen % 10);
        StringBuilder out = new StringBuilder();
        if (yuan > 0) {
            integerPart(yuan, out);
            out.append('元');
        }
        if (jiao == 0 && fenDigit == 0) {
            return yuan == 0 ? "零元整" : out.append('整').toString();
        }
        if (jiao > 0) {
            out.append(DIGITS[jiao]).append('角');
        } else if (yuan > 0) {
            // 《支付结算办法》: 角位是0而分位不是0时，元后面应写零字.
            out.append('零');
        }
        if (fenDigit > 0) {
            out.append(DIGITS[fenDigit]).append('分');
        } else {
            out.append('整');
        }
        return out.toString();
    }

    /** Appends {@code yuan > 0} as 大写 digits and units; one 零 stands for any run of inner zeros. */
    private static void integerPart(long yuan, StringBuilder out) {
        long high = yuan / YI;
        int low = (int) (yuan % YI);
        if (high > 0) {
            integerPart(high, out);
            out.append('亿');
            if (low == 0) {
                return;
            }
            if (low < 10_000_000) {
                out.append('零');
            }
        }
        int wan = low / 10_000;
        int unit = low % 10_000;
        if (wan > 0) {
            out.append(group(wan)).append('万');
            if (unit == 0) {
                return;
            }
            if (unit < 1000) {
                out.append('零');
            }
        }
        if (unit > 0) {
            out.append(group(unit));
        }
    }

    /** 1..9999 with inner zeros collapsed to one 零 and trailing zeros dropped. */
    private static String group(int value) {
        StringBuilder out = new StringBuilder();
        boolean zero = false;
        for (int pos = 3; pos >= 0; pos--) {
            int d = value / POWERS[pos] % 10;
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
