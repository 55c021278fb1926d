package cn.sanwu.client.checklist;

import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the home checklist. {@code period} is the period due now (null for an event item
 * with nothing drafted); {@code deadline} is null where the item has none; {@code noticeId} points
 * at the notice that decides the state, if any.
 */
public record ChecklistEntry(CatalogItem item, Period period, LocalDate deadline, ChecklistState state, UUID noticeId,
        String reason, boolean late) {

    /**
     * A drafted or returned notice whose deadline has passed is still not on the board: the
     * oversight view counts it as overdue, so the clerk must see that too.
     */
    public static boolean isLate(ChecklistState state, LocalDate deadline, LocalDate today) {
        boolean notOnBoard = state == ChecklistState.OVERDUE || state == ChecklistState.DRAFTED || state == ChecklistState.RETURNED;
        return notOnBoard && deadline != null && today.isAfter(deadline);
    }
}
