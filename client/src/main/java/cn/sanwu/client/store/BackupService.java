package cn.sanwu.client.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rolling local backups of the open database into {@code <dataDir>/backups/sanwu-yyyyMMdd-HHmmss.zip}.
 * Uses H2 {@code BACKUP TO} (a consistent snapshot taken under the database lock), never a copy
 * of the live file, which could catch a half-written page. A backup is written to a {@code .tmp}
 * file, forced to disk and then renamed, so a crash mid-backup never leaves a zip that looks
 * complete. The newest {@code keep} backups are kept. Times in names are the injected clock's
 * local time. Thread-safe (all work goes through {@link Database}'s lock or is idempotent).
 */
public final class BackupService {

    public static final int DEFAULT_KEEP = 10;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    public static final String DIRECTORY = "backups";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Optional -N suffix: two backups within one second must not overwrite each other. */
    private static final Pattern NAME = Pattern.compile("sanwu-(\\d{8}-\\d{6})(?:-(\\d+))?\\.zip");

    private final Database db;
    private final Clock clock;
    private final int keep;
    private final Duration interval;

    public BackupService(Database db, Clock clock) {
        this(db, clock, DEFAULT_KEEP, DEFAULT_INTERVAL);
    }

    public BackupService(Database db, Clock clock, int keep, Duration interval) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1: " + keep);
        }
        this.db = db;
        this.clock = clock;
        this.keep = keep;
        this.interval = interval;
    }

    public Path backupDirectory() {
        return db.directory().resolve(DIRECTORY);
    }

    /** Takes a backup now, then deletes all but the newest {@code keep}. Returns the new zip. */
    public synchronized Path backupNow() {
        Path dir = backupDirectory();
        try {
            Files.createDirectories(dir);
            deleteLeftoverTempFiles(dir);
        } catch (IOException e) {
            throw new StoreException("无法创建备份目录：" + dir, e);
        }
        Path target = freeName(dir, LocalDateTime.now(clock).format(STAMP));
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        db.backupTo(temp);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("备份写入失败（磁盘已满？）：" + target, e);
        }
        prune(target);
        return target;
    }

    /**
     * Takes a backup unless one was taken within the last interval. Backups dated in the future
     * (the PC clock was set back after they were taken) do not count as recent; otherwise a clock
     * mistake could silently stop backups for as long as the clock was wrong.
     */
    public Optional<Path> maybeBackup() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(interval);
        boolean recent = list().stream().map(this::takenAt).flatMap(Optional::stream)
                .anyMatch(t -> t.isAfter(cutoff) && !t.isAfter(now));
        return recent ? Optional.empty() : Optional.of(backupNow());
    }

    /** Existing backups, newest first. */
    public List<Path> list() {
        Path dir = backupDirectory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "sanwu-*.zip")) {
            for (Path p : files) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("无法读取备份目录：" + dir, e);
        }
        out.sort(Comparator.comparing(BackupService::sortKey).reversed());
        return out;
    }

    /** When a backup was taken, from its name, in this service's clock zone. */
    public Optional<Instant> takenAt(Path backup) {
        Matcher m = NAME.matcher(backup.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.parse(m.group(1), STAMP).atZone(clock.getZone()).toInstant());
    }

    private static String sortKey(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        m.matches();
        String suffix = m.group(2) == null ? "0" : m.group(2);
        return m.group(1) + "-" + "0".repeat(Math.max(0, 6 - suffix.length())) + suffix;
    }

    private static Path freeName(Path dir, String stamp) {
        Path p = dir.resolve("sanwu-" + stamp + ".zip");
        for (int n = 1; Files.exists(p); n++) {
            p = dir.resolve("sanwu-" + stamp + "-" + n + ".zip");
        }
        return p;
    }

    /**
     * Deletes all but the newest {@code keep} by name. The backup just taken is never deleted: after
     * the clock was set back it sorts as the oldest, and it is still the only current copy.
     */
    private void prune(Path justTaken) {
        List<Path> all = new ArrayList<>(list());
        all.remove(justTaken);
        for (Path old : all.subList(Math.min(keep - 1, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                // An undeletable old backup costs disk space, not data; the next run tries again.
            }
        }
    }

    private static void deleteLeftoverTempFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "sanwu-*.zip.tmp")) {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }
}
