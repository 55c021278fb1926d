package cn.sanwu.server.bench;

import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.testing.AccountFixture;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Public pages on loopback (docs/benchmarks.md): size of the form and the status page, raw and
 * gzipped; time to first byte (until the response headers arrive) for sequential requests; then
 * {@code threads} clients in a loop for {@code seconds}: requests per second and TTFB under load.
 * H2 file store in a temp directory, or PostgreSQL with {@code -Dsanwu.bench.postgres=JDBC_URL}.
 * Not a test. Usage: PublicPagesBenchmark [requests, default 2000] [threads, default 8] [seconds, default 15]
 */
public final class PublicPagesBenchmark {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path dir = Files.createTempDirectory("sanwu-public-bench");
        ServerConfig config = ServerConfig.local(dir, 0);
        String pg = System.getProperty("sanwu.bench.postgres");
        if (pg != null && !pg.isBlank()) {
            config = config.withDatabase(pg, System.getProperty("sanwu.bench.postgres.user", "postgres"), "");
        }
        try (SyncServer server = SyncServer.create(config, Clock.systemUTC()).start()) {
            AccountFixture.createRegions(server.accounts());
            TicketService tickets = new TicketService(server.database(), Clock.systemUTC(), server.accounts().regions());
            String code = tickets.submit(new TicketService.Submission(AccountFixture.OWN_VILLAGE, TicketKind.QUESTION,
                    "HQ-2026-001", "村里修路的钱花在哪里了？请公布明细。".repeat(5), null, null));
            String base = "http://127.0.0.1:" + server.port();
            System.out.println("store: " + (server.database().isH2() ? "H2 file" : "PostgreSQL"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String path : List.of("/feedback?village=" + AccountFixture.OWN_VILLAGE, "/t/" + code)) {
                URI uri = URI.create(base + path);
                byte[] body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                System.out.printf("%s: %d bytes, %d gzipped%n", path.replaceAll("\\?.*|/t/.*", path.startsWith("/t/")
                        ? "/t/{code}" : ""), body.length, gzip(body).length);
                for (int i = 0; i < 300; i++) { // warm-up
                    ttfb(http, uri);
                }
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    nanos.add(ttfb(http, uri));
                }
                System.out.println("  sequential TTFB: " + summary(nanos));
                load(http, uri, threads, seconds);
            }
        }
    }

    private static void load(HttpClient http, URI uri, int threads, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        nanos.add(ttfb(http, uri));
                        count.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("  %d clients for %d s: %.0f requests/s, TTFB %s%n", threads, seconds,
                count.get() / (double) seconds, summary(nanos));
    }

    /** Nanoseconds from sending until the status line and headers are in; the body is then read whole. */
    private static long ttfb(HttpClient http, URI uri) throws Exception {
        long start = System.nanoTime();
        long[] firstByte = new long[1];
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), info -> {
            firstByte[0] = System.nanoTime();
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode());
        }
        return firstByte[0] - start;
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("median %.2f ms, p95 %.2f ms, p99 %.2f ms (n=%d)", ms(sorted, 0.5), ms(sorted, 0.95),
                ms(sorted, 0.99), sorted.size());
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }

    private static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
