package cn.sanwu.client.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded H2 file store: one connection, used by one thread at a time under a lock, so every
 * unit of work is a plain JDBC transaction. Opened with {@code WRITE_DELAY=0}; {@link #forceToDisk()}
 * runs {@code CHECKPOINT SYNC} at the moments that matter (DESIGN.md §5.5). Never interrupt a
 * thread that is inside a call here: H2 closes its file channel on interrupt (STACK.md).
 * Thread-safe.
 */
public final class Database implements AutoCloseable {

    public static final String DB_NAME = "sanwu";

    private final Path directory;
    private final Durability durability;
    private final java.util.concurrent.atomic.AtomicInteger failNextSyncs = new java.util.concurrent.atomic.AtomicInteger();
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path directory, Durability durability, Connection connection) {
        this.directory = directory;
        this.durability = durability;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database in {@code directory} and migrates it to the current schema. */
    public static Database open(Path directory, Durability durability) {
        return open(directory, durability, Migrations.SCRIPTS);
    }

    /**
     * Opens with this build's migrations followed by {@code laterScripts} (resources in the
     * migrations folder). Only upgrade tests use it, to play "the next version" with a probe
     * script on real files; the app always uses {@link #open(Path, Durability)}.
     */
    public static Database openAsLaterVersion(Path directory, Durability durability, List<String> laterScripts) {
        List<String> scripts = new java.util.ArrayList<>(Migrations.SCRIPTS);
        scripts.addAll(laterScripts);
        return open(directory, durability, List.copyOf(scripts));
    }

    private static Database open(Path directory, Durability durability, List<String> scripts) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new StoreException("无法创建数据目录：" + directory, e);
        }
        refuseEmptyDatabaseFile(directory);
        if (Files.exists(databaseFile(directory))) {
            // Read-only (ACCESS_MODE_DATA=r): this connection writes nothing, so WRITE_DELAY does
            // not apply; the store itself is opened below with the durable URL.
            Migrations.refuseBeforeOpening("jdbc:h2:file:" + directory.resolve(DB_NAME).toAbsolutePath()
                    + ";ACCESS_MODE_DATA=r;FILE_LOCK=FS", scripts);
        }
        String url = jdbcUrl(directory, durability);
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, "sa", "");
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw translateOpenFailure(directory, e);
        } catch (RuntimeException e) {
            // H2 occasionally lets an internal exception escape instead of an SQLException; the
            // screen must still get a sentence, not a stack trace.
            throw new StoreException("无法打开数据库（" + directory + "）。可以用“从备份恢复”找回最近的备份。", e);
        }
        Database db = new Database(directory, durability, connection);
        try {
            Migrations.migrate(db, scripts);
        } catch (RuntimeException e) {
            closeQuietly(db, e);
            if (e instanceof StoreException se && se.getCause() == null) {
                throw se; // a refusal with its own message, e.g. a database from a newer version
            }
            // H2 can open a damaged file (it falls back to an older chunk) and fail on the first
            // query; at open time that means damage, not "your change was not saved".
            throw new StoreException("数据库文件已损坏或无法读取（" + directory + "）。可以用“从备份恢复”找回最近的备份。", e);
        }
        return db;
    }

    private static void closeQuietly(Database db, Exception cause) {
        try {
            db.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    static String jdbcUrl(Path directory, Durability durability) {
        String base = "jdbc:h2:file:" + directory.resolve(DB_NAME).toAbsolutePath();
        // FILE_LOCK=FS: the MVStore file is locked with an OS lock, so a second process fails at once
        // (error 90020) and the kernel drops the lock when the holder dies, even by kill -9.
        // FILE_LOCK=FILE (used before) added a sanwu.lock.db heartbeat file: measured here, a second
        // process needed ~3.5 s to be refused and every start after a crash waited 2-4 s for the
        // stale lock file to age (docs/durability.md).
        return switch (durability) {
            // REUSE_SPACE=FALSE: chunks are only appended, never written over freed space. Without
            // it the kill test lost the LAST acknowledged save in ~6% of kills (4 of ~70, each time
            // the final ack before the kill, despite CHECKPOINT SYNC): the save in flight at the
            // kill overwrote space that recovery still needed. With it: 0 in the runs recorded in
            // docs/durability.md. The file grows between clean closes; H2 compacts it on close.
            case SAFE -> base + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;FILE_LOCK=FS";
            case H2_DEFAULT_UNSAFE -> base + ";FILE_LOCK=FS";
        };
    }

    /** The main H2 file of a database in {@code directory}. */
    public static Path databaseFile(Path directory) {
        return directory.resolve(DB_NAME + ".mv.db");
    }

    /**
     * H2 silently treats an empty file as a new database; an emptied file (crash while a file
     * system was replaying, a bad copy) would then show the clerk an empty store as if that were
     * valid. Refuse it so the loss is visible and a backup can be restored.
     */
    private static void refuseEmptyDatabaseFile(Path directory) {
        Path file = databaseFile(directory);
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new StoreException("数据库文件是空的（" + file + "），可能已损坏。可以用“从备份恢复”找回最近的备份。");
            }
        } catch (java.io.IOException e) {
            throw new StoreException("无法读取数据库文件：" + file, e);
        }
    }

    private static StoreException translateOpenFailure(Path directory, SQLException e) {
        int code = e.getErrorCode();
        if (code == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException("数据库正被另一个程序使用（" + directory + "）。请关闭另一个三务窗口后再试。", e);
        }
        if (code == org.h2.api.ErrorCode.FILE_CORRUPTED_1 || code == org.h2.api.ErrorCode.GENERAL_ERROR_1) {
            return new StoreException("数据库文件已损坏或无法读取。可以用“从备份恢复”找回最近的备份。", e);
        }
        if (code == org.h2.api.ErrorCode.IO_EXCEPTION_1 || code == org.h2.api.ErrorCode.IO_EXCEPTION_2) {
            // A truncated file also lands here (H2 reports a short read as an I/O error).
            return new StoreException("读取数据库文件失败：文件可能已损坏、磁盘已满或没有权限（" + directory
                    + "）。可以用“从备份恢复”找回最近的备份。", e);
        }
        return new StoreException("无法打开数据库：" + directory, e);
    }

    public Path directory() {
        return directory;
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(e);
                throw translate(e);
            } catch (RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Read-only work; same locking, no commit needed but harmless. */
    public <T> T read(SqlWork<T> work) {
        return inTransaction(work);
    }

    /**
     * Fault injection for tests (QUALITY.md "disk full"): the next {@code count} forced syncs fail
     * after their transaction committed, as a full disk does at the sync.
     */
    public void failNextSyncsForTesting(int count) {
        failNextSyncs.set(count);
    }

    /**
     * Forces everything committed so far to disk. Called after each user-visible save; a no-op
     * under {@link Durability#H2_DEFAULT_UNSAFE} so the kill harness can demonstrate loss.
     */
    public void forceToDisk() {
        if (durability != Durability.SAFE) {
            return;
        }
        try {
            if (failNextSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StoreException("injected sync failure", new java.io.IOException("No space left on device (injected)"));
            }
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
                return null;
            });
        } catch (StoreException e) {
            // The caller's transaction is already committed: "未保存" would be wrong and would make
            // the clerk retry into an edit conflict. Say what is actually known.
            throw new StoreException("修改已写入，但未能确认已存到磁盘（磁盘已满或出错？）。请检查磁盘后重新打开核对。", e);
        }
    }

    /** A consistent online backup ({@code BACKUP TO}) into a zip file. */
    public void backupTo(Path zip) {
        inTransaction(c -> {
            try (var s = c.prepareStatement("BACKUP TO ?")) {
                s.setString(1, zip.toAbsolutePath().toString());
                s.execute();
            }
            return null;
        });
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreException translate(SQLException e) {
        int code = e.getErrorCode();
        if (code == org.h2.api.ErrorCode.IO_EXCEPTION_1 || code == org.h2.api.ErrorCode.IO_EXCEPTION_2
                || code == org.h2.api.ErrorCode.FILE_CORRUPTED_1) {
            return new StoreException("写入数据库失败（磁盘已满或文件损坏？），本次修改未保存。", e);
        }
        return new StoreException("数据库操作失败，本次修改未保存。", e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("关闭数据库时出错", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the database and rewrites the file compactly. With {@code REUSE_SPACE=FALSE} the file
     * only grows while open (measured: 300 autosaves of a 1,000-row ledger → 147 MB), and a plain
     * close does not give the space back, so the app closes this way. Everything is committed
     * and durable before it starts; if it is interrupted, H2 reopens the uncompacted file.
     */
    public void closeAndCompact() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                }
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("关闭数据库时出错", e);
        } finally {
            lock.unlock();
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
