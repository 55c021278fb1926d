package cn.sanwu.server.testing;

import cn.sanwu.server.account.PasswordHasher;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Where a test's database lives: an H2 file in the test's directory by default, or a fresh
 * PostgreSQL database when {@code -Dsanwu.test.postgres=jdbc:postgresql://127.0.0.1:PORT/}
 * is set (user from {@code sanwu.test.postgres.user}, default {@code postgres}). The same tests run
 * on both, as the {@code postgres} Maven profile does in CI.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static boolean onPostgres() {
        String base = System.getProperty("sanwu.test.postgres");
        return base != null && !base.isBlank();
    }

    /**
     * Argon2id at a test cost (1 MiB, one pass: ~2 ms a hash instead of ~50 ms), so that tests can
     * log in hundreds of times; {@code PasswordHasherTest} measures the production cost.
     */
    public static final PasswordHasher.Cost TEST_PASSWORD_COST = new PasswordHasher.Cost(1024, 1, 1);

    /** A server config on loopback, ephemeral port, with a database of its own. */
    public static ServerConfig config(Path dir) {
        ServerConfig local = ServerConfig.local(dir, 0)
                .withSecurity(SecurityConfig.DEFAULTS.withPasswordCost(TEST_PASSWORD_COST));
        if (!onPostgres()) {
            return local;
        }
        String base = System.getProperty("sanwu.test.postgres").strip();
        String user = System.getProperty("sanwu.test.postgres.user", "postgres");
        String password = System.getProperty("sanwu.test.postgres.password", "");
        String name = "sanwu_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create PostgreSQL test database at " + base, e);
        }
        return local.withDatabase(base + name, user, password);
    }

    /** Opens (and migrates) the test database of {@link #config(Path)}. */
    public static cn.sanwu.server.store.Database open(Path dir) {
        ServerConfig c = config(dir);
        return cn.sanwu.server.store.Database.open(c.databaseUrl(), c.databaseUser(), c.databasePassword());
    }
}
