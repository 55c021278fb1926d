package cn.sanwu.server.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Applied mutations by id: the idempotency record. Only applied mutations are kept; a conflicted
 * or rejected one changed nothing, so a retry is simply evaluated again. Stateless.
 */
final class MutationLog {

    record Applied(String scope, String payloadHash, int serverRevision) {
    }

    Optional<Applied> find(Connection c, UUID mutationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT scope, payload_hash, server_revision FROM applied_mutation WHERE mutation_id = ?")) {
            ps.setObject(1, mutationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Applied(rs.getString(1), rs.getString(2), rs.getInt(3))) : Optional.empty();
            }
        }
    }

    void insert(Connection c, UUID mutationId, UUID deviceId, String scope, String payloadHash, int serverRevision, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO applied_mutation(mutation_id, device_id, scope,"
                + " payload_hash, server_revision, applied_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, mutationId);
            ps.setObject(2, deviceId);
            ps.setString(3, scope);
            ps.setString(4, payloadHash);
            ps.setInt(5, serverRevision);
            ps.setObject(6, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }
}
