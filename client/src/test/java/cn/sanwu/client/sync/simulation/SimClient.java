package cn.sanwu.client.sync.simulation;

import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.sync.ConflictService;
import cn.sanwu.client.sync.SyncEngine;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One village PC of the simulation: a real H2 file store in its own directory with the real
 * notice service, sync engine and conflict service on top. The store stays open across histories
 * and is emptied between them ({@link #reset}), because opening and migrating four H2 files per
 * history would cost more than the history itself; a crash inside a history really closes and
 * reopens the files. Not thread-safe.
 */
final class SimClient implements AutoCloseable {

    /** Client tables in delete order; the migrated catalog and settings stay. */
    private static final List<String> SYNC_TABLES = List.of("editor_scratch", "outbox", "notice_sync", "sync_conflict",
            "notice");

    final int index;
    private final Path dir;
    private final TickingClock clock;
    private int maxMutations;
    private Database db;
    private UuidV7 ids;
    NoticeService notices;
    SyncEngine engine;
    ConflictService conflicts;
    /** The request on the wire, if any (one at a time, as the app's SyncService does). */
    SyncProtocol.Request inFlight;

    SimClient(int index, Path dir, TickingClock clock) {
        this.index = index;
        this.dir = dir;
        this.clock = clock;
        this.db = TestStores.open(dir);
    }

    /**
     * Empties the store for a new history whose requests carry at most {@code maxMutations}; ids
     * restart from a fixed seed so a history replays exactly.
     */
    void reset(int maxMutations) {
        this.maxMutations = maxMutations;
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String table : SYNC_TABLES) {
                    s.execute("DELETE FROM " + table);
                }
                s.execute("ALTER TABLE outbox ALTER COLUMN seq RESTART WITH 1");
                s.execute("UPDATE sync_meta SET feed_cursor = 0, last_success_at = NULL, last_attempt_at = NULL,"
                        + " last_error = NULL");
            }
            return null;
        });
        ids = new UuidV7(clock, seededRandom(index));
        inFlight = null;
        wire();
    }

    private void wire() {
        notices = new NoticeService(db, new NoticeRepository(NoticeHasher.sha256()), new OutboxRepository(),
                () -> TestStores.CATALOG, ids, clock);
        engine = new SyncEngine(db, notices, new OutboxRepository(), ids, clock, maxMutations,
                SyncEngine.DEFAULT_MAX_PAYLOAD_CHARS);
        conflicts = new ConflictService(db, notices, new OutboxRepository(), ids, clock);
    }

    /**
     * The app stops without closing anything (H2 {@code SHUTDOWN IMMEDIATELY}: no final write, no
     * compaction) and starts again from the files; a request in flight is forgotten.
     */
    void crash() {
        try {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN IMMEDIATELY");
                }
                return null;
            });
        } catch (StoreException expected) {
            // The commit after the shutdown fails: the connection is gone, which is the point.
        }
        db.close();
        db = TestStores.open(dir);
        inFlight = null;
        wire();
    }

    List<UUID> noticeIds() {
        return db.read(c -> {
            List<UUID> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM notice ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        });
    }

    List<Notice> allNotices() {
        return noticeIds().stream().map(id -> notices.find(id).orElseThrow()).toList();
    }

    /** Outbox rows as "STATE base->revision", oldest first. */
    List<String> outboxRows() {
        return TestStores.outboxRows(db);
    }

    private static SecureRandom seededRandom(int seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed); // before first use: the sequence is fixed
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is in every JDK", e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
