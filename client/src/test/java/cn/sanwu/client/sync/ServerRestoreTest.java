package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.testsupport.StateHashes;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.FeedEpoch;
import cn.sanwu.server.store.ServerBackup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's backup and restore with real parts (H2 files, the real server on 127.0.0.1, two
 * village PCs): an online backup is taken while the server runs, work is acknowledged after it,
 * the server is lost and restored from the backup into an empty directory — and the clients sync
 * on without loss: what the backup lacked comes back from the PCs, once, with no conflict for a
 * person, and all three hold the same state. The second test shows why the feed epoch exists:
 * restored without renewing it, a PC whose cursor still looks valid silently misses changes.
 */
class ServerRestoreTest {

    @TempDir
    Path dir;
    private SyncServer server;
    private final List<AppContext> pcs = new ArrayList<>();

    @AfterEach
    void stop() {
        pcs.forEach(AppContext::close);
        if (server != null) {
            server.close();
        }
    }

    private SyncServer start(Path data) {
        server = SyncServer.create(ServerConfig.local(data, 0), Clock.systemUTC()).start();
        return server;
    }

    private AppContext pc(String name) throws Exception {
        AppContext ctx = new AppContext(dir.resolve(name), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        ctx.syncService().enroll(url(), server.devices().issueCode(DemoData.VILLAGE), name, DemoData.VILLAGE);
        pcs.add(ctx);
        return ctx;
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private void pointAtServer(AppContext pc) {
        pc.database().inTransaction(c -> {
            SettingsRepository.put(c, SyncService.SERVER_URL, url());
            return null;
        });
    }

    private static void sync(AppContext pc) {
        SyncService.Result r = pc.syncService().syncNow();
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static Notice newNotice(AppContext pc, String title) {
        var item = pc.catalog().find("V13").orElseThrow();
        return pc.notices().save(pc.notices().newDraft(DemoData.VILLAGE, item, new Period.Quarter(2026, 3), title, "正文"));
    }

    private static Notice edit(AppContext pc, Notice n, String body) {
        Notice stored = pc.notices().find(n.id()).orElseThrow();
        NoticeContent c = stored.content();
        return pc.notices().save(stored.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), body,
                c.tables(), c.journal(), c.recipients())));
    }

    /** Backup taken, then work acknowledged after it; the server is lost; returns the backup. */
    private Path workAcknowledgedAfterABackup(AppContext a, AppContext b, List<Notice> afterBackup) throws Exception {
        sync(a);
        sync(b);
        sync(a);
        Path zip = dir.resolve("backups/sanwu-server-backup.zip");
        assertThat(ServerBackup.backup(server.database(), zip)).isPositive();
        Notice created = newNotice(a, "备份之后新建的公告");
        Notice edited = edit(a, a.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .map(s -> a.notices().find(s.id()).orElseThrow()).filter(n -> !n.id().equals(created.id())).findFirst()
                .orElseThrow(), "备份之后改过的正文");
        sync(a);
        sync(b);
        assertThat(a.sync().status().waiting()).isZero();
        afterBackup.add(created);
        afterBackup.add(edited);
        server.close();
        server = null;
        return zip;
    }

    private void restore(Path zip, Path data, boolean renewEpoch) throws Exception {
        ServerBackup.restore(zip, data);
        if (renewEpoch) {
            ServerConfig config = ServerConfig.local(data, 0);
            try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
                FeedEpoch.renew(db);
            }
        }
        start(data);
    }

    @Test
    void restoredFromABackupTheClientsBringBackWhatItLackedAndAllConverge() throws Exception {
        start(dir.resolve("server-before"));
        AppContext a = pc("a");
        AppContext b = pc("b");
        List<Notice> afterBackup = new ArrayList<>();
        Path zip = workAcknowledgedAfterABackup(a, b, afterBackup);

        restore(zip, dir.resolve("server-restored"), true);
        pointAtServer(a);
        pointAtServer(b);
        for (int i = 0; i < 5; i++) {
            afterBackup.add(newNotice(b, "恢复之后新建的公告 " + i));
        }
        sync(b);
        sync(a);
        sync(b);

        for (AppContext pc : List.of(a, b)) {
            assertThat(pc.conflicts().openCount()).as("nothing for a person to decide").isZero();
            assertThat(pc.sync().status().waiting()).isZero();
            assertThat(pc.sync().reloading()).isFalse();
        }
        for (Notice n : afterBackup) {
            Notice onA = a.notices().find(n.id()).orElseThrow(); // also: every notice reached both PCs
            Integer onServer = server.database().inTransaction(c -> {
                try (var ps = c.prepareStatement("SELECT revision FROM synced_entity WHERE entity_id = ?")) {
                    ps.setObject(1, n.id());
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : -1;
                    }
                }
            });
            assertThat(onServer).as("acknowledged after the backup or made after the restore: on the server").isEqualTo(onA.revision());
        }
        var serverState = StateHashes.server(server.database(), DemoData.VILLAGE);
        assertThat(StateHashes.client(a.database(), DemoData.VILLAGE)).isEqualTo(serverState);
        assertThat(StateHashes.client(b.database(), DemoData.VILLAGE)).isEqualTo(serverState);
    }

    @Test
    void withoutANewFeedEpochAPcWithAPlausibleCursorMissesChanges() throws Exception {
        start(dir.resolve("server-before"));
        AppContext a = pc("a");
        AppContext b = pc("b");
        Path zip = workAcknowledgedAfterABackup(a, b, new ArrayList<>());

        restore(zip, dir.resolve("server-restored"), false);
        pointAtServer(a);
        pointAtServer(b);
        // New work through b takes the restored server's next seqs — the ones a has already seen
        // as other changes. (b's cursor is above the restored head: that alone is noticed.)
        for (int i = 0; i < 5; i++) {
            newNotice(b, "恢复之后新建的公告 " + i);
        }
        sync(b);
        // a's cursor now looks valid, and without an epoch change a never reloads.
        sync(a);
        assertThat(StateHashes.client(a.database(), DemoData.VILLAGE))
                .as("a missed changes whose seqs were below its old cursor")
                .isNotEqualTo(StateHashes.server(server.database(), DemoData.VILLAGE));
    }
}
