package cn.sanwu.client.durability;

import cn.sanwu.client.durability.KillChild.Ack;
import cn.sanwu.client.notice.CorruptedNoticeException;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.testsupport.TestStores;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Parent half of the kill test (QUALITY.md "client killed mid-write"). One database is reused
 * across all kills, as on a real PC: every kill is checked against everything acknowledged since
 * the start, not just the last run. Each iteration: GO to a pre-started child, kill it (after a
 * random 50-400 ms of saving, or right after a random n-th ack — the moment right after a burst
 * is where a lazy write-back loses most), reopen the database here and check:
 * <ul>
 *   <li>it opens;</li>
 *   <li>every acked notice is stored at a revision >= the acked one, with the acked content hash
 *       when the revision is equal; the notices saved in this run are read in full, which
 *       recomputes the hash from the stored content;</li>
 *   <li>every stored notice has exactly one pending outbox entry, carrying exactly its revision
 *       and the base revision 0 of a never-sent draft (notice and outbox commit together or not
 *       at all), hence every acked latest revision has one.</li>
 * </ul>
 * The next child starts as soon as this one got GO, hiding most of the JVM start-up.
 */
final class KillHarness {

    record Result(Durability durability, long seed, int iterations, long acksChecked, long noticeChecks,
            int lossIterations, long problems, List<String> examples, long elapsedMillis) {

        String summary() {
            return String.format("KILL-TEST durability=%s seed=%d iterations=%d acks checked=%d notice checks=%d"
                    + " lost/broken=%d (in %d iterations) runtime=%.1fs (%.0f ms/kill, %.1f acks/kill)",
                    durability, seed, iterations, acksChecked, noticeChecks, problems, lossIterations,
                    elapsedMillis / 1000.0, (double) elapsedMillis / Math.max(1, iterations),
                    (double) acksChecked / Math.max(1, iterations));
        }
    }

    private record Stored(int revision, String hash) {
    }

    private final Path workDir;
    private final Durability durability;
    private final long seed;
    private final Random random;
    private final PrintStream log;
    private final Path childLog;
    private final Path dataDir;
    private final Map<UUID, Ack> expected = new HashMap<>();
    private String lastPlan = "";
    private long waitReadyNanos;
    private long openNanos;
    private long verifyNanos;

    private long acksChecked;
    private long noticeChecks;
    private int lossIterations;
    private long problems;
    private final List<String> examples = new ArrayList<>();

    KillHarness(Path workDir, Durability durability, long seed, PrintStream log) {
        this.workDir = workDir;
        this.durability = durability;
        this.seed = seed;
        this.random = new Random(seed);
        this.log = log;
        this.childLog = workDir.resolve("children.stderr.log");
        this.dataDir = workDir.resolve("data");
    }

    Result run(int iterations) throws Exception {
        long start = System.nanoTime();
        KillChild next = KillChild.start(dataDir, durability, random.nextLong(), childLog);
        try {
            for (int i = 0; i < iterations; i++) {
                KillChild child = next;
                next = null;
                boolean byAckCount = random.nextBoolean();
                lastPlan = byAckCount ? "killed right after ack " : "killed after ms ";
                int killAtAck = byAckCount ? 1 + random.nextInt(150) : 0;
                long delayMillis = 50 + random.nextInt(351);
                lastPlan += byAckCount ? killAtAck : delayMillis;
                long t0 = System.nanoTime();
                child.go(killAtAck);
                long t1 = System.nanoTime();
                if (i + 1 < iterations) {
                    // JVM start-up (~1 s on 2 cores) is the bottleneck: overlap it with this child's
                    // saving and the check. It warms up in its own scratch directory until GO.
                    next = KillChild.start(dataDir, durability, random.nextLong(), childLog);
                }
                child.awaitFirstAck();
                long t2 = System.nanoTime();
                waitReadyNanos += t1 - t0;
                openNanos += t2 - t1;
                if (!byAckCount) {
                    Thread.sleep(delayMillis);
                    child.kill();
                }
                List<Ack> acks = child.finish();
                long t3 = System.nanoTime();
                verify(i, acks);
                verifyNanos += System.nanoTime() - t3;
            }
        } finally {
            if (next != null) {
                next.discard();
            }
        }
        log.printf("kill-test phases, ms per kill: waiting for next child %.0f, GO to first ack %.0f, reopen+check %.0f%n",
                waitReadyNanos / 1e6 / iterations, openNanos / 1e6 / iterations, verifyNanos / 1e6 / iterations);
        return new Result(durability, seed, iterations, acksChecked, noticeChecks, lossIterations, problems,
                List.copyOf(examples), (System.nanoTime() - start) / 1_000_000);
    }

