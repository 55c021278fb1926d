package cn.sanwu.model.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.testing.SeedFromSystemProperty;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Known answers follow 中国人民银行《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定):
 * one 零 for a run of zeros, 零 after 元 when only 分 follows, 整 after 元/角 but never after 分.
 */
@AddLifecycleHook(SeedFromSystemProperty.class)
class ChineseUppercaseTest {

    @Example
    void knownAnswers() {
        Map<Long, String> cases = new java.util.LinkedHashMap<>();
        cases.put(0L, "零元整");
        cases.put(1L, "壹分");
        cases.put(10L, "壹角整");
        cases.put(15L, "壹角伍分");
        cases.put(100L, "壹元整");
        cases.put(1005L, "壹拾元零伍分");
        cases.put(1_234_567L, "壹万贰仟叁佰肆拾伍元陆角柒分");
        cases.put(1_000_000L, "壹万元整");
        cases.put(10_000_100L, "壹拾万零壹元整");
        cases.put(100_100_00L, "壹拾万零壹佰元整");
        cases.put(1010_00L, "壹仟零壹拾元整");
        cases.put(100_000_000_00L, "壹亿元整");
        cases.put(100_010_000_00L, "壹亿零壹万元整");
        cases.put(100_000_001_00L, "壹亿零壹元整");
        cases.put(110_000_000_00L, "壹亿壹仟万元整");
        // Examples printed in 《支付结算办法》 itself:
        cases.put(1409_50L, "壹仟肆佰零玖元伍角整");
        cases.put(6007_14L, "陆仟零柒元壹角肆分");
        cases.put(1680_32L, "壹仟陆佰捌拾元叁角贰分");
        cases.put(16409_02L, "壹万陆仟肆佰零玖元零贰分");
        cases.put(325_04L, "叁佰贰拾伍元零肆分");
        // Above 亿 the 万 of 亿 is one unit: 1,0001,0000,0000 is 壹万零壹亿, not 壹万亿零壹亿.
        cases.put(1_0000_0000_0000_00L, "壹万亿元整");
        cases.put(1_0001_0000_0000_00L, "壹万零壹亿元整");
        cases.put(9999_9999_9999_9999_99L, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
        cases.forEach((fen, expected) -> assertThat(ChineseUppercase.of(fen)).as("%d fen", fen).isEqualTo(expected));
    }

    @Example
    void negativeAmountsArePrefixed() {
        assertThat(ChineseUppercase.of(-1005)).isEqualTo("负壹拾元零伍分");
        assertThat(ChineseUppercase.of(-MoneyFormat.MAX_ABS_FEN)).startsWith("负玖仟");
    }

    @Example
    void outOfRangeThrowsWithChineseMessage() {
        for (long fen : new long[] {MoneyFormat.MAX_ABS_FEN + 1, -MoneyFormat.MAX_ABS_FEN - 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> ChineseUppercase.of(fen))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("超出");
        }
    }

    @Property(tries = 2000)
    void parsesBackToTheSameAmount(@ForAll("amounts") long fen) {
        assertThat(UppercaseParser.parse(ChineseUppercase.of(fen))).isEqualTo(fen);
    }

    @Property(tries = 2000)
    void zeroAndWholeRules(@ForAll("amounts") long fen) {
        String s = ChineseUppercase.of(fen);
        assertThat(s).doesNotContain("零零");
        assertThat(s).doesNotEndWith("零");
        assertThat(s.contains("整")).as(s).isEqualTo(fen % 10 == 0);
        if (s.contains("整")) {
            assertThat(s).endsWith("整").doesNotContain("分");
        }
    }

    /** Amounts in [0, 10^16): biased towards many zero digits, which is where the rules bite. */
    @Provide
    Arbitrary<Long> amounts() {
        Arbitrary<Long> uniform = Arbitraries.longs().between(0, 9_999_999_999_999_999L);
        Arbitrary<Long> sparse = Arbitraries.strings().withChars("0000000123456789").ofLength(16)
                .map(Long::parseLong);
        Arbitrary<Long> small = Arbitraries.longs().between(0, 100_000_000L);
        return Arbitraries.oneOf(uniform, sparse, small);
    }

    /**
     * An independent reading of 大写 back to fen: each digit multiplies the unit after it; 万 and
     * 亿 close a section. Written from the reader's side, not the writer's, so it does not share
     * the renderer's zero logic.
     */
    static final class UppercaseParser {
        private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";

        static long parse(String s) {
            boolean negative = s.startsWith("负");
            if (negative) {
                s = s.substring(1);
            }
            int yuanAt = s.indexOf('元'); // absent below one yuan: 壹分, 伍角整
            String intPart = yuanAt < 0 ? "" : s.substring(0, yuanAt);
            String rest = s.substring(yuanAt + 1);
            long yuan = intPart.equals("零") ? 0 : integer(intPart);
            long fen = 0;
            int digit = 0;
            for (char c : rest.toCharArray()) {
                int d = DIGITS.indexOf(c);
                if (d >= 0) {
                    digit = d;
                } else if (c == '角') {
                    fen += digit * 10L;
                    digit = 0;
                } else if (c == '分') {
                    fen += digit;
                    digit = 0;
                } else if (c != '整') {
                    throw new IllegalArgumentException("unexpected " + c + " in " + s);
                }
            }
            long total = yuan * 100 + fen;
            return negative ? -total : total;
        }

        private static long integer(String s) {
            long total = 0;   // sections already closed by 亿
            long section = 0; // below 亿, closed by 万 into 'section'
            long group = 0;   // below 万
            int digit = 0;
            for (char c : s.toCharArray()) {
                int d = DIGITS.indexOf(c);
                if (d >= 0) {
                    digit = d;
                    continue;
                }
                switch (c) {
                    case '拾' -> group += digit * 10L;
                    case '佰' -> group += digit * 100L;
                    case '仟' -> group += digit * 1000L;
                    case '万' -> {
                        section += (group + digit) * 10_000L;
                        group = 0;
                    }
                    case '亿' -> {
                        total = (total + section + group + digit) * 100_000_000L;
                        section = 0;
                        group = 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected " + c + " in " + s);
                }
                digit = 0;
            }
            return total + section + group + digit;
        }
    }
}
