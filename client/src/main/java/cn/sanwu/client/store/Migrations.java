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
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__sync_state.sql", "V3__bundles.sql", "V4__review.sql");

    private Migrations() {
    }

    static int currentVersion() {
        return SCRIPTS.size();
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
            throw new StoreException("此数据库由更新版本的三务创建（数据库版本 " + installed + "，本程序支持到 " + SCRIPTS.size()
                    + "）。请安装最新版本，不要用旧版本打开。");
        }
        for (int v = installed + 1; v <= SCRIPTS.size(); v++) {
            String script = SCRIPTS.get(v - 1);
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
        if (installed < SCRIPTS.size()) {
            db.forceToDisk();
        }
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
