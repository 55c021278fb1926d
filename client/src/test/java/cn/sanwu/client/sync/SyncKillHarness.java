package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.StateHash;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Parent half of the sync-step kill test (QUALITY.md "client killed at each sync step"). The real
 * server runs in this JVM on 127.0.0.1 behind a {@link KillProxy}; client A is a child JVM
 * ({@link SyncKillWorker}) on one H2 file kept across all kills; client B (in this JVM, its own
 * H2 file) adds notices of its own, some large, so A's pulls come in several pages. Each
 * iteration kills A at one named moment of a sync round (round-robin over {@link Kill}, at the
 * 1st-3rd occurrence), then reopens A's store here and checks every save it reported is there.
 * One iteration in three (and the last) it also heals: A syncs to completion, B syncs, and the
 * server is checked — every saved change there once, the feed without gaps, every revision
 * stored once, entity = last feed row, one idempotency record per feed row — and the state
 * hashes of A, B and the server must be equal. Later kills start from an unhealed store too, so
 * leftovers of one kill (SENT entries, an unsaved cursor) meet the next.
 */
final class SyncKillHarness {

    /** Where the child is killed. */
    enum Kill {
        /** Request built, entries SENT on disk, nothing sent (hook). */
        PREPARED,
        /** Request on the wire; killed 0-40 ms after its first bytes passed the proxy: the server may or may not commit. */
        IN_FLIGHT,
        /** The server answered (committed, forced to disk); the proxy holds the answer and the child dies without it. */
        RESPONSE_HELD,
        /** Answer parsed in the child, nothing written (hook). */
        RESPONSE_RECEIVED,
        /** Inside the apply transaction: results and pulled notices written, cursor not saved, not committed (hook). */
        BEFORE_CURSOR_SAVE,
        /** A page applied and on disk, more pages waiting (hasMore; hook). */
        BETWEEN_PAGES,
        /** The last page applied, before the next saves (hook). */
        APPLIED,
        /** 20-700 ms after the store opened, wherever the child is. */
        RANDOM
    }

    record Result(long seed, String mode, int kills, Map<Kill, Integer> fired, Map<Kill, Integer> missed, long saves,
            int heals, long serverRevisionsChecked, int problemChecks, long problems, List<String> examples,
            long elapsedMillis) {

        String summary() {
            return String.format("SYNC-KILL-TEST mode=%s seed=%d kills=%d fired at the planned step=%s missed=%s"
                    + " saves reported=%d heals=%d acked revisions found on the server=%d problems=%d (in %d checks)"
                    + " runtime=%.1fs (%.0f ms/kill)", mode, seed, kills, fired, missed, saves, heals,
                    serverRevisionsChecked, problems, problemChecks, elapsedMillis / 1000.0,
                    (double) elapsedMillis / Math.max(1, kills));
        }
    }

    private record Row(int revision, String status, String hash) {
    }

    record FeedRow(long seq, UUID entityId, int revision, String payload) {
    }

    /** A planned step that has not come by then is counted as missed and the child is killed anyway. */
    private static final long MISSED_AFTER_MILLIS = 8_000;

    private final Path workDir;
    private final long seed;
    private final String mode;
    private final Random random;
    private final PrintStream log;
    private final Path aDir;
    private final Path childLog;
    /** Every save A reported: notice -> revision -> content hash. */
    private final Map<UUID, TreeMap<Integer, String>> saved = new HashMap<>();
    private final Map<Kill, Integer> fired = new EnumMap<>(Kill.class);
    private final Map<Kill, Integer> missed = new EnumMap<>(Kill.class);
    private final List<String> examples = new ArrayList<>();
    /** Saved revisions already compared with the server's copy ("id@revision"): each is compared once. */
    private final java.util.Set<String> comparedWithServer = new java.util.HashSet<>();
    private long saves;
    private int heals;
    private long serverRevisionsChecked;
    private int problemChecks;
    private long problems;
    private int bCounter;
    private long bNanos;
    private long readyNanos;
    private long runNanos;
    private long checkNanos;

    SyncKillHarness(Path workDir, long seed, String mode, PrintStream log) {
        this.workDir = workDir;
        this.seed = seed;
        this.mode = mode;
        this.random = new Random(seed);
        this.log = log;
        this.aDir = workDir.resolve("client-a");
        this.childLog = workDir.resolve("children.stderr.log");
    }

