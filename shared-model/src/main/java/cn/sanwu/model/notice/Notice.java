package cn.sanwu.model.notice;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notice as kept by a village: identity, content, workflow state and local revision.
 * {@code revision} counts saved versions; {@code reason} carries the 不公开备案 reason, a return
 * comment or a correction reason, depending on status.
 */
public record Notice(UUID id, NoticeContent content, NoticeStatus status, int revision, String reason, Instant updatedAt) {

    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public Notice withContent(NoticeContent newContent) {
        return new Notice(id, newContent, status, revision, reason, updatedAt);
    }
}
