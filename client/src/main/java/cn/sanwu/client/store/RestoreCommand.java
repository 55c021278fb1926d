package cn.sanwu.client.store;

import cn.sanwu.client.app.SingleInstanceGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Restores a {@link BackupService} zip while the app is not running. Order matters: the backup
 * is first checked as a zip, then restored into a staging directory and opened there; only a
 * backup that opens cleanly replaces the current database. The current files are moved to
 * {@code <dataDir>/replaced-<time>/}, never deleted, so a wrong restore can itself be undone.
 * Holds the single-instance lock throughout so the app cannot start half-way.
 * Exit codes: 0 restored, 2 bad backup, 3 app running, 4 failed (see output).
 */
public final class RestoreCommand {

    public static final int OK = 0;
    public static final int BAD_BACKUP = 2;
    public static final int IN_USE = 3;
    public static final int FAILED = 4;

    private static final String DB_FILE = Database.DB_NAME + ".mv.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RestoreCommand() {
    }

    /** {@code RestoreCommand <dataDir> <backup.zip>}; for support staff and Main's {@code --restore}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.out.println("用法：RestoreCommand <数据目录> <备份文件.zip>");
            System.exit(1);
        }
        System.exit(run(Path.of(args[0]), Path.of(args[1]), System.out));
    }

    public static int run(Path dataDir, Path backupZip, PrintStream out) {
        return run(dataDir, backupZip, out, Clock.systemDefaultZone());
    }

    static int run(Path dataDir, Path backupZip, PrintStream out, Clock clock) {
        Optional<String> problem = checkBackup(backupZip);
        if (problem.isPresent()) {
            out.println(problem.get());
            out.println("当前数据库没有任何改动。");
            return BAD_BACKUP;
        }
        Optional<SingleInstanceGuard> guard = SingleInstanceGuard.tryAcquire(dataDir);
        if (guard.isEmpty()) {
            out.println("三务正在运行，不能在运行时恢复备份。请先关闭所有三务窗口，再恢复。当前数据库没有任何改动。");
            return IN_USE;
        }
        try (SingleInstanceGuard held = guard.get()) {
            if (databaseOpenElsewhere(dataDir)) {
                out.println("数据库正被另一个程序使用，不能恢复。请先关闭使用它的程序。当前数据库没有任何改动。");
                return IN_USE;
            }
            return restoreLocked(dataDir, backupZip, out, LocalDateTime.now(clock).format(STAMP));
        }
    }

    private static int restoreLocked(Path dataDir, Path backupZip, PrintStream out, String stamp) {
        Path staging = dataDir.resolve("restore-staging-" + stamp);
        try {
            Files.createDirectories(staging);
            org.h2.tools.Restore.execute(backupZip.toAbsolutePath().toString(), staging.toString(), Database.DB_NAME);
        } catch (IOException | RuntimeException e) {
            out.println("备份文件无法解压（" + e.getMessage() + "），当前数据库没有任何改动。");
            deleteTree(staging);
            return BAD_BACKUP;
        }
        try {
            verify(staging);
        } catch (StoreException e) {
            out.println("备份中的数据库无法打开：" + e.userMessage() + " 当前数据库没有任何改动。");
            deleteTree(staging);
            return BAD_BACKUP;
        }
        Path replaced = dataDir.resolve("replaced-" + stamp);
        List<Path> current;
        try {
            current = currentDatabaseFiles(dataDir);
            Files.createDirectories(replaced);
            for (Path f : current) {
                Files.move(f, replaced.resolve(f.getFileName()));
            }
            Files.move(staging.resolve(DB_FILE), dataDir.resolve(DB_FILE));
        } catch (IOException e) {
            out.println("移动数据库文件失败：" + e.getMessage() + "。原来的文件都在 " + replaced + " 或原处，没有删除任何文件。");
            return FAILED;
        }
        deleteTree(staging);
        try {
            int after = verify(dataDir);
            out.println("已从备份恢复：" + backupZip.getFileName() + "（公告 " + after + " 份）。");
        } catch (StoreException e) {
            out.println("恢复后数据库无法打开：" + e.userMessage() + " 原来的数据库文件保存在 " + replaced + "。");
            return FAILED;
        }
        if (current.isEmpty()) {
            out.println("恢复前数据目录中没有数据库文件。");
        } else {
            out.println("原来的数据库文件没有删除，已移到：" + replaced);
        }
        return OK;
    }

    /** Empty when {@code zip} looks like a complete Sanwu backup; otherwise a Chinese sentence why not. */
    static Optional<String> checkBackup(Path zip) {
        if (!Files.isRegularFile(zip)) {
            return Optional.of("找不到备份文件：" + zip);
        }
        boolean hasDb = false;
        // Reading every entry to the end makes ZipInputStream check each entry's CRC.
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            byte[] buf = new byte[64 * 1024];
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (name.contains("/") || name.contains("\\") || name.contains("..")) {
                    return Optional.of("备份文件中有不该有的路径（" + name + "），不是三务的备份，拒绝恢复。");
                }
                long size = 0;
                for (int n; (n = in.read(buf)) > 0;) {
                    size += n;
                }
                if (name.equals(DB_FILE) && size > 0) {
                    hasDb = true;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("备份文件已损坏，无法读取（" + e.getMessage() + "）：" + zip);
        }
        if (!hasDb) {
            return Optional.of("这不是三务的备份文件（里面没有 " + DB_FILE + "）：" + zip);
        }
        return Optional.empty();
    }

    /** H2 holds an OS lock on the file while open; if we can take it, no process has it open. */
    private static boolean databaseOpenElsewhere(Path dataDir) {
        Path file = dataDir.resolve(DB_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // Cannot even open it for writing: treat as in use rather than moving it from under someone.
            return true;
        }
    }

    private static int verify(Path dir) {
        try (Database db = Database.open(dir, Durability.SAFE)) {
            return db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM notice")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        }
    }

    /** The H2 files of the database (sanwu.mv.db, sanwu.trace.db, ...), not the instance lock. */
    private static List<Path> currentDatabaseFiles(Path dataDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, Database.DB_NAME + ".*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals(SingleInstanceGuard.LOCK_FILE)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        // Only ever called on our own staging directory, which holds a copy extracted from the zip.
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A leftover staging copy wastes space but loses nothing.
                }
            });
        } catch (IOException ignored) {
            // Same as above.
        }
    }
}