    Result run(int kills) throws Exception {
        long start = System.nanoTime();
        try (SyncServer server = SyncServer.create(ServerConfig.local(workDir.resolve("server"), 0), Clock.systemUTC()).start();
                KillProxy proxy = new KillProxy(server.port());
                AppContext b = new AppContext(workDir.resolve("client-b"), Clock.systemUTC())) {
            try (AppContext a = new AppContext(aDir, Clock.systemUTC())) {
                a.syncService().enroll("http://127.0.0.1:" + proxy.port(), server.devices().issueCode(TestStores.VILLAGE),
                        "A", TestStores.VILLAGE);
            }
            b.syncService().enroll("http://127.0.0.1:" + server.port(), server.devices().issueCode(TestStores.VILLAGE),
                    "B", TestStores.VILLAGE);
            SyncKillProcess next = SyncKillProcess.start(aDir, random.nextLong(), mode, childLog);
            try {
                for (int i = 0; i < kills; i++) {
                    Kill kill = Kill.values()[i % Kill.values().length];
                    int occurrence = kill == Kill.BETWEEN_PAGES ? 1 : 1 + random.nextInt(2);
                    long t0 = System.nanoTime();
                    workOfB(b, kill == Kill.BETWEEN_PAGES);
                    SyncKillProcess child = next;
                    long t1 = System.nanoTime();
                    armAndGo(child, kill, occurrence, proxy);
                    long t2 = System.nanoTime();
                    // JVM start-up is the bottleneck: the next child warms up while this one works and is checked.
                    next = i + 1 < kills ? SyncKillProcess.start(aDir, random.nextLong(), mode, childLog) : null;
                    boolean hit = awaitKill(child, kill, proxy);
                    (hit ? fired : missed).merge(kill, 1, Integer::sum);
                    List<SyncKillProcess.Saved> reported = child.finish();
                    long t3 = System.nanoTime();
                    proxy.disarm();
                    reported.forEach(s -> saved.computeIfAbsent(s.id(), k -> new TreeMap<>()).put(s.revision(), s.hash()));
                    saves += reported.size();
                    boolean heal = i == kills - 1 || random.nextInt(3) == 0;
                    check(i, kill + "#" + occurrence, heal, server, b);
                    long t4 = System.nanoTime();
                    bNanos += t1 - t0;
                    readyNanos += t2 - t1;
                    runNanos += t3 - t2;
                    checkNanos += t4 - t3;
                }
            } finally {
                if (next != null) {
                    next.discard();
                }
            }
        }
        log.printf("sync-kill phases, ms per kill: client B %.0f, child ready+open %.0f, child run to kill %.0f, check+heal %.0f%n",
                bNanos / 1e6 / kills, readyNanos / 1e6 / kills, runNanos / 1e6 / kills, checkNanos / 1e6 / kills);
        return new Result(seed, mode, kills, Map.copyOf(fired), Map.copyOf(missed), saves, heals, serverRevisionsChecked,
                problemChecks, problems, List.copyOf(examples), (System.nanoTime() - start) / 1_000_000);
    }

    private void armAndGo(SyncKillProcess child, Kill kill, int occurrence, KillProxy proxy) throws Exception {
        switch (kill) {
            case IN_FLIGHT -> proxy.arm(KillProxy.Mode.KILL_IN_FLIGHT, occurrence, random.nextInt(41), child::kill);
            case RESPONSE_HELD -> proxy.arm(KillProxy.Mode.HOLD_RESPONSE, occurrence, 0, child::kill);
            default -> { }
        }
        boolean hook = kill != Kill.IN_FLIGHT && kill != Kill.RESPONSE_HELD && kill != Kill.RANDOM;
        child.go(hook ? kill.name() : "NONE", occurrence);
    }

    /** Waits until the child is killed at the planned moment; answers whether it died there (else it is killed now). */
    private boolean awaitKill(SyncKillProcess child, Kill kill, KillProxy proxy) throws Exception {
        switch (kill) {
            case RANDOM -> {
                Thread.sleep(20 + random.nextInt(681));
                child.kill();
                return true;
            }
            case IN_FLIGHT, RESPONSE_HELD -> {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MISSED_AFTER_MILLIS);
                while (child.alive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                child.kill();
                return proxy.disarm();
            }
            default -> {
                boolean halted = child.awaitHalt(MISSED_AFTER_MILLIS);
                child.kill();
                return halted;
            }
        }
    }

