package cn.sanwu.model.period;

import cn.sanwu.model.catalog.Frequency;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A disclosure period: a calendar value in Asia/Shanghai (never an instant). Each kind of period
 * fits exactly one {@link Frequency}. The {@link #code()} is stable and sortable within a kind:
 * {@code 2026-11}, {@code 2026-Q4}, {@code 2026-H2}, {@code 2026}, {@code E2026-11-28} (an event
 * on that day), {@code S2026-11-28} (standing content as of that day).
 */
public sealed interface Period permits Period.Month, Period.Quarter, Period.HalfYear, Period.Year,
        Period.Event, Period.AsOf {

    String code();

    String displayZh();

    Frequency frequency();

    LocalDate start();

    /** Last day that belongs to the period (inclusive). */
    LocalDate end();

    /** The period before this one of the same kind; events and standing content have none. */
    Period previous();

    default boolean fits(Frequency f) {
        return frequency() == f;
    }

    default boolean contains(LocalDate date) {
        return !date.isBefore(start()) && !date.isAfter(end());
    }

    record Month(YearMonth month) implements Period {
        public Month {
            checkYear(month.getYear());
        }
        public String code() { return month.toString(); }
        public String displayZh() { return month.getYear() + "年" + month.getMonthValue() + "月"; }
        public Frequency frequency() { return Frequency.MONTHLY; }
        public LocalDate start() { return month.atDay(1); }
        public LocalDate end() { return month.atEndOfMonth(); }
        public Period previous() { return new Month(month.minusMonths(1)); }
    }

    record Quarter(int year, int quarter) implements Period {
        private static final String[] NAMES = {"一", "二", "三", "四"};
        public Quarter {
            checkYear(year);
            if (quarter < 1 || quarter > 4) throw new IllegalArgumentException("季度应为1–4：" + quarter);
        }
        public String code() { return year + "-Q" + quarter; }
        public String displayZh() { return year + "年第" + NAMES[quarter - 1] + "季度"; }
        public Frequency frequency() { return Frequency.QUARTERLY; }
        public LocalDate start() { return LocalDate.of(year, (quarter - 1) * 3 + 1, 1); }
        public LocalDate end() { return YearMonth.of(year, quarter * 3).atEndOfMonth(); }
        public Period previous() { return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1); }
    }

    record HalfYear(int year, int half) implements Period {
        public HalfYear {
            checkYear(year);
            if (half < 1 || half > 2) throw new IllegalArgumentException("半年应为1或2：" + half);
        }
        public String code() { return year + "-H" + half; }
        public String displayZh() { return year + "年" + (half == 1 ? "上半年" : "下半年"); }
        public Frequency frequency() { return Frequency.SEMIANNUAL; }
        public LocalDate start() { return LocalDate.of(year, half == 1 ? 1 : 7, 1); }
        public LocalDate end() { return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31); }
        public Period previous() { return half == 1 ? new HalfYear(year - 1, 2) : new HalfYear(year, 1); }
    }

    record Year(int year) implements Period {
        public Year {
            checkYear(year);
        }
        public String code() { return Integer.toString(year); }
        public String displayZh() { return year + "年度"; }
        public Frequency frequency() { return Frequency.YEARLY; }
        public LocalDate start() { return LocalDate.of(year, 1, 1); }
        public LocalDate end() { return LocalDate.of(year, 12, 31); }
        public Period previous() { return new Year(year - 1); }
    }

    /** A matter disclosed as it happens (即时), identified by the day it happened. */
    record Event(LocalDate date) implements Period {
        public Event {
            checkYear(date.getYear());
        }
        public String code() { return "E" + date; }
        public String displayZh() { return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日（即时）"; }
        public Frequency frequency() { return Frequency.ON_EVENT; }
        public LocalDate start() { return date; }
        public LocalDate end() { return date; }
        public Period previous() { return null; }
    }

    /** Standing content (rules, members, profile) as of a day. */
    record AsOf(LocalDate date) implements Period {
        public AsOf {
            checkYear(date.getYear());
        }
        public String code() { return "S" + date; }
        public String displayZh() { return "截至" + date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日"; }
        public Frequency frequency() { return Frequency.STANDING; }
        public LocalDate start() { return date; }
        public LocalDate end() { return date; }
        public Period previous() { return null; }
    }

    Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    Pattern YEAR = Pattern.compile("(\\d{4})");
    Pattern DAY = Pattern.compile("([ES])(\\d{4}-\\d{2}-\\d{2})");

    /**
     * Parses a period code.
     *
     * @throws IllegalArgumentException with a Chinese message when the code is not a period
     */
    static Period parse(String code) {
        String c = code == null ? "" : code.strip();
        try {
            Matcher m;
            if ((m = MONTH.matcher(c)).matches()) {
                return new Month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
            if ((m = QUARTER.matcher(c)).matches()) {
                return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = HALF.matcher(c)).matches()) {
                return new HalfYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = YEAR.matcher(c)).matches()) {
                return new Year(Integer.parseInt(m.group(1)));
            }
            if ((m = DAY.matcher(c)).matches()) {
                LocalDate d = LocalDate.parse(m.group(2));
                return m.group(1).equals("E") ? new Event(d) : new AsOf(d);
            }
        } catch (java.time.DateTimeException e) {
            // fall through to the uniform message below
        }
        throw new IllegalArgumentException("无法识别的期间：“" + c + "”（例：2026-11、2026-Q4、2026-H2、2026）");
    }

    /**
     * Codes have exactly four year digits, so only years 1000–9999 can round-trip through
     * {@link #code()} and {@link #parse}; anything else is a typo, not a disclosure period.
     */
    private static void checkYear(int year) {
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("期间年份超出范围（1000–9999）：" + year);
        }
    }

    /** The period of the given frequency that contains {@code date}. */
    static Period containing(Frequency frequency, LocalDate date) {
        return switch (frequency) {
            case MONTHLY -> new Month(YearMonth.from(date));
            case QUARTERLY -> new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
            case SEMIANNUAL -> new HalfYear(date.getYear(), date.getMonthValue() <= 6 ? 1 : 2);
            case YEARLY -> new Year(date.getYear());
            case ON_EVENT -> new Event(date);
            case STANDING -> new AsOf(date);
        };
    }
}
