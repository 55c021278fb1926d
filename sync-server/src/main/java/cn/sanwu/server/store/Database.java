package cn.sanwu.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's store: a pool of JDBC connections to H2 (file, embedded) or PostgreSQL. Every unit
 * of work is one transaction at READ COMMITTED. No state lives here besides the pool, so several
 * server processes can share one PostgreSQL database (DESIGN.md §9). Thread-safe.
 *
 * <p>On H2, every unit of work that may write, and every {@code CHECKPOINT SYNC}, runs under one
 * lock of this process (ADR 0020): an MVStore store that runs while another thread's transaction
 * changes several maps can persist a torn snapshot — some of that transaction's changes without
 * its undo log — which a SIGKILL before the next store turns into a half-applied transaction on
 * disk (H2 issue #2080; measured by the server kill test, docs/durability.md). With writers
 * serialised, every store sees each transaction wholly before or wholly after it.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean h2;
    private final boolean forceToDisk;
    /** Serialises H2 writers with each other and with checkpoints; unused for PostgreSQL. */
    private final ReentrantLock h2Writes = new ReentrantLock();

    private Database(HikariDataSource pool, boolean h2, boolean forceToDisk) {
        this.pool = pool;
        this.h2 = h2;
        this.forceToDisk = forceToDisk;
    }

    /** Opens the pool and migrates the schema to the current version. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, true);
    }

    /**
     * As {@link #open(String, String, String)}; {@code forceToDisk = false} skips H2's
     * {@code CHECKPOINT SYNC} before acknowledging. Only the server kill test's deliberately
     * broken variant uses it, to show that its harness catches acknowledged mutations lost on a
     * crash (ADR 0014); nothing in the server selects it.
     */
    public static Database open(String url, String user, String password, boolean forceToDisk) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(16);
        config.setPoolName("sanwu-store");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database " + redact(url) + ": " + e.getMessage(), e);
        }
        Database db = new Database(pool, url.startsWith("jdbc:h2:"), forceToDisk);
        try {
            Migrations.migrate(db);
            if (!db.h2) {
                AppendOnlyGuard.install(db);
            }
            FeedEpoch.ensure(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws.
     * On H2 it holds the write lock for the whole transaction (see the class comment).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        if (!h2) {
            return run(work);
        }
        h2Writes.lock();
        try {
            return run(work);
        } finally {
            h2Writes.unlock();
        }
    }

    /**
     * As {@link #inTransaction} for work that only reads: it does not wait for the H2 write lock,
     * so feed pulls and health checks run beside writers. Work that writes anything must use
     * {@link #inTransaction}.
     */
    public <T> T inReadTransaction(SqlWork<T> work) {
        return run(work);
    }

    private <T> T run(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * A connection for work that manages its own transaction (tests that hold one open, the
     * admin copy that only reads this store). It bypasses the H2 write lock: do not write
     * through it while the server runs.
     */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Forces committed data to disk before the server acknowledges (DESIGN.md §5.5). H2 with
     * WRITE_DELAY=0 has handed it to the OS; CHECKPOINT SYNC makes the OS write it. PostgreSQL
     * commits are already durable (fsync at commit), so nothing to do there.
     */
    public void forceToDisk() {
        if (!h2 || !forceToDisk) {
            return;
        }
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    /** Answers whether the database responds; for /health. */
    public boolean isHealthy() {
        try {
            return inReadTransaction(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean isH2() {
        return h2;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Closes the store; on H2 first rewrites the file compactly ({@code SHUTDOWN COMPACT}). The
     * server's H2 URL has {@code REUSE_SPACE=FALSE} (ADR 0020): chunks are only appended, so the
     * file grows while the server runs and gives the space back only here, on a clean stop.
     * Everything is committed and on disk before it starts; if it is interrupted (killed, power),
     * H2 reopens the uncompacted file. Only the serving process calls this: an admin command's
     * close must not compact the running server's database under it.
     */
    public void closeAndCompact() {
        if (pool.isClosed()) {
            return;
        }
        if (h2) {
            h2Writes.lock();
            boolean compacted = false;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
                compacted = true;
            } catch (SQLException e) {
                // Returning the connection to the pool after SHUTDOWN fails ("already closed"):
                // expected. Before it, the data is still committed and durable; only the compaction is lost.
                if (!compacted) {
                    org.slf4j.LoggerFactory.getLogger(Database.class).warn("event=compact-failed error=\"{}\"", e.getMessage());
                }
            } finally {
                h2Writes.unlock();
            }
            if (compacted) {
                org.slf4j.LoggerFactory.getLogger(Database.class).info("event=compacted");
            }
        }
        pool.close();
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The URL without anything that might be a password (PostgreSQL URLs can carry one). */
    public static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
