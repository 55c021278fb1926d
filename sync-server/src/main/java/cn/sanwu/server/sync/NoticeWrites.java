package cn.sanwu.server.sync;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Notice versions written by the server itself (review decisions, a township entering finance for
 * a village): stored like a village's push — the entity at a higher revision and one change on the
 * village's feed — so the village PCs receive them through their ordinary sync. Stateless; runs
 * in the caller's transaction.
 */
public final class NoticeWrites {

    /** A notice as the server holds it now. */
    public record Current(String villageCode, int revision, ObjectNode payload) {
    }

    private final ChangeFeed feed = new ChangeFeed();
    private final EntityStore entities = new EntityStore();

    /** Before a transaction that will write to {@code village}'s feed (see {@link ChangeFeed#ensureScope}). */
    public void prepare(Database db, String village) {
        feed.ensureScope(db, village);
    }

    /**
     * Locks {@code village}'s feed for this transaction (so no push of that village interleaves)
     * and answers the notice's current version. Call before reading anything you will decide on.
     */
    public long lockVillage(Connection c, String village) throws SQLException {
        return feed.nextSeq(c, village);
    }

    public Optional<Current> find(Connection c, UUID noticeId) throws SQLException {
        return entities.find(c, SyncProtocol.ENTITY_NOTICE, noticeId)
                .map(s -> new Current(s.scope(), s.revision(), (ObjectNode) ChangeFeed.parseStored(s.payload())));
    }

    /**
     * Writes {@code payload} (its {@code revision} field must be the new revision) at the seq taken by
     * {@link #lockVillage}; {@code expectedRevision} 0 creates the notice.
     */
    public void write(Connection c, String village, long seq, UUID noticeId, int expectedRevision, JsonNode payload,
            Instant now) throws SQLException {
        int revision = payload.path("revision").asInt();
        String json = payload.toString();
        if (expectedRevision == 0) {
            entities.insert(c, SyncProtocol.ENTITY_NOTICE, noticeId, village, revision, json, now);
        } else if (!entities.update(c, SyncProtocol.ENTITY_NOTICE, noticeId, expectedRevision, revision, json, now)) {
            throw new SQLException("notice changed under the village lock: " + noticeId);
        }
        feed.append(c, village, seq, SyncProtocol.ENTITY_NOTICE, noticeId, revision, json, now);
    }
}
