package cn.sanwu.client.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code sync_conflict}. Works inside the caller's transaction. Stateless. */
final class ConflictRepository {

    private static final String COLUMNS = "id, notice_id, my_payload, server_payload, server_revision, detected_at,"
            + " resolved_at, resolution";

    /**
     * Records that the notice differs here and on the server. A notice has at most one open
     * conflict: a newer server version or a newer local one updates it instead of adding another.
     */
    void recordOpen(Connection c, UUID id, UUID noticeId, String myPayload, String serverPayload, int serverRevision,
            Instant now) throws SQLException {
        Optional<SyncConflict> open = openFor(c, noticeId);
        if (open.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sync_conflict SET my_payload = ?, server_payload = ?,"
                    + " server_revision = ? WHERE id = ?")) {
                ps.setString(1, myPayload);
                ps.setString(2, serverPayload);
                ps.setInt(3, serverRevision);
                ps.setObject(4, open.get().id());
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_conflict(id, notice_id, my_payload,"
                + " server_payload, server_revision, detected_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, noticeId);
            ps.setString(3, myPayload);
            ps.setString(4, serverPayload);
            ps.setInt(5, serverRevision);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    Optional<SyncConflict> openFor(Connection c, UUID noticeId) throws SQLException {
        List<SyncConflict> found = select(c, "WHERE notice_id = ? AND resolved_at IS NULL", noticeId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    Optional<SyncConflict> find(Connection c, UUID id) throws SQLException {
        List<SyncConflict> found = select(c, "WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    List<SyncConflict> open(Connection c) throws SQLException {
        return select(c, "WHERE resolved_at IS NULL ORDER BY detected_at, id", null);
    }

    int openCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void resolve(Connection c, UUID id, SyncConflict.Resolution resolution, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_conflict SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, resolution.name());
            ps.setObject(3, id);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("conflict " + id + " is not open");
            }
        }
    }

    private static List<SyncConflict> select(Connection c, String where, UUID arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_conflict " + where)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            List<SyncConflict> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(7);
                    String resolution = rs.getString(8);
                    out.add(new SyncConflict(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                            resolved == null ? null : resolved.toInstant(),
                            resolution == null ? null : SyncConflict.Resolution.valueOf(resolution)));
                }
            }
            return out;
        }
    }
}
