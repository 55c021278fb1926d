package cn.sanwu.server.review;

import java.time.Instant;
import java.util.UUID;

/**
 * One review action that changed something: who (actor id and role), what, on which notice
 * revision and content hash, when, and the reason or opinion it carried. Every action writes one,
 * in the action's transaction, to {@code review_event} and to the hash-chained audit log.
 */
public record ReviewEvent(UUID id, UUID noticeId, int revision, String villageCode, Action action, Actor actor,
        String contentHash, String reason, Instant at) {

    /** The audit chain's form of this event ({@code result} is OK: refusals change nothing and are not recorded). */
    public cn.sanwu.server.audit.AuditEvent toAudit() {
        return new cn.sanwu.server.audit.AuditEvent(actor.id(), actor.role().name(), action.name(), noticeId, revision,
                contentHash == null ? null : cn.sanwu.model.hash.ContentHash.parse(contentHash), "OK", reason, at);
    }

    public enum Action {
        /** 村务监督委员会 审核意见 recorded for a content hash. */
        SIGN_OFF,
        SUBMIT,
        APPROVE,
        RETURN,
        PUBLISH,
        /** A village push that starts a correction (更正) of a published notice. */
        CORRECT,
        WITHDRAW,
        /** A 不公开备案 filing accepted by the township. */
        FILE_ACCEPTED,
        /** 村账乡管: a township user entered content for a village. */
        TOWNSHIP_ENTRY
    }
}
