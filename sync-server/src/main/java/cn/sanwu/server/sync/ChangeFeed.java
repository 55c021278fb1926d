package cn.sanwu.server.sync;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The per-scope change feed (docs/decisions/0009-change-feed-sequence.md). A writer takes its seq
 * from the scope's counter row inside its own transaction; the row lock that the UPDATE takes is
 * held until commit, so writers to one scope commit in seq order and a reader that has seen seq n
 * can never later meet a committed seq below n. Stateless; every call runs in the caller's transaction.
 */
public final class ChangeFeed {

    /** A page of the feed. */
    public record Page(List<SyncProtocol.Change> changes, boolean hasMore) {
    }

    /**
     * Creates the scope's counter row if it is missing, in a transaction of its own. Done before
     * any writer's transaction, so writers only ever UPDATE the row: two first writers inserting
     * it inside their transactions would make one of them fail on the primary key.
     */
    public void ensureScope(Database db, String scope) {
        try {
            db.inTransaction(c -> {
                if (!counterExists(c, scope)) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO feed_counter(scope, last_seq) VALUES (?, 0)")) {
                        ins.setString(1, scope);
                        ins.executeUpdate();
                    }
                }
                return null;
            });
        } catch (StoreException e) {
            // Another request created it at the same moment: fine, as long as it is there now.
            if (!db.inTransaction(c -> counterExists(c, scope))) {
                throw e;
            }
        }
    }

    /**
     * Reserves the next seq of {@code scope} and locks the scope's counter row until the caller's
     * transaction ends. A rolled-back transaction gives its seq back, so no gap is left either.
     * Needs {@link #ensureScope} first.
     */
    public long nextSeq(Connection c, String scope) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE feed_counter SET last_seq = last_seq + 1 WHERE scope = ?")) {
            up.setString(1, scope);
            if (up.executeUpdate() != 1) {
                throw new SQLException("no feed counter for scope " + scope);
            }
        }
        return head(c, scope);
    }

    private static boolean counterExists(Connection c, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM feed_counter WHERE scope = ?")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The highest seq of {@code scope} (0 when it has none), as this transaction sees it. */
    public long head(Connection c, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM feed_counter WHERE scope = ?")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public void append(Connection c, String scope, long seq, String entityType, UUID entityId, int revision, String payload,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_feed(scope, seq, entity_type, entity_id, revision,"
                + " payload, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setLong(2, seq);
            ps.setString(3, entityType);
            ps.setObject(4, entityId);
            ps.setInt(5, revision);
            ps.setString(6, payload);
            ps.setObject(7, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /**
     * Changes of {@code scope} after {@code cursor} in seq order: at most {@code maxRows}, and no
     * more payload bytes than {@code maxBytes} unless a single change is larger (one change always
     * comes, so a large notice cannot stall the feed).
     *
     * <p>Compacted on read: a change is left out when a later change of the same entity exists.
     * That later one has a higher seq, so it is above the cursor too and comes in this page or a
     * later one — nothing is skipped, only superseded versions are. A pull from cursor 0 is thereby
     * a snapshot of the scope (each entity once, at its latest revision): re-bootstrap and a
     * village's first sync cost the current state, not the whole history.
     */
    public Page pull(Connection c, String scope, long cursor, long maxBytes, int maxRows) throws SQLException {
        List<SyncProtocol.Change> changes = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT f.seq, f.entity_type, f.entity_id, f.revision, f.payload"
                + " FROM change_feed f WHERE f.scope = ? AND f.seq > ? AND NOT EXISTS (SELECT 1 FROM change_feed g"
                + " WHERE g.scope = f.scope AND g.entity_type = f.entity_type AND g.entity_id = f.entity_id AND g.seq > f.seq)"
                + " ORDER BY f.seq")) {
            ps.setString(1, scope);
            ps.setLong(2, cursor);
            ps.setMaxRows(maxRows + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String payload = rs.getString(5);
                    long size = payload.getBytes(StandardCharsets.UTF_8).length;
                    if (changes.size() == maxRows || (!changes.isEmpty() && bytes + size > maxBytes)) {
                        return new Page(changes, true);
                    }
                    bytes += size;
                    changes.add(new SyncProtocol.Change(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getInt(4), parseStored(payload)));
                }
            }
        }
        return new Page(changes, false);
    }

    /** A payload as stored (written by this server from parsed JSON, so always valid). */
    static com.fasterxml.jackson.databind.JsonNode parseStored(String payload) {
        try {
            return ModelJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }
}
