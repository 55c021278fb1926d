package cn.sanwu.server.testing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** Reads and edits in the server's database behind its back, as someone with database access would. */
public final class DirectEdits {

    private DirectEdits() {
    }

    /** The first column of the first row of {@code sql}, whose one parameter is {@code id}. */
    public static String query(TestServer server, String sql, UUID id) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    /** A direct edit (on PostgreSQL past the append-only triggers); the number of rows changed. */
    public static int update(TestServer server, String sql, Object... args) {
        return server.server().database().inTransaction(c -> {
            if (TestDatabases.onPostgres()) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SET LOCAL session_replication_role = replica");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }
}
