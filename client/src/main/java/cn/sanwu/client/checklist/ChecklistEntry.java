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
        String reason) {
}
