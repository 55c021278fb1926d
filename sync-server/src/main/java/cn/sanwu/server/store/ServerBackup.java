package cn.sanwu.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Online backup and restore of the H2 store (docs/operations.md "Backups"). A backup is H2's
 * {@code BACKUP TO}: a zip of the database file taken while the server runs and serves, consistent
 * (H2 copies a snapshot of the store). A restore unpacks it into an empty data directory and
 * renews the feed epoch, so clients reload and re-send what the backup lacks. PostgreSQL is backed
 * up with its own tools (pg_dump / pg_basebackup), then {@code admin renew-feed-epoch}.
 */
public final class ServerBackup {

    /** The H2 file name {@code ServerConfig.h2Url} uses, inside the data directory. */
    public static final String DB_FILE = "sanwu-server.mv.db";

    private ServerBackup() {
    }

    /** Writes a consistent zip of the running database to {@code zip} (temp file + move, never half a file). */
    public static long backup(Database db, Path zip) throws IOException {
        if (!db.isH2()) {
            throw new StoreException("这是 PostgreSQL 数据库：请用 pg_dump 备份（见 docs/operations.md），恢复后运行 admin renew-feed-epoch。");
        }
        Path target = zip.toAbsolutePath();
        if (Files.exists(target)) {
            throw new StoreException("备份文件已存在，不会覆盖：" + target);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".sanwu-backup-", ".zip.part");
        Files.delete(temp); // H2 writes the file itself
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
                    ps.setString(1, temp.toString());
                    ps.execute();
                }
                return null;
            });
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return Files.size(target);
    }

    /**
     * Unpacks a backup into {@code dataDir}, which must not hold a database (the server must be
     * stopped; a restore never overwrites). Only the database file is taken from the zip; anything
     * else, or a zip without it, is refused before anything is written.
     */
    public static void restore(Path zip, Path dataDir) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new StoreException("找不到备份文件：" + zip);
        }
        Path dbFile = dataDir.resolve(DB_FILE);
        if (Files.exists(dbFile)) {
            throw new StoreException("数据目录里已有数据库（" + dbFile + "），恢复不会覆盖它：请换一个空的数据目录，或先把现有的移走。");
        }
        Files.createDirectories(dataDir);
        Path temp = Files.createTempFile(dataDir, ".restore-", ".part");
        boolean found = false;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = entries.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.getName().equals(DB_FILE) || found) {
                    throw new StoreException("不是三务服务器的备份文件（含有 “" + e.getName() + "”）。");
                }
                Files.copy(entries, temp, StandardCopyOption.REPLACE_EXISTING);
                found = true;
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            Files.deleteIfExists(temp);
            throw new StoreException("备份文件已损坏，无法读取：" + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (!found) {
            Files.deleteIfExists(temp);
            throw new StoreException("不是三务服务器的备份文件（没有 " + DB_FILE + "）。");
        }
        Files.move(temp, dbFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
