package cn.sanwu.client.checklist;

import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.catalog.Frequency;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Deadlines;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.RegionLevel;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Computes "what this period requires of the village": for every catalog item that applies, the
 * period due now, its deadline and how far the village has got. Periodic items look at the most
 * recent period that has ended (what must be on the board now); standing items at their latest
 * version; event items at their latest notice. Stateless; reads through {@link Database}.
 */
public final class ChecklistService {

    /** Periods are calendar values in China's time zone whatever the PC is set to (DESIGN.md §5.3). */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Database db;
    private final NoticeRepository notices;
    private final Supplier<Catalog> catalog;
    private final Clock clock;

    public ChecklistService(Database db, NoticeRepository notices, Supplier<Catalog> catalog, Clock clock) {
        this.db = db;
        this.notices = notices;
        this.catalog = catalog;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    public List<ChecklistEntry> checklist(String villageCode, RegionLevel level, Category category) {
        Catalog cat = catalog.get();
        LocalDate today = today();
        List<CatalogItem> items = cat.itemsFor(level, category);
        Map<String, Period> duePeriod = new HashMap<>();
        List<String> periodCodes = new ArrayList<>();
        List<String> otherItems = new ArrayList<>();
        for (CatalogItem item : items) {
            if (item.frequency().isCalendarPeriodic()) {
                Period p = Deadlines.latestEnded(item.frequency(), today);
                duePeriod.put(item.code(), p);
                periodCodes.add(p.code());
            } else {
                otherItems.add(item.code());
            }
        }
        List<String[]> periodic = db.read(c -> notices.statusesForPeriods(c, villageCode, periodCodes.stream().distinct().toList()));
        List<String[]> latest = db.read(c -> notices.latestPerItem(c, villageCode, otherItems));
        List<ChecklistEntry> out = new ArrayList<>();
        for (CatalogItem item : items) {
            if (item.frequency().isCalendarPeriodic()) {
                Period p = duePeriod.get(item.code());
                String[] best = bestOf(periodic, item.code(), p.code());
                LocalDate deadline = Deadlines.deadline(p, cat.graceDaysFor(item.frequency()));
                ChecklistState state = best == null
                        ? (today.isAfter(deadline) ? ChecklistState.OVERDUE : ChecklistState.DUE)
                        : stateOf(NoticeStatus.valueOf(best[2]));
                out.add(new ChecklistEntry(item, p, deadline, state, best == null ? null : UUID.fromString(best[3]),
                        best == null ? "" : best[4], ChecklistEntry.isLate(state, deadline, today)));
            } else {
                String[] newest = latest.stream().filter(r -> r[0].equals(item.code())).findFirst().orElse(null);
                ChecklistState none = item.frequency() == Frequency.STANDING ? ChecklistState.DUE : ChecklistState.ON_DEMAND;
                out.add(new ChecklistEntry(item, newest == null ? null : Period.parse(newest[1]), null,
                        newest == null ? none : stateOf(NoticeStatus.valueOf(newest[2])),
                        newest == null ? null : UUID.fromString(newest[3]), newest == null ? "" : newest[4], false));
            }
        }
        return out;
    }

    /** Of several notices for one item and period, the one furthest along decides. */
    private static String[] bestOf(List<String[]> rows, String itemCode, String periodCode) {
        String[] best = null;
        for (String[] r : rows) {
            if (r[0].equals(itemCode) && r[1].equals(periodCode)
                    && (best == null || rank(NoticeStatus.valueOf(r[2])) > rank(NoticeStatus.valueOf(best[2])))) {
                best = r;
            }
        }
        return best;
    }

    private static int rank(NoticeStatus s) {
        return switch (s) {
            case WITHDRAWN -> -1; // taken down: any other notice of the item says more
            case RETURNED -> 0;
            case DRAFT -> 1;
            case SIGNED_OFF -> 2;
            case NOT_DISCLOSED_FILED -> 3;
            case SUBMITTED -> 4;
            case APPROVED -> 5;
            case PUBLISHED, ARCHIVED -> 6;
        };
    }

    static ChecklistState stateOf(NoticeStatus s) {
        return switch (s) {
            case DRAFT, SIGNED_OFF, WITHDRAWN -> ChecklistState.DRAFTED;
            case RETURNED -> ChecklistState.RETURNED;
            case SUBMITTED -> ChecklistState.SUBMITTED;
            case APPROVED -> ChecklistState.APPROVED;
            case PUBLISHED, ARCHIVED -> ChecklistState.PUBLISHED;
            case NOT_DISCLOSED_FILED -> ChecklistState.NOT_DISCLOSED_FILED;
        };
    }
}
