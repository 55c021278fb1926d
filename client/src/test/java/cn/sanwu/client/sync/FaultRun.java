package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.testsupport.StateHashes;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The fault-proxy test (issue 4 Proof, ADR 0013): two village PCs (real {@link AppContext}: H2
 * files, sync service, JDK HTTP transport) sync with the real server on 127.0.0.1 through a
 * {@link FaultProxy} that gives a share of the connections one fault each. Between rounds the PC
 * whose turn it is saves 0-3 changes (new notices or edits of its own). A mutation counts as
 * acknowledged when the client removed it from its outbox during a sync (that is what the client
 * believes the server has). After the rounds the faults stop, both PCs sync to completion, and
 * the server is checked: its feed is exactly the acknowledged mutations, each once, with the
 * acknowledged content; each PC's last save is there; the state hashes of both PCs and the
 * server are equal.
 */
final class FaultRun {

    record Result(long seed, int rounds, int okSyncs, int failedSyncs, int saves, int acknowledged, int feedRows,
            FaultProxy.Counters traffic, List<String> problems, long elapsedMillis) {

        String summary() {
            return String.format("SYNC-FAULT-TEST seed=%d rounds=%d syncs ok=%d failed=%d saves=%d acknowledged=%d"
                    + " server changes=%d connections=%d requests=%d faults=%s problems=%d runtime=%.1fs%s", seed, rounds,
                    okSyncs, failedSyncs, saves, acknowledged, feedRows, traffic.connections(), traffic.requests(),
                    traffic.faults(), problems.size(), elapsedMillis / 1000.0,
                    problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems.subList(0, Math.min(12, problems.size()))));
        }
    }

    /** One outbox entry the client dropped as acknowledged. */
    private record Acked(UUID mutationId, UUID entityId, int revision, String contentHash) {
    }

    private record Saved(int revision, String contentHash) {
    }

    private final Path dir;
    private final long seed;
    private final int rounds;
    private final double faultShare;
    private final boolean ackBeforeAnswer;
    private final Duration timeout;

    /**
     * @param ackBeforeAnswer the broken variant: the client drops its sent entries from the outbox as
     *                        soon as the request is prepared, before any answer (must be caught)
     * @param timeout         the client's request timeout (ends a blackholed request)
     */
    FaultRun(Path dir, long seed, int rounds, double faultShare, boolean ackBeforeAnswer, Duration timeout) {
        this.dir = dir;
        this.seed = seed;
        this.rounds = rounds;
        this.faultShare = faultShare;
        this.ackBeforeAnswer = ackBeforeAnswer;
        this.timeout = timeout;
    }

    Result run() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        try (SyncServer server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
                FaultProxy proxy = new FaultProxy(server.port(), FaultProxy.Link.LOOPBACK,
                        new FaultProxy.Settings(40, 2_000_000), seed);
                AppContext a = new AppContext(dir.resolve("a"), Clock.systemUTC());
                AppContext b = new AppContext(dir.resolve("b"), Clock.systemUTC())) {
            List<AppContext> pcs = List.of(a, b);
            List<List<UUID>> own = List.of(new ArrayList<>(), new ArrayList<>());
            Map<UUID, Saved> lastSaved = new HashMap<>();
            for (AppContext pc : pcs) {
                pc.syncService().enroll(proxy.url(), server.devices().issueCode(TestStores.VILLAGE), "pc", TestStores.VILLAGE);
                pc.syncService().useTimeout(timeout);
                if (ackBeforeAnswer) {
                    pc.syncService().observeSteps(step -> {
                        if (step == SyncSteps.Step.PREPARED) {
                            SyncKillWorker.forgetSentEntries(pc);
                        }
                    });
                }
            }
            proxy.resetCounters();
            proxy.plan(FaultProxy.Plan.random(new Random(seed * 31 + 7), faultShare));

            List<Acked> acked = new ArrayList<>();
            int ok = 0;
            int failed = 0;
            int saves = 0;
            for (int round = 0; round < rounds; round++) {
                int p = random.nextInt(pcs.size());
                AppContext pc = pcs.get(p);
                for (int k = random.nextInt(4); k > 0; k--) {
                    Notice saved = saveOne(pc, own.get(p), random);
                    lastSaved.put(saved.id(), new Saved(saved.revision(), hash(saved)));
                    saves++;
                }
                Round r = syncOnce(pc);
                if (r.result().ok()) {
                    ok++;
                } else {
                    failed++;
                }
                acked.addAll(r.acked());
            }
            FaultProxy.Counters traffic = proxy.counters();

            proxy.plan(FaultProxy.Plan.NONE);
            for (int pass = 0; pass < 4; pass++) {
                for (AppContext pc : pcs) {
                    pc.syncService().useTimeout(Duration.ofSeconds(30));
                    acked.addAll(syncOnce(pc).acked());
                }
            }
            List<String> problems = new ArrayList<>();
            int feedRows = check(server, pcs, acked, lastSaved, problems);
            return new Result(seed, rounds, ok, failed, saves, acked.size(), feedRows, traffic, problems,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Notice saveOne(AppContext pc, List<UUID> own, Random random) {
        if (own.isEmpty() || random.nextInt(100) < 40) {
            Notice n = pc.notices().save(SyncKillWorker.newNotice(pc.notices(), "F#" + UUID.randomUUID(), random));
            own.add(n.id());
            return n;
        }
        Notice current = pc.notices().find(own.get(random.nextInt(own.size()))).orElseThrow();
        return pc.notices().save(current.withContent(SyncFixture.withBody(current, SyncKillWorker.body(random))));
    }

    private record Round(SyncService.Result result, List<Acked> acked) {
    }

    /** Syncs once; the acknowledged entries are those there before and gone after (no saves happen in between). */
    private static Round syncOnce(AppContext pc) {
        Map<UUID, Acked> before = outbox(pc);
        SyncService.Result result = pc.syncService().syncNow();
        Set<UUID> after = outbox(pc).keySet();
        List<Acked> gone = new ArrayList<>();
        before.forEach((id, entry) -> {
            if (!after.contains(id)) {
                gone.add(entry);
            }
        });
        return new Round(result, gone);
    }

    private static Map<UUID, Acked> outbox(AppContext pc) {
        return pc.database().read(c -> {
            Map<UUID, Acked> rows = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT mutation_id, entity_id, payload FROM outbox")) {
                while (rs.next()) {
                    Notice n = NoticePayload.fromJson(rs.getString(3), Instant.EPOCH);
                    UUID mutation = rs.getObject(1, UUID.class);
                    rows.put(mutation, new Acked(mutation, rs.getObject(2, UUID.class), n.revision(), hash(n)));
                }
            }
            return rows;
        });
    }

    private static String hash(Notice n) {
        return NoticeHasher.sha256().hash(n.id(), n.content()).toString();
    }

    /** The end checks; answers the number of feed rows. */
    private static int check(SyncServer server, List<AppContext> pcs, List<Acked> acked, Map<UUID, Saved> lastSaved,
            List<String> problems) {
        record FeedRow(long seq, UUID entityId, int revision, String contentHash) {
        }
        List<FeedRow> feed = SyncKillHarness.feed(server).stream().map(f -> new FeedRow(f.seq(), f.entityId(), f.revision(),
                hash(NoticePayload.fromJson(f.payload(), Instant.EPOCH)))).toList();
        Set<UUID> applied = server.database().inTransaction(c -> {
            Set<UUID> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT mutation_id FROM applied_mutation WHERE scope = ?")) {
                ps.setString(1, TestStores.VILLAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
        Map<String, FeedRow> byRevision = new HashMap<>();
        Map<UUID, FeedRow> latest = new HashMap<>();
        for (int k = 0; k < feed.size(); k++) {
            FeedRow f = feed.get(k);
            if (f.seq() != k + 1) {
                problems.add("feed gap at row " + (k + 1) + ": seq " + f.seq());
            }
            if (byRevision.put(f.entityId() + "@" + f.revision(), f) != null) {
                problems.add("change stored twice: " + f.entityId() + " r" + f.revision());
            }
            latest.put(f.entityId(), f);
        }
        if (applied.size() != feed.size()) {
            problems.add("idempotency records " + applied.size() + " != feed rows " + feed.size());
        }
        Set<UUID> ackedIds = new HashSet<>();
        for (Acked a : acked) {
            if (!ackedIds.add(a.mutationId())) {
                problems.add("acknowledged twice: " + a.mutationId());
            }
            FeedRow f = byRevision.get(a.entityId() + "@" + a.revision());
            if (!applied.contains(a.mutationId()) || f == null) {
                problems.add("acknowledged but not on the server: " + a.entityId() + " r" + a.revision());
            } else if (!f.contentHash().equals(a.contentHash())) {
                problems.add("server holds other content than acknowledged: " + a.entityId() + " r" + a.revision());
            }
        }
        for (UUID id : applied) {
            if (!ackedIds.contains(id)) {
                problems.add("on the server but never acknowledged to a client: mutation " + id);
            }
        }
        lastSaved.forEach((id, saved) -> {
            FeedRow f = latest.get(id);
            if (f == null || f.revision() != saved.revision() || !f.contentHash().equals(saved.contentHash())) {
                problems.add("last save not on the server: " + id + " r" + saved.revision()
                        + (f == null ? " (none there)" : " (server r" + f.revision() + ")"));
            }
        });
        ContentHash onServer = StateHashes.server(server.database(), TestStores.VILLAGE);
        for (int i = 0; i < pcs.size(); i++) {
            AppContext pc = pcs.get(i);
            ContentHash onPc = StateHashes.client(pc.database(), TestStores.VILLAGE);
            if (!onPc.equals(onServer)) {
                problems.add("state hash of PC " + i + " " + onPc + " != server " + onServer);
            }
            var status = pc.sync().status();
            if (status.waiting() != 0 || status.conflicts() != 0 || status.rejected() != 0) {
                problems.add("PC " + i + " still has " + status.waiting() + " waiting, " + status.conflicts() + " conflicts, "
                        + status.rejected() + " rejected");
            }
        }
        return feed.size();
    }
}
