package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.bench.SearchBenchmark;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Sync over a slow rural link (issue 4: 600 ms RTT, 128 kbit/s each way), simulated by
 * {@link FaultProxy} on 127.0.0.1 between a real client ({@link AppContext}, H2 file, JDK HTTP
 * transport) and the real server: a no-change sync, a push of 10 changed notices, the first sync
 * of a village with 1,000 notices; then the idle cost of the background schedule. For each: HTTP
 * requests, connections, bytes each way (headers and bodies), wall time, and the ratio to the
 * physical limit = connection setup (1 RTT) + one round trip (1 RTT) + body bytes × 8 ÷ bandwidth.
 * Not a unit test: run with bench/link.sh.
 */
public final class LinkBenchmark {

    private LinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rtt = args.length > 0 ? Long.parseLong(args[0]) : 600;
        long bps = (args.length > 1 ? Long.parseLong(args[1]) : 128) * 1000;
        int villageSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int idleSyncs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.printf("link: %d ms RTT, %d kbit/s each way; village of %d notices; seed %d%n", rtt, bps / 1000,
                villageSize, seed);
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("sanwu-link-bench");
        FaultProxy.Link slow = new FaultProxy.Link(rtt / 2, bps);
        // HTTPS beside HTTP for the idle cost: a self-signed P-256 certificate, trusted by this JVM's default SSLContext.
        Path keystore = selfSignedKeystore(dir);
        System.setProperty("javax.net.ssl.trustStore", keystore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        ServerConfig base = ServerConfig.local(dir.resolve("server"), 0);
        int httpPort = freePort();
        int httpsPort = freePort();
        ServerConfig config = new ServerConfig(base.bindAddress(), httpPort, base.dataDir(), base.databaseUrl(), base.databaseUser(),
                base.databasePassword(), httpsPort, keystore, PASSWORD, base.maxBodyBytes(), base.security(), base.log());
        try (SyncServer server = SyncServer.create(config, Clock.systemUTC()).start();
                FaultProxy proxy = new FaultProxy(httpPort, FaultProxy.Link.LOOPBACK, new FaultProxy.Settings(0, 0), seed);
                FaultProxy tlsProxy = new FaultProxy(httpsPort, FaultProxy.Link.LOOPBACK, new FaultProxy.Settings(0, 0), seed);
                AppContext a = new AppContext(dir.resolve("a"), Clock.systemUTC());
                AppContext b = new AppContext(dir.resolve("b"), Clock.systemUTC());
                AppContext c = new AppContext(dir.resolve("c"), Clock.systemUTC())) {
            a.syncService().enroll(proxy.url(), server.devices().issueCode(TestStores.VILLAGE), "a", TestStores.VILLAGE);
            List<UUID> own = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                own.add(a.notices().save(notice(a.notices(), random)).id());
            }
            check(a.syncService().syncNow());
            for (int i = 0; i < 3; i++) {
                check(a.syncService().syncNow()); // warm-up: classes loaded, JIT, server caches
            }
            proxy.capture(true);
            proxy.link(slow);

            System.out.println();
            System.out.println("| case | requests | connections | up: headers + body (B) | down: headers + body (B) | time | limit | ratio |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int i = 0; i < 5; i++) {
                row("no-change sync #" + (i + 1), proxy, a, rtt, bps, i == 0);
            }
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 10; k++) {
                    UUID id = own.get((i * 10 + k) % own.size());
                    Notice n = a.notices().find(id).orElseThrow();
                    a.notices().save(n.withContent(SyncFixture.withBody(n, SearchBenchmark.text(random, 500))));
                }
                row("push of 10 changed notices #" + (i + 1), proxy, a, rtt, bps, false);
            }

            // Another PC (straight to the server, not measured) fills the village; a new PC's first sync pulls it all.
            proxy.link(FaultProxy.Link.LOOPBACK);
            b.syncService().enroll("http://127.0.0.1:" + httpPort, server.devices().issueCode(TestStores.VILLAGE), "b",
                    TestStores.VILLAGE);
            for (int i = 0; i < villageSize - own.size(); i++) {
                b.notices().save(notice(b.notices(), random));
            }
            check(b.syncService().syncNow());
            c.syncService().enroll(proxy.url(), server.devices().issueCode(TestStores.VILLAGE), "c", TestStores.VILLAGE);
            proxy.link(slow);
            row("first sync, village of " + villageSize + " notices", proxy, c, rtt, bps, false);
            System.out.printf("  (the new PC now holds %d notices)%n", c.notices().count(TestStores.VILLAGE));

            check(a.syncService().syncNow()); // a catches up with the 1,000 notices before idling
            idle("HTTP", proxy, a, idleSyncs, 0);
            tlsProxy.capture(true);
            a.database().inTransaction(conn -> {
                cn.sanwu.client.store.SettingsRepository.put(conn, SyncService.SERVER_URL, "https://127.0.0.1:" + tlsProxy.port());
                return null;
            });
            check(a.syncService().syncNow());
            // TLS 1.3 sends two flights each way (hello, then finished + data): ~4 packets more than the estimate by size.
            idle("HTTPS (TLS 1.3, self-signed P-256 certificate)", tlsProxy, a, idleSyncs, 4);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Notice notice(NoticeService notices, Random random) {
        var item = TestStores.CATALOG.find("V13").orElseThrow();
        return notices.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 1 + random.nextInt(4)),
                "关于" + SearchBenchmark.text(random, 12) + "的公开", SearchBenchmark.text(random, 500));
    }

    private static void check(SyncService.Result r) {
        if (!r.ok()) {
            throw new IllegalStateException("sync failed: " + r.message());
        }
    }

    private record Traffic(int requests, int connections, HttpWire.Split up, HttpWire.Split down) {
        long bodies() {
            return up.body() + down.body();
        }

        long total() {
            return up.headers() + up.body() + down.headers() + down.body();
        }
    }

    private static Traffic measure(FaultProxy proxy, Runnable sync, boolean showHeaders) {
        proxy.resetCounters();
        sync.run();
        FaultProxy.Counters counters = proxy.counters();
        HttpWire.Split up = HttpWire.Split.NONE;
        HttpWire.Split down = HttpWire.Split.NONE;
        for (FaultProxy.Captured c : proxy.captured()) {
            byte[] u = c.up().toByteArray();
            byte[] d = c.down().toByteArray();
            up = up.plus(HttpWire.split(u));
            down = down.plus(HttpWire.split(d));
            if (showHeaders) {
                System.out.println("request headers:\n" + head(u) + "\nresponse headers:\n" + head(d));
            }
        }
        return new Traffic(counters.requests(), counters.connections(), up, down);
    }

    private static String head(byte[] b) {
        int end = FaultProxy.indexOf(b, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        return "    " + new String(b, 0, Math.max(0, end), StandardCharsets.ISO_8859_1).replace("\r\n", "\n    ");
    }

    private static void row(String name, FaultProxy proxy, AppContext pc, long rtt, long bps, boolean showHeaders) {
        SyncService.Result[] result = new SyncService.Result[1];
        long t0 = System.nanoTime();
        Traffic t = measure(proxy, () -> result[0] = pc.syncService().syncNow(), showHeaders);
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(result[0]);
        double limit = 2 * rtt / 1000.0 + t.bodies() * 8.0 / bps;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d + %d | %d + %d | %.2f s | %.2f s | **%.2f×** |%n", name,
                t.requests(), t.connections(), t.up().headers(), t.up().body(), t.down().headers(), t.down().body(), seconds,
                limit, seconds / limit);
    }

    /** Idle cost of the background schedule: N no-change syncs on the wire, extrapolated to a day. */
    private static void idle(String over, FaultProxy proxy, AppContext pc, int syncs, int extraPacketsPerSync) {
        proxy.link(FaultProxy.Link.LOOPBACK);
        long total = 0;
        long segments = 0;
        int connections = 0;
        int requests = 0;
        for (int i = 0; i < syncs; i++) {
            Traffic t = measure(proxy, () -> check(pc.syncService().syncNow()), false);
            total += t.total();
            if (i < 3 && System.getenv("VERBOSE") != null) {
                System.out.printf("  sync %d: up %d B, down %d B%n", i, t.up().headers() + t.up().body(),
                        t.down().headers() + t.down().body());
                for (FaultProxy.Captured c : proxy.captured()) {
                    System.out.println("    up records " + tlsRecords(c.up().toByteArray()) + "; down records "
                            + tlsRecords(c.down().toByteArray()));
                }
            }
            connections += t.connections();
            requests += t.requests();
            // Each message travels in ceil(size / 1460) data segments; every data segment gets an ACK.
            segments += 2L * (ceilDiv(t.up().headers() + t.up().body(), 1460) + ceilDiv(t.down().headers() + t.down().body(), 1460));
        }
        long perDay = 86_400 / BackgroundSync.INTERVAL.toSeconds();
        // TCP/IP per connection: SYN, SYN-ACK, ACK + FIN, ACK, FIN, ACK = 7 packets; 52 bytes a packet (IPv4 + TCP with timestamps).
        double packets = (double) (segments + 7L * connections) / syncs + extraPacketsPerSync;
        double app = (double) total / syncs;
        double wire = app + packets * 52;
        System.out.printf(Locale.ROOT, "%nidle over %s: %d no-change syncs, %d requests seen (0 when encrypted), %d connections; bytes per sync"
                + " above TCP (HTTP, or TLS records) %.0f;"
                + " with TCP/IP headers (~%.0f packets × 52 B) %.0f B per sync%n", over, syncs, requests, connections, app, packets, wire);
        System.out.printf(Locale.ROOT, "idle per day at one sync every %d s (%d syncs): above TCP %.2f MB, with TCP/IP %.2f MB"
                + " (target < 1 MB)%n", BackgroundSync.INTERVAL.toSeconds(), perDay, app * perDay / 1e6, wire * perDay / 1e6);
        // The transparency log check (LogWatch) rides on one sync an hour: measured as one more sync that does it.
        pc.syncService().checkLogEvery(java.time.Duration.ZERO);
        Traffic withLog = measure(proxy, () -> check(pc.syncService().syncNow()), false);
        pc.syncService().checkLogEvery(SyncService.LOG_CHECK_INTERVAL);
        double extra = withLog.total() - app;
        // On the same kept-alive connection: one GET and its answer, each a data packet and an ACK (estimated).
        double extraWire = extra + 4 * 52;
        long checksPerDay = 86_400 / SyncService.LOG_CHECK_INTERVAL.toSeconds();
        System.out.printf(Locale.ROOT, "log check over %s: %d requests, +%.0f B above TCP (+%.0f B with TCP/IP) on the sync that"
                + " does it; %d checks a day: +%.3f MB/day, idle total with TCP/IP %.2f MB%n", over, withLog.requests(), extra,
                extraWire, checksPerDay, extraWire * checksPerDay / 1e6, (wire * (perDay - checksPerDay) + (wire + extraWire) * checksPerDay) / 1e6);
    }

    private static final String PASSWORD = "changeit";

    private static Path selfSignedKeystore(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sanwu", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        return keystore;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** TLS records as type:length (22 handshake, 20 change cipher spec, 23 application data); VERBOSE=1 prints them. */
    private static String tlsRecords(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at + 5 <= b.length && (b[at] >= 20 && b[at] <= 23);) {
            int length = ((b[at + 3] & 0xff) << 8) | (b[at + 4] & 0xff);
            out.append(b[at]).append(':').append(length).append(' ');
            at += 5 + length;
        }
        return out.toString().strip();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
