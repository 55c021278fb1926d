package cn.sanwu.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Notice saveOne(NoticeService service, String title) {
        var item = TestStores.CATALOG.find("V13").orElseThrow();
        return service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), title, "正文"));
    }

    @Test
    void backupIsAnH2ZipNamedByLocalTime() throws Exception {
        MutableClock clock = new MutableClock();
        try (Database db = TestStores.open(dir)) {
            saveOne(TestStores.notices(db, TestStores.CLOCK), "宅基地审批");
            Path zip = new BackupService(db, clock).backupNow();
            // 02:00 UTC is 10:00 in Shanghai: names follow the clerk's wall clock.
            assertThat(zip).isEqualTo(dir.resolve("backups").resolve("sanwu-20261128-100000.zip"));
            try (ZipFile z = new ZipFile(zip.toFile())) {
                assertThat(z.getEntry("sanwu.mv.db")).isNotNull();
            }
            assertThat(Files.list(zip.getParent()).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void rollingKeepsTheNewestK() {
        MutableClock clock = new MutableClock();
        try (Database db = TestStores.open(dir)) {
            BackupService backups = new BackupService(db, clock, 3, Duration.ofMinutes(30));
            for (int i = 0; i < 5; i++) {
                backups.backupNow();
                clock.now = clock.now.plus(Duration.ofMinutes(31));
            }
            backups.backupNow(); // same second as nothing else: no suffix
            backups.backupNow(); // same second as the previous one: must not overwrite it
            List<String> names = backups.list().stream().map(p -> p.getFileName().toString()).toList();
            assertThat(names).containsExactly("sanwu-20261128-123500-1.zip", "sanwu-20261128-123500.zip",
                    "sanwu-20261128-120400.zip");
        }
    }

    @Test
    void maybeBackupHonoursTheIntervalAndAClockSetBack() {
        MutableClock clock = new MutableClock();
        try (Database db = TestStores.open(dir)) {
            BackupService backups = new BackupService(db, clock, 10, Duration.ofMinutes(30));
            assertThat(backups.maybeBackup()).as("none yet").isPresent();
            clock.now = clock.now.plus(Duration.ofMinutes(29));
            assertThat(backups.maybeBackup()).as("29 min later").isEmpty();
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(backups.maybeBackup()).as("30 min later").isPresent();
            clock.now = clock.now.minus(Duration.ofDays(365));
            Path afterSetBack = backups.maybeBackup().orElseThrow(() -> new AssertionError(
                    "clock set back a year: backups 'in the future' must not count as recent"));
            assertThat(backups.takenAt(afterSetBack)).contains(
                    java.time.LocalDateTime.of(2025, 11, 28, 10, 30).toInstant(ZoneOffset.ofHours(8)));
            clock.now = clock.now.plus(Duration.ofMinutes(5));
            assertThat(backups.maybeBackup()).as("but the one just taken does").isEmpty();
            assertThat(backups.list()).hasSize(3).contains(afterSetBack);
        }
    }

    @Test
    void pruningNeverDeletesTheBackupJustTakenEvenWhenItSortsOldest() {
        MutableClock clock = new MutableClock();
        try (Database db = TestStores.open(dir)) {
            BackupService backups = new BackupService(db, clock, 2, Duration.ofMinutes(30));
            backups.backupNow();
            clock.now = clock.now.plus(Duration.ofHours(1));
            backups.backupNow();
            clock.now = clock.now.minus(Duration.ofDays(30));
            Path fresh = backups.backupNow();
            assertThat(backups.list()).hasSize(2).contains(fresh);
        }
    }
}
