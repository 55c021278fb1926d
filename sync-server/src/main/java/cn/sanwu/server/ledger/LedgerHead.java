package cn.sanwu.server.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code ledger_head} row: the log's size and the audit chain's length and last hash. Reading
 * it FOR UPDATE is the one lock that serialises appends to both, across server instances (no
 * in-memory state); one row for both so that a transaction appending to both cannot deadlock with
 * another.
 */
public record LedgerHead(long logSize, long auditSize, String auditHash) {

    /** Reads and locks the row until the caller's transaction ends. */
    public static LedgerHead lock(Connection c) throws SQLException {
        return read(c, " FOR UPDATE");
    }

    /** Reads without locking. */
    public static LedgerHead read(Connection c) throws SQLException {
        return read(c, "");
    }

    private static LedgerHead read(Connection c, String suffix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT log_size, audit_size, audit_hash FROM ledger_head WHERE id = 1" + suffix);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("ledger_head has no row (migration V6 not applied?)");
            }
            return new LedgerHead(rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
    }

    static void setLogSize(Connection c, long size) throws SQLException {
        update(c, "UPDATE ledger_head SET log_size = ? WHERE id = 1", ps -> ps.setLong(1, size));
    }

    /** For {@code AuditChain} only. */
    public static void setAudit(Connection c, long size, String hash) throws SQLException {
        update(c, "UPDATE ledger_head SET audit_size = ?, audit_hash = ? WHERE id = 1", ps -> {
            ps.setLong(1, size);
            ps.setString(2, hash);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("ledger_head has no row");
            }
        }
    }
}
