package cn.sanwu.model.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.catalog.Frequency;
import cn.sanwu.model.testing.SeedFromSystemProperty;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(SeedFromSystemProperty.class)
class PeriodTest {

    @Example
    void parseAndCodeForEveryKind() {
        assertThat(Period.parse("2026-11")).isEqualTo(new Period.Month(YearMonth.of(2026, 11)));
        assertThat(Period.parse("2026-Q4")).isEqualTo(new Period.Quarter(2026, 4));
        assertThat(Period.parse("2026-H2")).isEqualTo(new Period.HalfYear(2026, 2));
        assertThat(Period.parse("2026")).isEqualTo(new Period.Year(2026));
        assertThat(Period.parse("E2026-11-28")).isEqualTo(new Period.Event(LocalDate.of(2026, 11, 28)));
        assertThat(Period.parse("S2026-11-28")).isEqualTo(new Period.AsOf(LocalDate.of(2026, 11, 28)));
        assertThat(Period.parse(" 2026-01 ").code()).isEqualTo("2026-01");
        assertThat(Period.parse("2026-Q4").displayZh()).isEqualTo("2026年第四季度");
        assertThat(Period.parse("2026-H1").displayZh()).isEqualTo("2026年上半年");
    }

    @Property(tries = 300)
    void codeRoundTrips(@ForAll @IntRange(min = 1000, max = 9999) int year, @ForAll @IntRange(min = 1, max = 366) int day,
            @ForAll Frequency frequency) {
        LocalDate date = LocalDate.ofYearDay(year, Math.min(day, LocalDate.ofYearDay(year, 1).lengthOfYear()));
        Period p = Period.containing(frequency, date);
        assertThat(Period.parse(p.code())).isEqualTo(p);
        assertThat(p.contains(date)).isTrue();
        assertThat(p.fits(frequency)).isTrue();
        assertThat(Arrays.stream(Frequency.values()).filter(p::fits)).containsExactly(frequency);
    }

