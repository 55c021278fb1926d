package cn.sanwu.client.sync;

import static cn.sanwu.client.sync.SyncFixture.serverVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.notice.Notice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 "upgrades", on real H2 files: the data directory of version N (this build) with unsynced
 * edits and an open conflict is opened by version N+1 (this build plus a probe migration that
 * alters a table holding data). Everything is still there and syncs. Then N opens the N+1 store
 * (a downgrade, or a database copied from a newer PC): refused with a clear sentence, and the
 * file is not changed by a single byte.
 */
class UpgradeOverPreviousVersionTest {

    private static final List<String> NEXT_VERSION = List.of("Vnext__upgrade_probe.sql");

    @TempDir
    Path dir;

    @Test
    void nextVersionKeepsUnsyncedEditsAndTheOpenConflictAndSyncsThem() throws Exception {
        ModelServer server = new ModelServer(100);
        Notice synced;
        Notice unsynced;
        Notice disputed;
        UUID conflictId;
        List<String> outboxBefore;
        try (SyncFixture n = new SyncFixture(dir)) {
            synced = n.newNotice("已同步的公告", "已上传");
            n.syncWith(server);
            disputed = n.newNotice("宅基地审批", "我的正文");
            server.store(disputed.id(), 4, serverVersion(disputed, "对方的正文", 4));
            n.syncWith(server);
            conflictId = n.conflicts.open().getFirst().conflict().id();
            unsynced = n.newNotice("未上传的公告", "第一稿");
            unsynced = n.edit(unsynced.id(), "第二稿，升级前还没有上传");
            outboxBefore = n.outboxRows();
            assertThat(outboxBefore).as("version N leaves work waiting").contains("PENDING 0->2");
            assertThat(n.conflicts.openCount()).isEqualTo(1);
        }

        try (SyncFixture next = new SyncFixture(Database.openAsLaterVersion(dir, Durability.SAFE, NEXT_VERSION),
                SyncEngine.DEFAULT_MAX_MUTATIONS)) {
            assertThat(next.firstString("SELECT MAX(version) FROM schema_version"))
                    .isEqualTo(String.valueOf(currentVersion() + 1));
            assertThat(next.firstString("SELECT COUNT(*) FROM notice WHERE upgrade_probe_note = 'migrated'")).isEqualTo("3");
            assertThat(next.outboxRows()).isEqualTo(outboxBefore);
            assertThat(next.notices.find(unsynced.id()).orElseThrow()).isEqualTo(unsynced);
            assertThat(next.notices.find(synced.id()).orElseThrow().content().body()).isEqualTo("已上传");
            List<ConflictService.Details> open = next.conflicts.open();
            assertThat(open).singleElement().satisfies(d -> {
                assertThat(d.conflict().id()).isEqualTo(conflictId);
                assertThat(d.mine().content().body()).isEqualTo("我的正文");
                assertThat(d.theirs().content().body()).isEqualTo("对方的正文");
            });

            next.conflicts.keepMine(conflictId);
            next.syncWith(server);
            assertThat(server.entities().get(unsynced.id()).payload().path("content").path("body").asText())
                    .isEqualTo("第二稿，升级前还没有上传");
            assertThat(server.entities().get(disputed.id()).payload().path("content").path("body").asText()).isEqualTo("我的正文");
            assertThat(next.outboxRows()).noneMatch(r -> r.startsWith("PENDING"));
        }
    }

    @Test
    void theOlderVersionRefusesTheUpgradedStoreAndChangesNoByte() throws Exception {
        try (SyncFixture n = new SyncFixture(dir)) {
            n.newNotice("未上传的公告", "升级后写的");
        }
        Database.openAsLaterVersion(dir, Durability.SAFE, NEXT_VERSION).close();
        String before = fileHash();

        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage())
                        .contains("更新版本").contains("不会打开").contains(String.valueOf(currentVersion() + 1)));
        assertThat(fileHash()).as("the refused open wrote nothing").isEqualTo(before);

        // The newer version still opens it, with the work intact.
        try (SyncFixture next = new SyncFixture(Database.openAsLaterVersion(dir, Durability.SAFE, NEXT_VERSION),
                SyncEngine.DEFAULT_MAX_MUTATIONS)) {
            assertThat(next.outboxRows()).containsExactly("PENDING 0->1");
        }
    }

    @Test
    void aStoreWhoseHistoryNamesOtherScriptsIsRefused() throws Exception {
        try (SyncFixture n = new SyncFixture(dir)) {
            n.db.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE schema_version SET script = 'V2__someone_elses.sql' WHERE version = 2");
                }
                return null;
            });
        }
        String before = fileHash();
        assertThatThrownBy(() -> Database.open(dir, Durability.SAFE)).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).userMessage()).contains("V2__someone_elses.sql").contains("不会打开"));
        assertThat(fileHash()).isEqualTo(before);
    }

    private static int currentVersion() {
        try (Database probe = Database.open(Files.createTempDirectory("sanwu-version"), Durability.SAFE)) {
            return probe.read(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String fileHash() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Database.databaseFile(dir))));
    }
}
