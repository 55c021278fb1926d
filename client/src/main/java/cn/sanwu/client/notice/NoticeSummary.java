package cn.sanwu.client.notice;

import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeStatus;
import java.time.Instant;
import java.util.UUID;

/** One line of a notice list or search result; enough to show and open it, not its content. */
public record NoticeSummary(UUID id, String itemCode, Category category, String periodCode, String title,
        NoticeStatus status, int revision, Instant updatedAt) {
}
