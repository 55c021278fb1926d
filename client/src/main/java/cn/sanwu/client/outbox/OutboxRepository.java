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
     * (new mutation id, latest payload): only the newest state of an unsent draft must travel.
     */
    public void recordChange(Connection c, UUID mutationId, String entityType, UUID entityId, int baseRevision,
            String payloadJson, Instant now) throws SQLException {
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
            ins.setInt(4, baseRevision);
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