    private void verify(int iteration, List<Ack> acks) {
        for (Ack a : acks) {
            expected.merge(a.id(), a, (old, now) -> now.revision() >= old.revision() ? now : old);
        }
        acksChecked += acks.size();
        noticeChecks += expected.size();
        List<String> found = new ArrayList<>();
        Map<UUID, Stored> stored = new HashMap<>();
        Database db;
        try {
            db = Database.open(dataDir, Durability.SAFE);
        } catch (StoreException e) {
            found.add("database did not open: " + e.userMessage());
            record(iteration, found, acks.size());
            startOverWithFreshDatabase(iteration);
            return;
        }
        boolean broken = false;
        try {
            stored.putAll(db.read(c -> {
                Map<UUID, Stored> rows = new HashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT id, revision, content_hash FROM notice")) {
                    while (rs.next()) {
                        rows.put(rs.getObject(1, UUID.class), new Stored(rs.getInt(2), rs.getString(3)));
                    }
                }
                return rows;
            }));
            // Per entity: the pending entries as "base->payload revision".
            Map<UUID, List<String>> pending = db.read(c -> {
                Map<UUID, List<String>> rows = new HashMap<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT entity_id, base_revision, payload FROM outbox WHERE state = 'PENDING'")) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(rs.getInt(2) + "->" + payloadRevision(rs.getString(3)));
                    }
                }
                return rows;
            });
            Map<UUID, Integer> position = new HashMap<>();
            for (int k = 0; k < acks.size(); k++) {
                position.put(acks.get(k).id(), k);
            }
            for (Ack e : expected.values()) {
                Stored s = stored.get(e.id());
                // Where the lost ack sat helps tell "last moments before the kill" from older damage.
                String where = position.containsKey(e.id())
                        ? " (ack " + (position.get(e.id()) + 1) + " of " + acks.size() + " in this run)" : " (earlier run)";
                if (s == null) {
                    found.add("acked notice missing: " + e + where);
                } else if (s.revision() < e.revision()) {
                    found.add("acked revision lost: " + e + " stored revision " + s.revision() + where);
                } else if (s.revision() == e.revision() && !s.hash().equals(e.hash())) {
                    found.add("acked content differs: " + e + " stored hash " + s.hash() + where);
                }
            }
            for (Map.Entry<UUID, Stored> row : stored.entrySet()) {
                // Nothing was ever sent, so the one pending entry keeps base 0 and carries the stored revision.
                List<String> entries = pending.getOrDefault(row.getKey(), List.of());
                if (!entries.equals(List.of("0->" + row.getValue().revision()))) {
                    found.add("outbox out of step for " + row.getKey() + " revision " + row.getValue().revision()
                            + ": pending entries (base->payload revision) " + entries);
                }
            }
            NoticeService service = TestStores.notices(db, Clock.systemUTC());
            Set<UUID> touched = new LinkedHashSet<>();
            acks.forEach(a -> touched.add(a.id()));
            for (UUID id : touched) {
                try {
                    service.find(id);
                } catch (CorruptedNoticeException e) {
                    found.add("stored content does not match its hash: " + id + " " + e.getMessage());
                }
            }
        } catch (StoreException e) {
            // A database that opens but cannot be read is damage the harness must report, not crash on.
            found.add("database opened but could not be read: " + e.userMessage() + " (" + e.getCause() + ")");
            broken = true;
        } finally {
            try {
                db.close();
            } catch (StoreException e) {
                // Seen in CI with H2's unsafe default: the reopened file fails on close (GeneralError).
                found.add("database could not be closed cleanly: " + e.userMessage() + " (" + e.getCause() + ")");
                broken = true;
            }
        }
        record(iteration, found, acks.size());
        if (broken) {
            startOverWithFreshDatabase(iteration);
        } else if (!found.isEmpty()) {
            rebaseline(stored);
        }
    }

    private static int payloadRevision(String payloadJson) {
        try {
            return cn.sanwu.client.store.JsonMapping.mapper().readTree(payloadJson).path("revision").asInt(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void record(int iteration, List<String> found, int acksThisRun) {
        if (found.isEmpty()) {
            return;
        }
        lossIterations++;
        problems += found.size();
        log.printf("kill %d (%s, %d acks this run): %d problem(s), e.g. %s%n", iteration, lastPlan, acksThisRun,
                found.size(), String.join("\n    ", found.subList(0, Math.min(5, found.size()))));
        if (examples.size() < 10) {
            examples.add("kill " + iteration + " (" + lastPlan + "): " + found.get(0));
        }
    }

    /** After a detected loss, later kills are judged against what survived, so each loss is counted once. */
    private void rebaseline(Map<UUID, Stored> stored) {
        Set<UUID> ids = new HashSet<>(expected.keySet());
        for (UUID id : ids) {
            Stored s = stored.get(id);
            if (s == null) {
                expected.remove(id);
            } else {
                expected.put(id, new Ack(id, s.revision(), s.hash()));
            }
        }
    }

    /** A database that no longer opens is kept for inspection (never deleted) and the run goes on with a new one. */
    private void startOverWithFreshDatabase(int iteration) {
        Path broken = workDir.resolve("data-broken-" + iteration);
        try {
            // The next child was already started with dataDir's path, so the path must stay the same.
            Files.move(dataDir, broken);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot move broken database aside", e);
        }
        expected.clear();
    }
}
