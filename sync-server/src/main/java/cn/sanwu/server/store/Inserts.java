package cn.sanwu.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * "Insert unless a row with this key exists", portable between H2 and PostgreSQL (neither's
 * upsert syntax runs on the other): the INSERT runs under a savepoint, and a unique-key
 * violation — a concurrent transaction got there first — rolls back to it and is not an error.
 * PostgreSQL would otherwise abort the whole transaction. Stateless.
 */
public final class Inserts {

    private static final String UNIQUE_VIOLATION = "23505";

    private Inserts() {
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** True when this call inserted the row, false when it already existed. */
    public static boolean insertIfAbsent(Connection c, String sql, Binder binder) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
            return false;
        }
        c.releaseSavepoint(savepoint);
        return true;
    }
}