    @Example
    void invalidCodesAreRejectedInChinese() {
        for (String bad : new String[] {"2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-H3", "abc", "", "26-11", "E2026-02-30",
                "X2026-11-28", "2026-1", "0999"}) {
            assertThatThrownBy(() -> Period.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("期间");
        }
        assertThatThrownBy(() -> Period.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("无法识别的期间");
        // Years that cannot be written as a four-digit code never become periods.
        assertThatThrownBy(() -> new Period.Year(12026)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Period.Quarter(2026, 5)).hasMessageContaining("季度");
    }

    @Example
    void containingAtBoundaries() {
        assertThat(Period.containing(Frequency.QUARTERLY, LocalDate.of(2026, 3, 31)).code()).isEqualTo("2026-Q1");
        assertThat(Period.containing(Frequency.QUARTERLY, LocalDate.of(2026, 4, 1)).code()).isEqualTo("2026-Q2");
        assertThat(Period.containing(Frequency.QUARTERLY, LocalDate.of(2026, 12, 31)).code()).isEqualTo("2026-Q4");
        assertThat(Period.containing(Frequency.SEMIANNUAL, LocalDate.of(2026, 6, 30)).code()).isEqualTo("2026-H1");
        assertThat(Period.containing(Frequency.SEMIANNUAL, LocalDate.of(2026, 7, 1)).code()).isEqualTo("2026-H2");
        assertThat(Period.containing(Frequency.MONTHLY, LocalDate.of(2026, 3, 31)).code()).isEqualTo("2026-03");
        assertThat(Period.containing(Frequency.MONTHLY, LocalDate.of(2026, 4, 1)).code()).isEqualTo("2026-04");
        assertThat(Period.containing(Frequency.YEARLY, LocalDate.of(2026, 12, 31)).code()).isEqualTo("2026");
        assertThat(Period.containing(Frequency.YEARLY, LocalDate.of(2027, 1, 1)).code()).isEqualTo("2027");
        assertThat(Period.containing(Frequency.ON_EVENT, LocalDate.of(2026, 12, 31)).code()).isEqualTo("E2026-12-31");
        assertThat(Period.containing(Frequency.STANDING, LocalDate.of(2026, 12, 31)).code()).isEqualTo("S2026-12-31");
        Period q1 = Period.parse("2024-Q1");
        assertThat(q1.start()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(q1.end()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(Period.parse("2024-02").end()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(q1.contains(LocalDate.of(2024, 4, 1))).isFalse();
        assertThat(q1.contains(LocalDate.of(2023, 12, 31))).isFalse();
    }

    @Example
    void previousCrossesYearBoundary() {
        assertThat(Period.parse("2026-01").previous().code()).isEqualTo("2025-12");
        assertThat(Period.parse("2026-Q1").previous().code()).isEqualTo("2025-Q4");
        assertThat(Period.parse("2026-Q3").previous().code()).isEqualTo("2026-Q2");
        assertThat(Period.parse("2026-H1").previous().code()).isEqualTo("2025-H2");
        assertThat(Period.parse("2026-H2").previous().code()).isEqualTo("2026-H1");
        assertThat(Period.parse("2026").previous().code()).isEqualTo("2025");
        assertThat(Period.parse("E2026-01-01").previous()).isNull();
        assertThat(Period.parse("S2026-01-01").previous()).isNull();
    }

    @Property(tries = 200)
    void previousEndsTheDayBeforeStart(@ForAll @IntRange(min = 1001, max = 9999) int year, @ForAll @IntRange(min = 1, max = 365) int day,
            @ForAll Frequency frequency) {
        if (!frequency.isCalendarPeriodic()) {
            return; // events and standing content have no predecessor
        }
        Period p = Period.containing(frequency, LocalDate.ofYearDay(year, day));
        assertThat(p.previous().end().plusDays(1)).isEqualTo(p.start());
    }

    @Example
    void fits() {
        assertThat(Period.parse("2026-Q4").fits(Frequency.QUARTERLY)).isTrue();
        assertThat(Period.parse("2026-Q4").fits(Frequency.MONTHLY)).isFalse();
        assertThat(Period.parse("2026").fits(Frequency.YEARLY)).isTrue();
        assertThat(Period.parse("E2026-11-28").fits(Frequency.ON_EVENT)).isTrue();
        assertThat(Period.parse("S2026-11-28").fits(Frequency.ON_EVENT)).isFalse();
    }

    @Example
    void deadlines() {
        assertThat(Deadlines.deadline(Period.parse("2026-11"), 10)).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(Deadlines.deadline(Period.parse("2026-Q4"), 20)).isEqualTo(LocalDate.of(2027, 1, 20));
        assertThat(Deadlines.deadline(Period.parse("2024-01"), 31)).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(Deadlines.deadline(Period.parse("2026-H1"), 0)).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThatThrownBy(() -> Deadlines.deadline(Period.parse("2026"), -1)).hasMessageContaining("不能为负数");
    }

    @Example
    void latestEnded() {
        assertThat(Deadlines.latestEnded(Frequency.QUARTERLY, LocalDate.of(2026, 4, 1)).code()).isEqualTo("2026-Q1");
        assertThat(Deadlines.latestEnded(Frequency.QUARTERLY, LocalDate.of(2026, 3, 31)).code()).isEqualTo("2025-Q4");
        assertThat(Deadlines.latestEnded(Frequency.MONTHLY, LocalDate.of(2026, 1, 1)).code()).isEqualTo("2025-12");
        assertThat(Deadlines.latestEnded(Frequency.SEMIANNUAL, LocalDate.of(2026, 7, 1)).code()).isEqualTo("2026-H1");
        assertThat(Deadlines.latestEnded(Frequency.SEMIANNUAL, LocalDate.of(2026, 6, 30)).code()).isEqualTo("2025-H2");
        assertThat(Deadlines.latestEnded(Frequency.YEARLY, LocalDate.of(2026, 12, 31)).code()).isEqualTo("2025");
        assertThatThrownBy(() -> Deadlines.latestEnded(Frequency.ON_EVENT, LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("没有固定期间");
    }

    @Property(tries = 300)
    void latestEndedIsTheLastPeriodBeforeToday(@ForAll @IntRange(min = 1001, max = 9998) int year,
            @ForAll @IntRange(min = 1, max = 365) int day, @ForAll Frequency frequency) {
        if (!frequency.isCalendarPeriodic()) {
            return;
        }
        LocalDate today = LocalDate.ofYearDay(year, day);
        Period p = Deadlines.latestEnded(frequency, today);
        assertThat(p.end()).isBefore(today);
        assertThat(p.fits(frequency)).isTrue();
        // The next period has not ended: it contains today or lies after it.
        assertThat(Period.containing(frequency, p.end().plusDays(1)).end()).isAfterOrEqualTo(today);
    }
}
