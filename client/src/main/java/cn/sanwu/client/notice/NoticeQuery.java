package cn.sanwu.client.notice;

import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeStatus;

/**
 * Search and filter across a village's notices. Null or blank fields do not filter. {@code text}
 * matches title, body, table cells and ledger summaries; several words separated by spaces must all
 * match.
 */
public record NoticeQuery(String villageCode, String text, Category category, NoticeStatus status, String periodCode,
        String itemCode, int limit) {

    public static NoticeQuery all(String villageCode) {
        return new NoticeQuery(villageCode, null, null, null, null, null, 500);
    }
}
