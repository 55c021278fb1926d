package cn.sanwu.client.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The outbox of changes waiting to be sent to the server. Writes happen only inside the caller's
 * transaction, so a change and its outbox entry commit together or not at all. Stateless.
 */
public final class OutboxRepository {

    public static final String PENDING = "PENDING";

    /**
     * Records that {@code entityId} changed. A still-pending entry for the same entity is replaced
     * (new mutation id, latest payload): only the newest state of an unsent draft must travel. The
     * replacement keeps the <em>first</em> unsent entry's base revision, because that is the
     * revision the server last saw; the later local revisions never reached it (a new draft keeps
     * base 0 however many times it was autosaved).
     *
     * @param baseRevision the revision this change was made on; used only when nothing is pending
     */
    public void recordChange(Connection c, UUID mutationId, String entityType, UUID entityId, int baseRevision,
            String payloadJson, Instant now) throws SQLException {
        int base = baseRevision;
        try (PreparedStatement sel = c.prepareStatement(
                "SELECT MIN(base_revision) FROM outbox WHERE entity_id = ? AND state = ?")) {
            sel.setObject(1, entityId);
            sel.setString(2, PENDING);
            try (ResultSet rs = sel.executeQuery()) {
                if (rs.next()) {
                    int pendingBase = rs.getInt(1);
                    if (!rs.wasNull()) {
                        base = pendingBase;
                    }
                }
            }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM outbox WHERE entity_id = ? AND state = ?")) {
            del.setObject(1, entityId);
            del.setString(2, PENDING);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO outbox(mutation_id, entity_type, entity_id,"
                + " base_revision, payload, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ins.setObject(1, mutationId);
            ins.setString(2, entityType);
            ins.setObject(3, entityId);
            ins.setInt(4, base);
            ins.setString(5, payloadJson);
            ins.setString(6, PENDING);
            ins.setTimestamp(7, Timestamp.from(now));
            ins.executeUpdate();
        }
    }

    public int pendingCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE state = ?")) {
            ps.setString(1, PENDING);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
