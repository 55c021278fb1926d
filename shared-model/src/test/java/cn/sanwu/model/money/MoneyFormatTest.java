package cn.sanwu.model.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.sanwu.model.testing.SeedFromSystemProperty;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(SeedFromSystemProperty.class)
class MoneyFormatTest {

    @Example
    void displayGroupedPlain() {
        assertThat(MoneyFormat.display(123456)).isEqualTo("¥1,234.56");
        assertThat(MoneyFormat.display(-123456)).isEqualTo("-¥1,234.56");
        assertThat(MoneyFormat.display(0)).isEqualTo("¥0.00");
        assertThat(MoneyFormat.display(5)).isEqualTo("¥0.05");
        assertThat(MoneyFormat.grouped(100_000_000)).isEqualTo("1,000,000.00");
        assertThat(MoneyFormat.grouped(99_999)).isEqualTo("999.99");
        // The sign must never be dropped: grouped() is used in tables without a currency sign.
        assertThat(MoneyFormat.grouped(-100_000)).isEqualTo("-1,000.00");
        assertThat(MoneyFormat.plain(-5)).isEqualTo("-0.05");
        assertThat(MoneyFormat.plain(123450)).isEqualTo("1234.50");
    }

    @Example
    void extremesPrintExactly() {
        // Math.abs(Long.MIN_VALUE) overflows; the first version printed "--92233720368547758.-8".
        assertThat(MoneyFormat.plain(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
        assertThat(MoneyFormat.display(Long.MIN_VALUE)).isEqualTo("-¥92,233,720,368,547,758.08");
        assertThat(MoneyFormat.display(Long.MAX_VALUE)).isEqualTo("¥92,233,720,368,547,758.07");
    }

    @Example
    void parsesWhatPeopleType() {
        assertThat(MoneyFormat.parseYuan("1234.5")).isEqualTo(123450);
        assertThat(MoneyFormat.parseYuan("1,234.56")).isEqualTo(123456);
        assertThat(MoneyFormat.parseYuan("¥1,234.50元")).isEqualTo(123450);
        assertThat(MoneyFormat.parseYuan("￥12.00元")).isEqualTo(1200);
        assertThat(MoneyFormat.parseYuan(" 12 ")).isEqualTo(1200);
        assertThat(MoneyFormat.parseYuan("12.")).isEqualTo(1200);
        assertThat(MoneyFormat.parseYuan("-0.05")).isEqualTo(-5);
        assertThat(MoneyFormat.parseYuan("+3")).isEqualTo(300);
        assertThat(MoneyFormat.parseYuan("-¥1,234.56")).isEqualTo(-123456); // what display() prints
        assertThat(MoneyFormat.parseYuan("¥-1.00")).isEqualTo(-100);
        assertThat(MoneyFormat.parseYuan("１，２３４．５６")).isEqualTo(123456); // full-width, as IMEs type
        assertThat(MoneyFormat.parseYuan("－５")).isEqualTo(-500);
        assertThat(MoneyFormat.parseYuan("0001.10")).isEqualTo(110);
        assertThat(MoneyFormat.parseYuan("9999999999999999.99")).isEqualTo(MoneyFormat.MAX_ABS_FEN);
    }

    @Example
    void rejectsBadInputWithChineseMessages() {
        assertBad("", "不能为空");
        assertBad("   ", "不能为空");
        assertBad(null, "不能为空");
        assertBad("abc", "不是有效数字");
        assertBad("1.234", "两位小数");
        // Decided: misplaced separators are an error, not ignored ("1,2,3" may be a list).
        assertBad("1,2,3", "千分位");
        assertBad("12,34.5", "千分位");
        assertBad("1 234", "不是有效数字");
        assertBad("--5", "不是有效数字");
        assertBad("-¥-5", "不是有效数字");
        assertBad("1e3", "不是有效数字");
        assertBad("NaN", "不是有效数字");
        assertBad(".5", "不是有效数字");
        assertBad("١٢٣", "不是有效数字"); // Arabic-Indic digits are not accepted as money
        assertBad("99999999999999999999", "过大");
        assertBad("10000000000000000", "过大");
        assertBad("9223372036854775808", "过大");
    }

    private static void assertBad(String text, String keyword) {
        Throwable t = catchThrowable(() -> MoneyFormat.parseYuan(text));
        // Only IllegalArgumentException with a Chinese reason: never ArithmeticException or a bare NumberFormatException.
        assertThat(t).as(text).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(keyword);
    }

    @Property(tries = 1000)
    void plainRoundTrips(@ForAll @LongRange(min = -MoneyFormat.MAX_ABS_FEN, max = MoneyFormat.MAX_ABS_FEN) long fen) {
        assertThat(MoneyFormat.parseYuan(MoneyFormat.plain(fen))).isEqualTo(fen);
        assertThat(MoneyFormat.parseYuan(MoneyFormat.display(fen))).isEqualTo(fen);
        assertThat(MoneyFormat.parseYuan(MoneyFormat.grouped(fen))).isEqualTo(fen);
    }

    @Example
    void noMoneyApiUsesFloatingPoint() {
        // DESIGN.md §5.1: money never passes through double. Guard the public surface of the money package.
        for (Class<?> c : new Class<?>[] {MoneyFormat.class, ChineseUppercase.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                assertThat(m.getReturnType()).as(m.toString()).isNotIn(double.class, float.class, Double.class, Float.class);
                assertThat(Arrays.asList(m.getParameterTypes())).as(m.toString())
                        .doesNotContain(double.class, float.class, Double.class, Float.class);
            }
        }
        assertThatThrownBy(() -> MoneyFormat.parseYuan("0.1.2")).isInstanceOf(IllegalArgumentException.class);
    }
}
