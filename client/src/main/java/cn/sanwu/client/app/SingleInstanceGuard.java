package cn.sanwu.client.app;

import cn.sanwu.client.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One running Sanwu per data directory (QUALITY.md "second instance"). Holds an OS lock on
 * {@code <dataDir>/sanwu.lock} until {@link #close()}; the kernel releases it when the process
 * dies, even by kill -9, so there is never a stale lock to clean up by hand. The lock file is
 * never deleted: deleting after release would let a third process lock a different inode than a
 * second one that already opened the old file. Not thread-safe; one owner closes it.
 */
public final class SingleInstanceGuard implements AutoCloseable {

    public static final String LOCK_FILE = "sanwu.lock";

    /** What Main shows before exiting when {@link #tryAcquire} is empty. */
    public static final String ALREADY_RUNNING_MESSAGE =
            "三务已经在运行（同一个数据目录只能打开一个三务窗口）。请切换到已经打开的窗口。";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SingleInstanceGuard(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, or returns empty when another process (or another guard in this JVM) holds
     * it. Never blocks.
     *
     * @throws StoreException when the directory or lock file cannot be created at all
     */
    public static Optional<SingleInstanceGuard> tryAcquire(Path dataDir) {
        Path file = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("无法创建锁文件：" + file + "（没有权限或磁盘已满？）", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Same JVM already holds it: Java reports that by exception instead of null.
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StoreException("无法锁定数据目录：" + dataDir, e);
        }
        if (lock == null) {
            closeQuietly(channel, null);
            return Optional.empty();
        }
        writeOwner(channel);
        return Optional.of(new SingleInstanceGuard(file, channel, lock));
    }

    /** Best effort: the holder's pid in the file helps support staff; the lock itself is what counts. */
    private static void writeOwner(FileChannel channel) {
        try {
            byte[] text = ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
        } catch (IOException ignored) {
            // Informational only.
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    public Path lockFile() {
        return file;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock regardless; nothing useful to report to a clerk.
            closeQuietly(channel, e);
        }
    }
}
