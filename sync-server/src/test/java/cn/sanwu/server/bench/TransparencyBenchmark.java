package cn.sanwu.server.bench;

import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.ledger.LedgerAudit;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.ledger.PublicationRequest;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.LogClient;
import cn.sanwu.server.testing.Notices;
import cn.sanwu.server.testing.Publications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code bench/transparency.sh [notices]}: the server side of the log on an H2 file — publishing
 * (record + leaf + audit-free), signing a checkpoint cold (tree read from the database) and warm,
 * serving inclusion proofs over HTTP on loopback, and {@code admin audit} over everything.
 */
public final class TransparencyBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("sanwu-transparency-bench");
        // 2,000 proof requests from one loopback client: the per-source limit (600 a minute) is off here.
        ServerConfig local = ServerConfig.local(dir, 0);
        ServerConfig config = local.withSecurity(local.security().withPublicRequestsPerMinute(0));
        Random random = new Random(1);
        List<UUID> ids = new ArrayList<>();
        try (SyncServer server = SyncServer.create(config, Clock.systemUTC()).start()) {
            Database db = server.database();
            PublicationLedger ledger = new PublicationLedger();
            long[] publish = new long[n];
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                PublicationRequest r = Publications.request(id, 1, Notices.VILLAGE, "N-" + i, Instant.now(), random);
                long t = System.nanoTime();
                LogLeaf leaf = db.inTransaction(c -> ledger.publish(c, r));
                publish[i] = System.nanoTime() - t;
                if (leaf == null) {
                    throw new AssertionError();
                }
                ids.add(id);
            }
            System.out.printf("publish (record + leaf, one transaction, H2 WRITE_DELAY=0, no fsync): median %.2f ms, p95 %.2f ms over %d%n",
                    median(publish), p95(publish), n);

            TransparencyLog cold = new TransparencyLog(db, ledger.hasher(), config.log(), LogSigningKeys.load(config.log()),
                    Clock.systemUTC());
            long t = System.nanoTime();
            cold.signNow();
            System.out.printf("checkpoint, cold (whole tree read from the database): %.0f ms%n", (System.nanoTime() - t) / 1e6);
            long[] warm = new long[20];
            for (int i = 0; i < warm.length; i++) {
                long s = System.nanoTime();
                cold.signNow();
                warm[i] = System.nanoTime() - s;
            }
            System.out.printf("checkpoint, warm (consistency check with the previous + Ed25519 + insert + CHECKPOINT SYNC): median %.2f ms%n",
                    median(warm));

            LogClient client = new LogClient(server.port());
            client.inclusion(ids.getFirst(), null); // first request: server log's cache fills
            int requests = 2_000;
            long[] proof = new long[requests];
            for (int i = 0; i < requests; i++) {
                UUID id = ids.get(random.nextInt(n));
                long s = System.nanoTime();
                client.inclusion(id, 1);
                proof[i] = System.nanoTime() - s;
            }
            System.out.printf("inclusion proof over HTTP (record + proof + latest checkpoint): median %.2f ms, p95 %.2f ms over %d requests%n",
                    median(proof), p95(proof), requests);

            long a = System.nanoTime();
            LedgerAudit.Report report = new LedgerAudit(ledger, config.log().origin(), LogSigningKeys.load(config.log()).allVerifiers())
                    .run(db, List.of());
            System.out.printf("admin audit: %d records, %d leaves, %d checkpoints in %.0f ms (%s)%n", report.records(), report.leaves(),
                    report.checkpoints(), (System.nanoTime() - a) / 1e6, report.clean() ? "clean" : "FINDINGS");
        }
    }

    private static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static double p95(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[(int) (s.length * 0.95)] / 1e6;
    }
}
