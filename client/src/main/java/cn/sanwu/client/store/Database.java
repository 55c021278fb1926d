package cn.sanwu.client.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path directory, Durability durability, Connection connection) {
        this.directory = directory;
        this.durability = durability;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database in {@code directory} and migrates it to the current schema. */
    public static Database open(Path directory, Durability durability) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new StoreException("无法创建数据目录：" + directory, e);
        }
        String url = jdbcUrl(directory, durability);
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, "sa", "");
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw translateOpenFailure(directory, e);
        }
        Database db = new Database(directory, durability, connection);
        try {
            Migrations.migrate(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    static String jdbcUrl(Path directory, Durability durability) {
        String base = "jdbc:h2:file:" + directory.resolve(DB_NAME).toAbsolutePath();
        // FILE_LOCK=FILE makes a second process fail fast instead of corrupting the file.
        return switch (durability) {
            case SAFE -> base + ";WRITE_DELAY=0;FILE_LOCK=FILE";
            case H2_DEFAULT_UNSAFE -> base + ";FILE_LOCK=FILE";
        };
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
            return new StoreException("读写数据库文件失败（磁盘已满或没有权限？）：" + directory, e);
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
     * Forces everything committed so far to disk. Called after each user-visible save; a no-op
     * under {@link Durability#H2_DEFAULT_UNSAFE} so the kill harness can demonstrate loss.
     */
    public void forceToDisk() {
        if (durability != Durability.SAFE) {
            return;
        }
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
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

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
