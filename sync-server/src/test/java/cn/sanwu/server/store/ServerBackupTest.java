package cn.sanwu.server.store;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online backup while the server serves, restore into an empty directory with a new feed epoch,
 * and every way a restore is refused without writing anything (real H2 files, real HTTP server).
 */
class ServerBackupTest {

    @TempDir
    Path dir;

    @Test
    void anOnlineBackupRestoresToTheSameStateWithANewEpoch() throws IOException {
        Path zip = dir.resolve("b/backup.zip");
        String epochBefore;
        try (TestServer server = TestServer.start(ServerConfig.local(dir.resolve("live"), 0))) {
            var pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
            for (int i = 0; i < 20; i++) {
                server.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "公告 " + i)));
            }
            epochBefore = server.sync(pc.token(), push(0)).feedEpoch();
            assertThat(ServerBackup.backup(server.server().database(), zip)).isPositive();
            // Still serving after the backup.
            assertThat(server.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "备份之后"))).results().getFirst()
                    .outcome()).isEqualTo(SyncProtocol.Outcome.APPLIED);
            assertThatThrownBy(() -> ServerBackup.backup(server.server().database(), zip))
                    .isInstanceOf(StoreException.class).hasMessageContaining("不会覆盖");
        }
        Path restored = dir.resolve("restored");
        ServerBackup.restore(zip, restored);
        ServerConfig config = ServerConfig.local(restored, 0);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            assertThat(Rows.count(db, "synced_entity")).isEqualTo(20);
            assertThat(Rows.count(db, "change_feed")).isEqualTo(20);
            assertThat(db.inTransaction(FeedEpoch::current)).isEqualTo(epochBefore);
            String renewed = FeedEpoch.renew(db);
            assertThat(renewed).isNotEqualTo(epochBefore);
            assertThat(db.inTransaction(FeedEpoch::current)).isEqualTo(renewed);
        }
    }

    @Test
    void aRestoreNeverOverwritesADatabase() throws IOException {
        Path zip = dir.resolve("backup.zip");
        try (TestServer server = TestServer.start(ServerConfig.local(dir.resolve("live"), 0))) {
            ServerBackup.backup(server.server().database(), zip);
        }
        byte[] before = Files.readAllBytes(dir.resolve("live").resolve(ServerBackup.DB_FILE));
        assertThatThrownBy(() -> ServerBackup.restore(zip, dir.resolve("live"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("不会覆盖");
        assertThat(Files.readAllBytes(dir.resolve("live").resolve(ServerBackup.DB_FILE))).isEqualTo(before);
    }

    @Test
    void foreignCorruptOrMissingFilesAreRefusedAndWriteNothing() throws IOException {
        Path target = dir.resolve("target");
        Path foreign = zipWith(dir.resolve("foreign.zip"), "../../etc/passwd", "x");
        assertThatThrownBy(() -> ServerBackup.restore(foreign, target)).hasMessageContaining("不是三务服务器的备份文件");
        Path empty = zipWith(dir.resolve("empty.zip"), null, null);
        assertThatThrownBy(() -> ServerBackup.restore(empty, target)).hasMessageContaining("没有 " + ServerBackup.DB_FILE);
        Path corrupt = Files.write(dir.resolve("corrupt.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> ServerBackup.restore(corrupt, target)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> ServerBackup.restore(dir.resolve("missing.zip"), target)).hasMessageContaining("找不到备份文件");
        try (var left = Files.list(target)) {
            assertThat(left).as("nothing left behind in the data directory").isEmpty();
        }
    }

    @Test
    void theConfiguredStoreIsBackedUpOrPostgresqlIsReferredToItsOwnTools() throws IOException {
        // Runs on H2 by default and on PostgreSQL in CI's second pass (TestDatabases).
        try (TestServer server = TestServer.start(dir.resolve("configured"))) {
            Path zip = dir.resolve("configured.zip");
            if (cn.sanwu.server.testing.TestDatabases.onPostgres()) {
                assertThatThrownBy(() -> ServerBackup.backup(server.server().database(), zip))
                        .isInstanceOf(StoreException.class).hasMessageContaining("pg_dump");
                assertThat(zip).doesNotExist();
            } else {
                assertThat(ServerBackup.backup(server.server().database(), zip)).isPositive();
            }
            String before = server.server().database().inTransaction(FeedEpoch::current);
            assertThat(FeedEpoch.renew(server.server().database())).isNotEqualTo(before);
        }
    }

    private static Path zipWith(Path zip, String entry, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            if (entry != null) {
                z.putNextEntry(new ZipEntry(entry));
                z.write(text.getBytes());
                z.closeEntry();
            }
        }
        return zip;
    }
}
