package cn.sanwu.model.notice;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.period.Period;
import java.util.List;
import java.util.Objects;

/**
 * Everything a reader of a notice sees, and nothing about its workflow. This is what the canonical
 * content hash covers (see docs/canonical-hash.md). {@code journal} and {@code recipients} are
 * null when the item's content kind does not use them.
 */
public record NoticeContent(
        String villageCode,
        String itemCode,
        Period period,
        String title,
        String body,
        List<NoticeTable> tables,
        CashJournal journal,
        RecipientList recipients) {

    public NoticeContent {
        Objects.requireNonNull(villageCode, "villageCode");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(period, "period");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
