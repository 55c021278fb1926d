package cn.sanwu.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One migration history for H2 and PostgreSQL, applied in order at start-up, one transaction per
 * script. The scripts use only SQL both accept. Small on purpose, like the client's; a database
 * written by a newer server is refused. Several instances starting at once: the version row's
 * primary key makes all but one fail, and a restart finds the schema current.
 *
 * <p>A script's version is the number in its name ({@code V3__bundles.sql} is 3), and every script
 * whose version is not recorded yet is applied, in order. Branches are given version numbers up
 * front and may land in any order (V3 before V2): a database that already has V3 still gets V2
 * when it arrives. So two scripts must never depend on each other unless their versions say so.
 */
final class Migrations {

    /** In order of version; never edit a released script, add a new one. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__accounts.sql",
            "V3__feed_epoch_and_entity_index.sql", "V4__bundles.sql", "V5__review.sql", "V6__ledger.sql",
            "V8__feedback.sql", "V9__ticket_handling.sql", "V10__ledger_leaf_v2.sql");

    private Migrations() {
    }

    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    static void migrate(Database db) {
        migrate(db, SCRIPTS);
    }

    /** Applies every script of {@code scripts} (ordered by version) whose version is not recorded yet. */
    static void migrate(Database db, List<String> scripts) {
        Set<Integer> installed = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                Set<Integer> versions = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                    while (rs.next()) {
                        versions.add(rs.getInt(1));
                    }
                }
                return versions;
            }
        });
        int newest = version(scripts.getLast());
        int installedNewest = installed.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (installedNewest > newest) {
            throw new StoreException("database schema version " + installedNewest + " is newer than this server supports ("
                    + newest + "); upgrade the server");
        }
        for (String script : scripts) {
            int version = version(script);
            if (installed.contains(version)) {
                continue;
            }
            String sql = load(script);
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
