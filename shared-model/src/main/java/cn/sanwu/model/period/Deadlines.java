package cn.sanwu.model.period;

import cn.sanwu.model.catalog.Frequency;
import java.time.LocalDate;

/** When a period's disclosure is due, and which period is due on a given day. Stateless. */
public final class Deadlines {

    private Deadlines() {
    }

    /** The last day the disclosure of {@code p} is on time: the period's last day plus the grace days. */
    public static LocalDate deadline(Period p, int graceDays) {
        return p.end().plusDays(graceDays);
    }

    /** The most recent period of a calendar frequency that ended before {@code today}. */
    public static Period latestEnded(Frequency frequency, LocalDate today) {
        if (!frequency.isCalendarPeriodic()) {
            throw new IllegalArgumentException(frequency + " has no calendar periods");
        }
        return Period.containing(frequency, today).previous();
    }
}