    /** Client B: usually a small change of its own; before a BETWEEN_PAGES kill ~600 KB of new notices, so A's next pull pages. */
    private void workOfB(AppContext b, boolean manyLargeNotices) {
        int count = manyLargeNotices ? 10 : random.nextInt(3) == 0 ? 1 : 0;
        for (int k = 0; k < count; k++) {
            Notice draft = SyncKillWorker.newNotice(b.notices(), "B#" + (++bCounter), random);
            if (manyLargeNotices) {
                draft = draft.withContent(SyncFixture.withBody(draft, "大".repeat(20_000)));
            }
            b.notices().save(draft);
        }
        if (count > 0) {
            SyncService.Result r = b.syncService().syncNow();
            if (!r.ok()) {
                throw new AssertionError("client B could not sync: " + r.message());
            }
        }
    }

    private void check(int iteration, String plan, boolean heal, SyncServer server, AppContext b) {
        List<String> found = new ArrayList<>();
        try (AppContext a = new AppContext(aDir, Clock.systemUTC())) {
            checkLocal(a.database(), found);
            if (heal && found.isEmpty()) {
                heals++;
                healAndCheckServer(a, server, b, found);
            }
        }
        problemChecks++;
        if (!found.isEmpty()) {
            problems += found.size();
            log.printf("kill %d (%s): %d problem(s), e.g.%n    %s%n", iteration, plan, found.size(),
                    String.join("\n    ", found.subList(0, Math.min(5, found.size()))));
            if (examples.size() < 10) {
                examples.add("kill " + iteration + " (" + plan + "): " + found.getFirst());
            }
        }
    }

    /** Every save the child reported is in its store: at that revision with that content, or a later one. */
    private void checkLocal(Database db, List<String> found) {
        Map<UUID, Row> rows = clientRows(db);
        for (Map.Entry<UUID, TreeMap<Integer, String>> e : saved.entrySet()) {
            Row row = rows.get(e.getKey());
            Map.Entry<Integer, String> last = e.getValue().lastEntry();
            if (row == null) {
                found.add("saved notice missing locally: " + e.getKey() + " r" + last.getKey());
            } else if (row.revision() < last.getKey()) {
                found.add("saved revision lost locally: " + e.getKey() + " r" + last.getKey() + ", stored r" + row.revision());
            } else if (row.revision() == last.getKey() && !row.hash().equals(last.getValue())) {
                found.add("saved content differs locally: " + e.getKey() + " r" + last.getKey());
            }
        }
    }

