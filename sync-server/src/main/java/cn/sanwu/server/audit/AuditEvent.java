package cn.sanwu.server.audit;

import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One review action for the hash-chained audit log (who, what, on which revision, with what
 * result, when). Immutable; {@code at} is kept to the millisecond so the chain hashes the same bytes
 * whatever precision the database returns.
 *
 * @param actorUserId the acting person's account id
 * @param actorRole   the role they acted in ({@code Role.name()}, e.g. {@code TOWNSHIP_REVIEWER})
 * @param action      what was done, e.g. {@code SUBMIT}, {@code APPROVE}, {@code RETURN}, {@code PUBLISH}
 * @param noticeId    the notice acted on; null only for actions on no notice
 * @param revision    the notice revision acted on (0 when there is none)
 * @param contentHash the content hash the action bound to; null when it binds none (e.g. a return)
 * @param result      the outcome, e.g. {@code OK} or a refusal code
 * @param reason      comment or refusal reason; may be null
 * @param at          when the server recorded it
 */
public record AuditEvent(UUID actorUserId, String actorRole, String action, UUID noticeId, int revision,
        ContentHash contentHash, String result, String reason, Instant at) {

    public static final String SCHEMA = "sanwu.audit-event/1";

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public AuditEvent {
        Objects.requireNonNull(actorUserId, "actorUserId");
        requireText(actorRole, "actorRole", 40);
        requireText(action, "action", 60);
        requireText(result, "result", 60);
        Objects.requireNonNull(at, "at");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be 0 or more, was " + revision);
        }
        if (reason != null && reason.length() > 2000) {
            throw new IllegalArgumentException("reason longer than 2000 characters");
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
        if (at.isBefore(Instant.EPOCH) || at.atOffset(ZoneOffset.UTC).getYear() > 9999) {
            throw new IllegalArgumentException("event time out of range: " + at);
        }
    }

    /** The canonical tree hashed into the chain at position {@code seq}; null fields are left out. */
    public Map<String, Object> canonicalTree(long seq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("seq", seq);
        m.put("actorUserId", actorUserId.toString());
        m.put("actorRole", actorRole);
        m.put("action", action);
        m.put("noticeId", noticeId == null ? null : noticeId.toString());
        m.put("revision", revision);
        m.put("contentHash", contentHash == null ? null : contentHash.toString());
        m.put("result", result);
        m.put("reason", reason);
        m.put("at", MILLIS_UTC.format(at));
        return m;
    }

    private static void requireText(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " longer than " + max + " characters");
        }
    }
}
