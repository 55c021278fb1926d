package cn.sanwu.model.period;

import cn.sanwu.model.catalog.Frequency;
import java.time.LocalDate;
import java.util.Objects;

/**
 * When disclosures fall due. A period's disclosure is due {@code graceDays} after its last day
 * (the catalog sets the grace per frequency). Callers pass "today" from an injected
 * {@link java.time.Clock} in Asia/Shanghai; nothing here reads the system clock.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The last day on which the disclosure for {@code period} is on time: {@code end + graceDays}. */
    public static LocalDate deadline(Period period, int graceDays) {
        Objects.requireNonNull(period, "period");
        if (graceDays < 0) {
            throw new IllegalArgumentException("公开期限天数不能为负数：" + graceDays);
        }
        return period.end().plusDays(graceDays);
    }

    /**
     * The most recent period of {@code frequency} whose last day is before {@code today}: the one
     * before the period containing today (which cannot have ended yet, since it contains today).
     *
     * @throws IllegalArgumentException for 即时 and 长期 items, which have no calendar periods
     */
    public static Period latestEnded(Frequency frequency, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (!frequency.isCalendarPeriodic()) {
            throw new IllegalArgumentException("“" + frequency.nameZh() + "”的事项没有固定期间");
        }
        return Period.containing(frequency, today).previous();
    }
}
