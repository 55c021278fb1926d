package cn.sanwu.client.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The outbox of changes waiting to be sent to the server. Writes happen only inside the caller's
 * transaction, so a change and its outbox entry commit together or not at all. Stateless.
 *
 * <p>States (docs/sync-client.md): {@code PENDING} → {@code SENT} (in the request {@code request_id})
 * → deleted when the server stored it; {@code CONFLICT} / {@code REJECTED} stay as a record. An
 * entry that was ever sent ({@code sent_count > 0}) may already be on the server, so it is never
 * replaced or changed: it travels again with the same mutation id and payload.
 */
public final class OutboxRepository {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String CONFLICT = "CONFLICT";
    public static final String REJECTED = "REJECTED";

    /** One outbox row as the sync engine needs it. */
    public record Entry(long seq, UUID mutationId, String entityType, UUID entityId, int baseRevision, String payload,
            String state, int sentCount) {
    }

    /**
     * Records that {@code entityId} changed to the revision in {@code payloadJson}. The rule:
     * <ul>
     *   <li>the entity's newest entry is PENDING and was never sent: it is replaced (new mutation
     *       id, latest payload) and keeps its base — the revision the server last saw; the local
     *       revisions in between never reached it (a new draft keeps base 0 however often it was
     *       autosaved);</li>
     *   <li>the newest entry was sent (in flight, or back to PENDING after a failed request): a new
     *       entry is added whose base is that entry's payload revision — what the server holds once
     *       the earlier entry is applied, which the resend guarantees it will be;</li>
     *   <li>nothing waits: a new entry with {@code baseRevision}, the revision the change was made on —
     *       unless that revision is one the server refused (REJECTED): then the refused entry's base,
     *       the revision the server actually holds.</li>
     * </ul>
     */
    public void recordChange(Connection c, UUID mutationId, String entityType, UUID entityId, int baseRevision,
            String payloadJson, Instant now) throws SQLException {
        int base = baseRevision;
        Entry newest = newestOpenEntry(c, entityId);
        if (newest != null && newest.state().equals(PENDING) && newest.sentCount() == 0) {
            base = newest.baseRevision();
            delete(c, newest.seq());
        } else if (newest != null) {
            base = PayloadRevision.of(newest.payload());
        } else {
            // Built on a revision the server refused: the server still holds the refused entry's base.
            Entry rejected = newestRejectedEntry(c, entityId);
            if (rejected != null && PayloadRevision.of(rejected.payload()) == baseRevision) {
                base = rejected.baseRevision();
            }
        }
        insertPending(c, mutationId, entityType, entityId, base, payloadJson, now);
    }

