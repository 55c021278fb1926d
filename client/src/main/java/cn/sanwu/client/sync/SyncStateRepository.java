package cn.sanwu.client.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * SQL for what this device knows of the server: the revision per notice ({@code notice_sync}) and
 * the feed cursor with the last sync's outcome ({@code sync_meta}). Works inside the caller's
 * transaction. Stateless.
 */
final class SyncStateRepository {

    /** The cursor and the last sync's outcome. */
    record Meta(long cursor, Instant lastSuccessAt, Instant lastAttemptAt, String lastError) {
    }

    OptionalInt serverRevision(Connection c, UUID noticeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT server_revision FROM notice_sync WHERE notice_id = ?")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    void setServerRevision(Connection c, UUID noticeId, int revision, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO notice_sync(notice_id, server_revision, synced_at) KEY(notice_id) VALUES (?, ?, ?)")) {
            ps.setObject(1, noticeId);
            ps.setInt(2, revision);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    Meta meta(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT feed_cursor, last_success_at, last_attempt_at, last_error FROM sync_meta WHERE id = 1")) {
            rs.next();
            return new Meta(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getString(4));
        }
    }

    /** A response was applied: new cursor, success now, no error. */
    void recordSuccess(Connection c, long cursor, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_meta SET feed_cursor = ?, last_success_at = ?,"
                + " last_attempt_at = ?, last_error = NULL WHERE id = 1")) {
            ps.setLong(1, cursor);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    void recordFailure(Connection c, String error, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_meta SET last_attempt_at = ?, last_error = ? WHERE id = 1")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, error.length() > 4000 ? error.substring(0, 4000) : error);
            ps.executeUpdate();
        }
    }

    /** Forgets the cursor and every known server revision; the outbox and conflicts are untouched. */
    void forgetServerState(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM notice_sync");
            s.executeUpdate("UPDATE sync_meta SET feed_cursor = 0 WHERE id = 1");
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
