package cn.sanwu.server.feedback;

import java.time.Instant;

/** A ticket as staff and the status page see it: never the reporter's contact. */
public record Ticket(String code, String villageCode, TicketKind kind, String noticeRef, String body,
        TicketCategory category, Instant createdAt, Instant dueAt, String reply, Instant repliedAt, Instant closedAt,
        boolean hasPhoto) {

    /** 已收到 / 已答复 / 已办结, for the resident. */
    public String progressZh() {
        if (closedAt != null) {
            return "已办结";
        }
        return repliedAt != null ? "已答复" : "办理中";
    }

    /** One timestamped step (SUBMITTED, CLASSIFIED, REPLIED, CLOSED, CONTACT_READ). */
    public record Event(Instant at, String step, String detail) {
    }
}