    /** Adds a PENDING entry with exactly this base (conflict resolution re-queues on the server's revision). */
    public void insertPending(Connection c, UUID mutationId, String entityType, UUID entityId, int baseRevision,
            String payloadJson, Instant now) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO outbox(mutation_id, entity_type, entity_id,"
                + " base_revision, payload, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ins.setObject(1, mutationId);
            ins.setString(2, entityType);
            ins.setObject(3, entityId);
            ins.setInt(4, baseRevision);
            ins.setString(5, payloadJson);
            ins.setString(6, PENDING);
            ins.setTimestamp(7, Timestamp.from(now));
            ins.executeUpdate();
        }
    }

    /** The newest PENDING or SENT entry of an entity, or null. */
    private Entry newestOpenEntry(Connection c, UUID entityId) throws SQLException {
        List<Entry> open = openEntries(c, entityId);
        return open.isEmpty() ? null : open.getLast();
    }

    private Entry newestRejectedEntry(Connection c, UUID entityId) throws SQLException {
        List<Entry> rejected = select(c, "WHERE entity_id = ? AND state = 'REJECTED' ORDER BY seq", entityId);
        return rejected.isEmpty() ? null : rejected.getLast();
    }

    /** The PENDING and SENT entries of one entity, oldest first. */
    public List<Entry> openEntries(Connection c, UUID entityId) throws SQLException {
        return select(c, "WHERE entity_id = ? AND state IN ('PENDING', 'SENT') ORDER BY seq", entityId);
    }

    /** Every not-yet-stored change of an entity (PENDING, SENT or REJECTED), oldest first. */
    public List<Entry> unsyncedEntries(Connection c, UUID entityId) throws SQLException {
        return select(c, "WHERE entity_id = ? AND state IN ('PENDING', 'SENT', 'REJECTED') ORDER BY seq", entityId);
    }

    /**
     * What the next request carries, oldest first: entries left SENT by a request that never got an
     * answer (the app stopped) and PENDING ones; entities with an open conflict wait for a person.
     * At most {@code maxCount} entries and about {@code maxBytes} of payload (the first always fits).
     * <p>
     * Several entries of one entity travel together, oldest first (a USB stick must not need one
     * trip per edit). A later entry's base is the earlier entry's revision, a number the server
     * may already have given to another device's version; the server therefore skips (no result)
     * every later entry of an entity whose earlier entry in the same request did not apply, and
     * they stay waiting here (found by the sync simulation, docs/decisions/0015).
     */
    public List<Entry> nextToSend(Connection c, int maxCount, long maxBytes) throws SQLException {
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE state IN ('PENDING', 'SENT') AND entity_id NOT IN"
                + " (SELECT notice_id FROM sync_conflict WHERE resolved_at IS NULL) ORDER BY seq")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < maxCount) {
                    Entry e = read(rs);
                    bytes += e.payload().length();
                    if (!out.isEmpty() && bytes > maxBytes) {
                        break;
                    }
                    out.add(e);
                }
            }
        }
        return out;
    }

    public void markSent(Connection c, Collection<Long> seqs, UUID requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET state = ?, request_id = ?, sent_count = sent_count + 1 WHERE seq = ?")) {
            for (long seq : seqs) {
                ps.setString(1, SENT);
                ps.setObject(2, requestId);
                ps.setLong(3, seq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The entry of this mutation if it is still in flight, or null (already answered, or unknown). */
    public Entry sentEntry(Connection c, UUID mutationId) throws SQLException {
        List<Entry> found = select(c, "WHERE mutation_id = ? AND state = 'SENT'", mutationId);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** A request failed or went unanswered: its entries wait again, same mutation ids and payloads. */
    public int returnToPending(Connection c, UUID mutationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = ? WHERE mutation_id = ? AND state = ?")) {
            ps.setString(1, PENDING);
            ps.setObject(2, mutationId);
            ps.setString(3, SENT);
            return ps.executeUpdate();
        }
    }

    public void delete(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
    }

    /** Ends an entry as CONFLICT or REJECTED, with the server's message; it is never sent again. */
    public void finish(Connection c, long seq, String state, String message, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET state = ?, message = ?, finished_at = ? WHERE seq = ?")) {
            ps.setString(1, state);
            ps.setString(2, message);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setLong(4, seq);
            ps.executeUpdate();
        }
    }

    /**
     * A change that never reached the server (rejected) leaves the entity's later entries based on
     * a revision the server does not hold; they are moved back onto the base it does hold.
     */
    public void rebase(Connection c, UUID entityId, int fromBase, int toBase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET base_revision = ? WHERE entity_id = ?"
                + " AND state IN ('PENDING', 'SENT') AND base_revision = ?")) {
            ps.setInt(1, toBase);
            ps.setObject(2, entityId);
            ps.setInt(3, fromBase);
            ps.executeUpdate();
        }
    }

    /** A change the server refused, with its reason and when: what the 被拒绝的修改 screen lists. */
    public record Refused(Entry entry, String message, Instant refusedAt) {
    }

    /** Every REJECTED entry, oldest first. */
    public List<Refused> refused(Connection c) throws SQLException {
        java.util.Map<Long, Refused> why = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, message, finished_at FROM outbox WHERE state = ?")) {
            ps.setString(1, REJECTED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(3);
                    why.put(rs.getLong(1), new Refused(null, rs.getString(2), at == null ? null : at.toInstant()));
                }
            }
        }
        List<Refused> out = new ArrayList<>();
        for (Entry e : select(c, "WHERE state = ? ORDER BY seq", REJECTED)) {
            Refused r = why.get(e.seq());
            out.add(new Refused(e, r == null ? "" : r.message(), r == null ? null : r.refusedAt()));
        }
        return out;
    }

    /** Deletes the entity's REJECTED entries up to {@code seq}: a later change of it superseded them. */
    public int dropRefused(Connection c, UUID entityId, long upToSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbox WHERE entity_id = ? AND state = 'REJECTED' AND seq <= ?")) {
            ps.setObject(1, entityId);
            ps.setLong(2, upToSeq);
            return ps.executeUpdate();
        }
    }

    /** Drops every unsent change of an entity; a conflict resolution supersedes them with one new entry. */
    public void discardUnsynced(Connection c, UUID entityId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbox WHERE entity_id = ? AND state IN ('PENDING', 'SENT', 'REJECTED')")) {
            ps.setObject(1, entityId);
            ps.executeUpdate();
        }
    }

    /** Changes not yet stored by the server and still to be sent (waiting or in flight). */
    public int pendingCount(Connection c) throws SQLException {
        return countWhere(c, "state IN ('PENDING', 'SENT')");
    }

    public int count(Connection c, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int countWhere(Connection c, String where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE " + where);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static final String SELECT = "SELECT seq, mutation_id, entity_type, entity_id, base_revision, payload, state,"
            + " sent_count FROM outbox";

    private static List<Entry> select(Connection c, String where, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " " + where)) {
            ps.setObject(1, arg);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static Entry read(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getInt(8));
    }
}
