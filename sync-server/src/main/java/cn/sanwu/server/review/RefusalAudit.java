package cn.sanwu.server.review;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.audit.AuditEvent;
import cn.sanwu.server.ledger.LedgerHead;
import cn.sanwu.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused review actions in the hash-chained audit log (ADR 0025): "who, what, when, result" for
 * attempts too, not only for what changed. The refused call's own transaction has already rolled
 * back all its business effects; then one {@link AuditEvent} with result {@link #REFUSED} and the
 * refusal code as its reason is appended in a separate short transaction.
 *
 * <p>Bounded so that the chain cannot be grown at will: only refusals of a logged-in person's
 * call by the review rules are recorded (an unauthenticated request never reaches the review
 * service: it is refused by the access control before), the event holds no text the caller typed
 * (a code, the notice id and revision, a content hash only when it parses), and at most
 * {@link #DEFAULT_PER_HOUR} refused events per person and hour are chained; beyond that the
 * refusal is answered as usual and only logged. A failure to record never turns the caller's
 * refusal into a server error. Thread-safe.
 */
final class RefusalAudit {

    static final String REFUSED = "REFUSED";
    static final int DEFAULT_PER_HOUR = 120;
    private static final Logger LOG = LoggerFactory.getLogger(RefusalAudit.class);

    private final Database db;
    private final Clock clock;
    private final int perHour;
    private final AuditChain chain = new AuditChain();

    RefusalAudit(Database db, Clock clock, int perHour) {
        this.db = db;
        this.clock = clock;
        this.perHour = perHour;
    }

    /** Runs {@code call}; when it is refused, records the refusal (if bounds allow) and rethrows it. */
    <T> T recorded(Actor actor, ReviewEvent.Action action, UUID noticeId, int revision, String contentHash, Supplier<T> call) {
        try {
            return call.get();
        } catch (Refusal refusal) {
            if (actor != null && actor.kind() == Actor.Kind.USER) {
                record(actor, action, noticeId, revision, contentHash, refusal);
            }
            throw refusal;
        }
    }

    private void record(Actor actor, ReviewEvent.Action action, UUID noticeId, int revision, String contentHash, Refusal refusal) {
        Instant now = clock.instant();
        AuditEvent event = new AuditEvent(actor.id(), actor.role().name(), action.name(), noticeId, Math.max(0, revision),
                parsedOrNull(contentHash), REFUSED, refusal.code(), now);
        try {
            boolean chained = db.inTransaction(c -> {
                // The chain's lock first, so concurrent refusals of one person count exactly.
                LedgerHead.lock(c);
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE actor_user_id = ?"
                        + " AND occurred_at > ? AND result = ?")) {
                    ps.setObject(1, actor.id());
                    ps.setObject(2, now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
                    ps.setString(3, REFUSED);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= perHour) {
                            return false;
                        }
                    }
                }
                chain.append(c, event);
                return true;
            });
            if (!chained) {
                LOG.warn("refused {} by {} ({}) not chained: more than {} refusals in an hour", action, actor.id(), refusal.code(),
                        perHour);
            }
        } catch (RuntimeException e) {
            LOG.error("could not record the refused {} by {} ({}) in the audit chain", action, actor.id(), refusal.code(), e);
        }
    }

    private static ContentHash parsedOrNull(String text) {
        if (text == null || text.length() > 200) {
            return null;
        }
        try {
            return ContentHash.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
