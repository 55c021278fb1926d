package cn.sanwu.client.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema migrations, applied in order at start-up inside one transaction each. Deliberately tiny
 * instead of Flyway: a village PC starts the app cold every morning and Flyway's classpath scan
 * costs start-up time (docs/decisions/0003-local-store.md). A database written by a newer version
 * is refused, never opened.
 */
final class Migrations {

    /** In order; never edit a released script, add a new one. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__sync_state.sql", "V3__bundles.sql", "V4__review.sql",
            "V5__tickets.sql", "V6__ticket_photos_and_offline_login.sql");

    private Migrations() {
    }

    static int currentVersion() {
        return SCRIPTS.size();
    }

    static void migrate(Database db) {
        migrate(db, SCRIPTS);
    }

    /**
     * Brings the store to {@code scripts.size()}. Refuses — before changing anything — a store
     * whose history has a version this build does not know (written by a newer version: an
     * older app must never write into it) or whose applied scripts have other names than ours at
     * the same version (a different build's schema).
     */
    static void migrate(Database db, List<String> scripts) {
        List<String> applied = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                List<String> names = new java.util.ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT version, script FROM schema_version ORDER BY version")) {
                    while (rs.next()) {
                        names.add(rs.getInt(1) + " " + rs.getString(2));
                    }
                }
                return names;
            }
        });
        int installed = refuseUnknownHistory(applied, scripts);
        for (int v = installed + 1; v <= scripts.size(); v++) {
            String script = scripts.get(v - 1);
            String sql = load(script);
            int version = v;
            db.inTransaction(c -> {
                apply(c, sql);
                try (var ps = c.prepareStatement("INSERT INTO schema_version(version, script) VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
                return null;
            });
        }
        if (installed < scripts.size()) {
            db.forceToDisk();
        }
    }

    /**
     * Throws the refusal for a history this build must not write into; returns the installed
     * version otherwise. {@code applied} rows are "version script", ascending.
     */
    static int refuseUnknownHistory(List<String> applied, List<String> scripts) {
        int installed = applied.isEmpty() ? 0 : Integer.parseInt(applied.getLast().split(" ", 2)[0]);
        if (installed > scripts.size()) {
            throw new StoreException("此数据库由更新版本的三务创建（数据库版本 " + installed + "，本程序支持到 " + scripts.size()
                    + "）。为保护数据，本程序不会打开它。请安装最新版本的三务（不要降级）。");
        }
        for (String row : applied) {
            String[] parts = row.split(" ", 2);
            int v = Integer.parseInt(parts[0]);
            if (v >= 1 && !scripts.get(v - 1).equals(parts[1])) {
                throw new StoreException("此数据库的结构与本程序不一致（第 " + v + " 步是 " + parts[1] + "，本程序是 "
                        + scripts.get(v - 1) + "）。为保护数据，本程序不会打开它。请联系乡镇技术支持。");
            }
        }
        return installed;
    }

    /**
     * Before the database is opened for writing: H2 writes to the file as soon as it is opened
     * (measured: a refused open still changed the file's bytes), so a store from a newer version
     * is first looked at read-only ({@code ACCESS_MODE_DATA=r}) and refused untouched. Anything
     * else going wrong here (damaged file, lock) is left to the normal open, which explains it.
     */
    static void refuseBeforeOpening(String readOnlyUrl, List<String> scripts) {
        List<String> applied;
        try (Connection c = java.sql.DriverManager.getConnection(readOnlyUrl, "sa", "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'PUBLIC' AND table_name = 'SCHEMA_VERSION'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            applied = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version, script FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    applied.add(rs.getInt(1) + " " + rs.getString(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            return;
        }
        refuseUnknownHistory(applied, scripts);
    }

    private static void apply(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String trimmed = statement.strip();
                if (!trimmed.isEmpty() && !trimmed.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) {
                    s.execute(trimmed);
                }
            }
        }
    }

    private static String load(String script) {
        String path = "/cn/sanwu/client/store/migrations/" + script;
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
