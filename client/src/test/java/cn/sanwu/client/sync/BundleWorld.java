package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.sync.StateHash;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bundle tests' world: the real sync server on 127.0.0.1 (H2 file), village PCs and a
 * township PC, each an {@link AppContext} on its own H2 file, and the state hash of a village on
 * either side (StateHash, QUALITY.md I2).
 */
final class BundleWorld implements AutoCloseable {

    final Path dir;
    final SyncServer server;
    final String url;
    private final List<AppContext> pcs = new ArrayList<>();

    BundleWorld(Path dir) {
        this.dir = dir;
        this.server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        this.url = "http://127.0.0.1:" + server.port();
    }

    /** A village PC with the demo village's notices, not enrolled. */
    AppContext villagePc(String name) {
        AppContext ctx = new AppContext(dir.resolve(name), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        pcs.add(ctx);
        return ctx;
    }

    /** The township's PC, enrolled online with a code of the township (it pulls nothing of a village). */
    AppContext townshipPc() throws Exception {
        AppContext ctx = new AppContext(dir.resolve("township"), Clock.systemUTC());
        pcs.add(ctx);
        ctx.syncService().enroll(url, server.devices().issueCode(DemoData.TOWNSHIP), "乡镇三务办", null);
        return ctx;
    }

    void enrollOnline(AppContext pc, String name) throws Exception {
        pc.syncService().enroll(url, server.devices().issueCode(DemoData.VILLAGE), name, DemoData.VILLAGE);
    }

    /** One full file round: the village exports, the township forwards, the village imports the reply. */
    BundleService.Imported fileRound(AppContext village, AppContext township, String code) throws Exception {
        Path out = Files2.fresh(dir, "village");
        village.bundles().export(out, code, code == null ? null : "山村电脑");
        Path reply = Files2.fresh(dir, "reply");
        township.bundles().forward(out, reply);
        return village.bundles().importReply(reply);
    }

    static ContentHash clientState(AppContext pc) {
        List<StateHash.Entry> entries = new ArrayList<>();
        for (var s : pc.notices().search(NoticeQuery.all(DemoData.VILLAGE))) {
            Notice n = pc.notices().find(s.id()).orElseThrow();
            entries.add(new StateHash.Entry("notice", n.id(), n.revision(), n.status().name(),
                    NoticeHasher.sha256().hash(n.id(), n.content())));
        }
        return StateHash.of(entries);
    }

    ContentHash serverState() {
        return server.database().inTransaction(c -> {
            List<StateHash.Entry> entries = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT entity_id, revision, payload FROM synced_entity WHERE scope = '" + DemoData.VILLAGE + "'")) {
                while (rs.next()) {
                    JsonNode payload = ModelJson.mapper().readTree(rs.getString(3));
                    UUID id = rs.getObject(1, UUID.class);
                    NoticeContent content = ModelJson.mapper().treeToValue(payload.get("content"), NoticeContent.class);
                    entries.add(new StateHash.Entry("notice", id, rs.getInt(2), payload.get("status").asText(),
                            NoticeHasher.sha256().hash(id, content)));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return StateHash.of(entries);
        });
    }

    /** Rows of one server table. */
    long serverRows(String table) {
        return server.database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Feed entries that store a revision of a notice a second time (must be none). */
    long serverRevisionsStoredTwice() {
        return server.database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT entity_id,"
                    + " revision FROM change_feed GROUP BY entity_id, revision HAVING COUNT(*) > 1) t")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The client's sync-relevant local state: outbox rows, cursor, answered exports, settings. */
    static String clientSnapshot(AppContext pc) {
        return pc.database().read(c -> {
            StringBuilder out = new StringBuilder();
            for (String sql : List.of("SELECT mutation_id, state, sent_count, request_id FROM outbox ORDER BY seq",
                    "SELECT feed_cursor, last_error FROM sync_meta", "SELECT bundle_id, answered_at FROM bundle_export ORDER BY bundle_id",
                    "SELECT notice_id, server_revision FROM notice_sync ORDER BY notice_id", "SELECT k, v FROM setting ORDER BY k",
                    "SELECT id, revision FROM notice ORDER BY id", "SELECT COUNT(*) FROM sync_conflict")) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rs.getString(i)).append('\t');
                        }
                        out.append('\n');
                    }
                }
            }
            return out.toString();
        });
    }

    @Override
    public void close() {
        pcs.forEach(AppContext::close);
        server.close();
    }

    /** File names for the test's USB stick. */
    static final class Files2 {
        private static int next;

        static synchronized Path fresh(Path dir, String prefix) {
            return dir.resolve("usb").resolve(prefix + "-" + (++next) + ".sanwu");
        }
    }
}
