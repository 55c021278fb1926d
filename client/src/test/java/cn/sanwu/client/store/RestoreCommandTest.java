package cn.sanwu.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.SingleInstanceGuard;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {

    private static final Clock RESTORE_TIME = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static Notice save(NoticeService service, Notice n) {
        return service.save(n);
    }

    private record Fixture(Path zip, Notice atBackup, Notice afterBackup, Notice createdAfterBackup) {
    }

    /** Saves a notice, backs up, then edits it and adds another: the backup must bring back the first state only. */
    private Fixture backupThenModify() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice first = save(service, service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "一"));
            Path zip = new BackupService(db, TestStores.CLOCK).backupNow();
            Notice edited = save(service, first.withContent(new cn.sanwu.model.notice.NoticeContent(TestStores.VILLAGE, "V13",
                    new Period.Quarter(2026, 3), "宅基地审批（修订）", "二", java.util.List.of(), null, null)));
            Notice other = save(service, service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 4), "第四季度", "三"));
            return new Fixture(zip, first, edited, other);
        }
    }

    @Test
    void restoreBringsBackTheStateAtBackupAndKeepsTheReplacedFiles() throws Exception {
        Fixture f = backupThenModify();
        int code = RestoreCommand.run(dir, f.zip(), out, RESTORE_TIME);
        assertThat(code).as(printed()).isEqualTo(RestoreCommand.OK);
        assertThat(printed()).contains("已从备份恢复").contains("replaced-20261201-090000");
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            assertThat(service.find(f.atBackup().id())).contains(f.atBackup());
            assertThat(service.find(f.createdAfterBackup().id())).isEmpty();
            assertThat(service.pendingUploads()).isEqualTo(1);
        }
        // The replaced database is intact and still holds the newer edits.
        Path replaced = dir.resolve("replaced-20261201-090000");
        try (Database old = TestStores.open(replaced)) {
            assertThat(TestStores.notices(old, TestStores.CLOCK).find(f.afterBackup().id())).contains(f.afterBackup());
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("restore-staging"));
    }

    @Test
    void refusedWhileTheAppIsRunning() throws Exception {
        Fixture f = backupThenModify();
        try (SingleInstanceGuard running = SingleInstanceGuard.tryAcquire(dir).orElseThrow()) {
            assertThat(RestoreCommand.run(dir, f.zip(), out, RESTORE_TIME)).isEqualTo(RestoreCommand.IN_USE);
        }
        assertThat(printed()).contains("三务正在运行");
        assertCurrentDatabaseUntouched(f);
    }

    @Test
    void refusedWhileTheDatabaseIsOpen() throws Exception {
        Fixture f = backupThenModify();
        try (Database open = TestStores.open(dir)) {
            assertThat(RestoreCommand.run(dir, f.zip(), out, RESTORE_TIME)).isEqualTo(RestoreCommand.IN_USE);
        }
        assertThat(printed()).contains("正被另一个程序使用");
        assertCurrentDatabaseUntouched(f);
    }

    @Test
    void zipWithoutADatabaseIsRefused() throws Exception {
        Fixture f = backupThenModify();
        Path notOurs = dir.resolve("photos.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(notOurs))) {
            z.putNextEntry(new ZipEntry("photo.jpg"));
            z.write(new byte[] {1, 2, 3});
        }
        assertThat(RestoreCommand.run(dir, notOurs, out, RESTORE_TIME)).isEqualTo(RestoreCommand.BAD_BACKUP);
        assertThat(printed()).contains("不是三务的备份");
        assertCurrentDatabaseUntouched(f);
    }

    @Test
    void corruptZipIsRefused() throws Exception {
        Fixture f = backupThenModify();
        byte[] bytes = Files.readAllBytes(f.zip());
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= 0x5A; // damage the compressed database in the middle
        }
        Path damaged = dir.resolve("damaged.zip");
        Files.write(damaged, bytes);
        assertThat(RestoreCommand.run(dir, damaged, out, RESTORE_TIME)).isEqualTo(RestoreCommand.BAD_BACKUP);
        assertThat(printed()).contains("损坏");
        assertCurrentDatabaseUntouched(f);
    }

    @Test
    void zipWithAGarbageDatabaseIsRefusedBeforeTouchingTheCurrentOne() throws Exception {
        Fixture f = backupThenModify();
        Path fake = dir.resolve("fake.zip");
        byte[] junk = new byte[20_000];
        new java.util.Random(7).nextBytes(junk);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(fake))) {
            z.putNextEntry(new ZipEntry("sanwu.mv.db"));
            z.write(junk);
        }
        assertThat(RestoreCommand.run(dir, fake, out, RESTORE_TIME)).isEqualTo(RestoreCommand.BAD_BACKUP);
        assertThat(printed()).contains("无法打开");
        assertCurrentDatabaseUntouched(f);
    }

    private void assertCurrentDatabaseUntouched(Fixture f) throws Exception {
        assertThat(printed()).contains("没有任何改动");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("replaced-"))
                .noneMatch(n -> n.startsWith("restore-staging"));
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            assertThat(service.find(f.afterBackup().id())).contains(f.afterBackup());
            assertThat(service.find(f.createdAfterBackup().id())).contains(f.createdAfterBackup());
        }
    }
}
