package cn.sanwu.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.testsupport.HolderMain;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a database that must not be opened fails with a sentence, and touches nothing. */
class DatabaseOpenFailureTest {

    @TempDir
    Path dir;

    private Notice seedOneNotice() {
        try (Database db = TestStores.open(dir)) {
            NoticeService service = TestStores.notices(db, TestStores.CLOCK);
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            return service.save(service.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "宅基地审批", "正文"));
        }
    }

    private String fileHash() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Database.databaseFile(dir))));
    }

    @Test
    void databaseHeldByAnotherProcessIsRefusedClearly() throws Exception {
        Notice saved = seedOneNotice();
        String before = fileHash();
        try (HolderMain.Holder other = HolderMain.start("db", dir)) {
            assertThat(other.answer()).isEqualTo("HELD");
            long start = System.nanoTime();
            assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("正被另一个程序使用"));
            // FILE_LOCK=FS refuses at once; the old FILE_LOCK=FILE took ~3.5 s here.
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse").isLessThan(2_000);
            assertThat(fileHash()).as("the refused open wrote nothing").isEqualTo(before);
        }
        try (Database db = TestStores.open(dir)) {
            assertThat(TestStores.notices(db, TestStores.CLOCK).find(saved.id())).contains(saved);
        }
    }

    @Test
    void databaseFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
        Notice saved = seedOneNotice();
        try (Database db = TestStores.open(dir)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO schema_version(version, script) VALUES (99, 'V99__future.sql')");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("更新版本"));
        // Look with raw JDBC: Database.open would refuse again.
        try (var c = java.sql.DriverManager.getConnection(Database.jdbcUrl(dir, Durability.SAFE), "sa", "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT MAX(version), COUNT(*) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(99);
                assertThat(rs.getInt(2)).isEqualTo(Migrations.currentVersion() + 1);
            }
            try (ResultSet rs = s.executeQuery("SELECT revision, title FROM notice")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(saved.revision());
                assertThat(rs.getString(2)).isEqualTo("宅基地审批");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void garbageFileGivesAClearStoreException() throws Exception {
        byte[] junk = new byte[20_000];
        new java.util.Random(42).nextBytes(junk);
        Files.createDirectories(dir);
        Files.write(Database.databaseFile(dir), junk);
        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("损坏").contains("备份"));
        assertThat(Files.readAllBytes(Database.databaseFile(dir))).isEqualTo(junk);
    }

    @Test
    void truncatedFileGivesAClearStoreException() throws Exception {
        seedOneNotice();
        Path file = Database.databaseFile(dir);
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 3);
        }
        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("损坏").contains("备份"));
    }

    @Test
    void emptyFileIsRefusedInsteadOfSilentlyStartingAnEmptyDatabase() throws Exception {
        Files.createDirectories(dir);
        Files.write(Database.databaseFile(dir), new byte[0]);
        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("空的"));
        assertThat(Files.size(Database.databaseFile(dir))).isZero();
    }
}
