package cn.sanwu.model.catalog;

/** How often an item must be disclosed; decides which {@link cn.sanwu.model.period.Period} kinds fit it. */
public enum Frequency {
    MONTHLY("每月"),
    QUARTERLY("每季度"),
    SEMIANNUAL("每半年"),
    YEARLY("每年"),
    ON_EVENT("即时（随事项）"),
    STANDING("长期（变更时更新）");

    private final String nameZh;

    Frequency(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    /** True for the frequencies whose periods follow the calendar and therefore have deadlines. */
    public boolean isCalendarPeriodic() {
        return this == MONTHLY || this == QUARTERLY || this == SEMIANNUAL || this == YEARLY;
    }
}