    private void healAndCheckServer(AppContext a, SyncServer server, AppContext b, List<String> found) {
        SyncService.Result r = null;
        for (int attempt = 0; attempt < 5 && (r == null || !r.ok() || a.sync().status().waiting() > 0); attempt++) {
            r = a.syncService().syncNow();
        }
        if (!r.ok() || a.sync().status().waiting() > 0) {
            found.add("A did not finish syncing: " + r.message() + ", waiting " + a.sync().status().waiting());
        }
        SyncService.Result rb = b.syncService().syncNow();
        if (!rb.ok()) {
            found.add("B did not finish syncing: " + rb.message());
        }
        SyncStatus status = a.sync().status();
        if (status.conflicts() > 0 || status.rejected() > 0) {
            found.add("A has " + status.conflicts() + " conflicts and " + status.rejected() + " rejected changes");
        }
        List<FeedRow> feed = feed(server);
        Map<UUID, FeedRow> latest = new HashMap<>();
        Map<String, FeedRow> byRevision = new HashMap<>();
        for (int k = 0; k < feed.size(); k++) {
            FeedRow f = feed.get(k);
            if (f.seq() != k + 1) {
                found.add("feed gap: row " + (k + 1) + " has seq " + f.seq());
                break;
            }
            if (byRevision.put(f.entityId() + "@" + f.revision(), f) != null) {
                found.add("revision stored twice: " + f.entityId() + " r" + f.revision());
            }
            FeedRow before = latest.put(f.entityId(), f);
            if (before != null && before.revision() >= f.revision()) {
                found.add("revision went back in the feed: " + f.entityId() + " r" + before.revision() + " then r" + f.revision());
            }
        }
        long counter = serverLong(server, "SELECT last_seq FROM feed_counter WHERE scope = ?");
        long applied = serverLong(server, "SELECT COUNT(*) FROM applied_mutation WHERE scope = ?");
        if (counter != feed.size() || applied != feed.size()) {
            found.add("half-applied: feed rows " + feed.size() + ", counter " + counter + ", idempotency records " + applied);
        }
        Map<UUID, String> entities = serverEntities(server);
        if (!entities.keySet().equals(latest.keySet())) {
            found.add("entities and feed disagree: " + entities.size() + " entities, " + latest.size() + " in the feed");
        }
        entities.forEach((id, payload) -> {
            FeedRow last = latest.get(id);
            if (last != null && !last.payload().equals(payload)) {
                found.add("entity is not its last feed row: " + id);
            }
        });
        NoticeHasher hasher = NoticeHasher.sha256();
        for (Map.Entry<UUID, TreeMap<Integer, String>> e : saved.entrySet()) {
            FeedRow last = latest.get(e.getKey());
            if (last == null || last.revision() < e.getValue().lastKey()) {
                found.add("saved change never reached the server: " + e.getKey() + " r" + e.getValue().lastKey()
                        + (last == null ? " (server has none)" : " (server has r" + last.revision() + ")"));
                continue;
            }
            for (Map.Entry<Integer, String> rev : e.getValue().entrySet()) {
                FeedRow f = byRevision.get(e.getKey() + "@" + rev.getKey());
                if (f == null || !comparedWithServer.add(e.getKey() + "@" + rev.getKey())) {
                    continue; // compared before, or an autosave replaced before it was ever sent (coalescing rule 1)
                }
                serverRevisionsChecked++;
                Notice n = NoticePayload.fromJson(f.payload(), Instant.EPOCH);
                if (!hasher.hash(n.id(), n.content()).toString().equals(rev.getValue())) {
                    found.add("server holds other content for a saved revision: " + e.getKey() + " r" + rev.getKey());
                }
            }
        }
        ContentHash onA = clientStateHash(a.database());
        ContentHash onServer = serverStateHash(entities);
        ContentHash onB = clientStateHash(b.database());
        if (!onA.equals(onServer) || !onB.equals(onServer)) {
            found.add("state hashes differ: A " + onA + ", server " + onServer + ", B " + onB);
        }
    }

    static ContentHash clientStateHash(Database db) {
        List<StateHash.Entry> entries = new ArrayList<>();
        clientRows(db).forEach((id, row) -> entries.add(new StateHash.Entry(SyncProtocol.ENTITY_NOTICE, id,
                row.revision(), row.status(), ContentHash.parse(row.hash()))));
        return StateHash.of(entries);
    }

    static ContentHash serverStateHash(Map<UUID, String> payloads) {
        NoticeHasher hasher = NoticeHasher.sha256();
        List<StateHash.Entry> entries = new ArrayList<>();
        payloads.forEach((id, payload) -> {
            Notice n = NoticePayload.fromJson(payload, Instant.EPOCH);
            entries.add(new StateHash.Entry(SyncProtocol.ENTITY_NOTICE, id, n.revision(), n.status().name(),
                    hasher.hash(n.id(), n.content())));
        });
        return StateHash.of(entries);
    }

    private static Map<UUID, Row> clientRows(Database db) {
        return db.read(c -> {
            Map<UUID, Row> rows = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, revision, status, content_hash FROM notice")) {
                while (rs.next()) {
                    rows.put(rs.getObject(1, UUID.class), new Row(rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        });
    }

    /** The village's change feed on the server, in seq order. */
    static List<FeedRow> feed(SyncServer server) {
        return server.database().inTransaction(c -> {
            List<FeedRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, entity_id, revision, payload FROM change_feed WHERE scope = ? ORDER BY seq")) {
                ps.setString(1, TestStores.VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new FeedRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4)));
                    }
                }
            }
            return rows;
        });
    }

    private static Map<UUID, String> serverEntities(SyncServer server) {
        return server.database().inTransaction(c -> {
            Map<UUID, String> rows = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_id, payload FROM synced_entity WHERE scope = ?")) {
                ps.setString(1, TestStores.VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
            }
            return rows;
        });
    }

    private static long serverLong(SyncServer server, String sql) {
        return server.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, TestStores.VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
