package cn.sanwu.server.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** The server's current version of each synced entity. Stateless; runs in the caller's transaction. */
final class EntityStore {

    record Stored(String scope, int revision, String payload) {
    }

    Optional<Stored> find(Connection c, String entityType, UUID entityId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT scope, revision, payload FROM synced_entity WHERE entity_type = ? AND entity_id = ?")) {
            ps.setString(1, entityType);
            ps.setObject(2, entityId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    void insert(Connection c, String entityType, UUID entityId, String scope, int revision, String payload, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO synced_entity(entity_type, entity_id, scope, revision,"
                + " payload, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, entityType);
            ps.setObject(2, entityId);
            ps.setString(3, scope);
            ps.setInt(4, revision);
            ps.setString(5, payload);
            ps.setObject(6, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    /** Updates only if the stored revision is still {@code expectedRevision}; false otherwise. */
    boolean update(Connection c, String entityType, UUID entityId, int expectedRevision, int revision, String payload,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE synced_entity SET revision = ?, payload = ?, updated_at = ?"
                + " WHERE entity_type = ? AND entity_id = ? AND revision = ?")) {
            ps.setInt(1, revision);
            ps.setString(2, payload);
            ps.setObject(3, now.atOffset(ZoneOffset.UTC));
            ps.setString(4, entityType);
            ps.setObject(5, entityId);
            ps.setInt(6, expectedRevision);
            return ps.executeUpdate() == 1;
        }
    }
}
