package cn.sanwu.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One migration history for H2 and PostgreSQL, applied in order at start-up, one transaction per
 * script. The scripts use only SQL both accept. Small on purpose, like the client's; a database
 * written by a newer server is refused. Several instances starting at once: the version row's
 * primary key makes all but one fail, and a restart finds the schema current.
 */
final class Migrations {

    /** In order; never edit a released script, add a new one. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__accounts.sql",
            "V3__feed_epoch_and_entity_index.sql");

    private Migrations() {
    }

    static void migrate(Database db) {
        int installed = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        if (installed > SCRIPTS.size()) {
            throw new StoreException("database schema version " + installed + " is newer than this server supports ("
                    + SCRIPTS.size() + "); upgrade the server");
        }
        for (int v = installed + 1; v <= SCRIPTS.size(); v++) {
            String script = SCRIPTS.get(v - 1);
            String sql = load(script);
            int version = v;
            db.inTransaction(c -> {
                apply(c, sql);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version(version, script) VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private static void apply(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String withoutComments = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (!withoutComments.isEmpty()) {
                    s.execute(withoutComments);
                }
            }
        }
    }

    private static String load(String script) {
        String path = "/cn/sanwu/server/store/migrations/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration missing from the build: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + path, e);
        }
    }
}
