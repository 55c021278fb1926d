package cn.sanwu.server.bench;

import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.TestServer;
import cn.sanwu.server.throttle.KeyedHash;
import cn.sanwu.server.throttle.SipHash;
import cn.sanwu.server.throttle.SourceLimiter;
import cn.sanwu.server.throttle.Throttle;
import cn.sanwu.server.throttle.ThrottleRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-source limit of the public pages (ADR 0027), docs/benchmarks.md. Part 1, why the
 * database {@link Throttle} is not used for GETs: the cost of one counted request in each limiter
 * and of the keyed hashes, in process, on the H2 file. Part 2: requests/s of the notice page and
 * the village page with the limit off and on, in the same run: one H2 file (200 notices published
 * once), servers started on it in turn — a warm-up run, then {@code rounds} pairs off/on in
 * alternating order — each with 8 client threads for {@code seconds}; every request carries {@code X-Forwarded-For} from a pool of 10,000 addresses
 * (the loopback peer is the trusted proxy), so the limiter counts 10,000 sources at the default
 * limit and refuses none (the run fails on any answer but 200).
 * Not a test. Usage: PublicLimitBenchmark [seconds, default 10] [threads, default 8] [rounds, default 3]
 */
public final class PublicLimitBenchmark {

    private static final int SOURCES = 10_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("sanwu-limit-bench");
        String notice;
        try (TestServer test = TestServer.start(config(dir, 0))) {
            AccountFixture.create(test.server().accounts());
            PublishedNotices notices = new PublishedNotices(test);
            PublishedNotices.Published p = notices.publish(PublicPagesBenchmark.benchNotice(0, 60));
            for (int i = 1; i < 200; i++) {
                notices.publish(PublicPagesBenchmark.benchNotice(i, 5));
            }
            notice = "/n/" + p.id() + "?r=" + p.revision() + "&h=" + p.hash();
            perRequestCost(test.server().database());
        }
        List<String> pages = List.of(notice, "/v/" + AccountFixture.OWN_VILLAGE);
        List<String> names = List.of("/n/{id}?r&h (60 recipients)", "/v/{village} (200 notices)");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int k = 0; k < pages.size(); k++) {
            measure(http, dir, 0, pages.get(k), threads, Math.max(3, seconds / 2)); // JIT warm-up, not counted
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // Alternating order (off-on, on-off, …) so a drift in the machine's load hits both alike.
                boolean offFirst = round % 2 == 0;
                double first = measure(http, dir, offFirst ? 0 : SecurityConfig.PUBLIC_REQUESTS_PER_MINUTE, pages.get(k), threads, seconds);
                double second = measure(http, dir, offFirst ? SecurityConfig.PUBLIC_REQUESTS_PER_MINUTE : 0, pages.get(k), threads, seconds);
                off.add(offFirst ? first : second);
                on.add(offFirst ? second : first);
                ratios.add(on.getLast() / off.getLast());
            }
            System.out.printf("%s, %d clients, %d s per run: limit off %s requests/s, on (%d a minute) %s;"
                            + " on/off per round %s, median %.3f%n", names.get(k), threads, seconds, rounded(off),
                    SecurityConfig.PUBLIC_REQUESTS_PER_MINUTE, rounded(on), rounded3(ratios), median(ratios));
        }
    }

    private static String rounded(List<Double> v) {
        return v.stream().map(x -> String.format("%.0f", x)).toList().toString();
    }

    private static String rounded3(List<Double> v) {
        return v.stream().map(x -> String.format("%.3f", x)).toList().toString();
    }

    private static double median(List<Double> v) {
        List<Double> sorted = v.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static ServerConfig config(Path dir, int perMinute) {
        ServerConfig base = ServerConfig.local(dir, 0);
        return base.withSecurity(base.security().withTrustedProxies(Set.of("127.0.0.1"))
                .withPublicRequestsPerMinute(perMinute));
    }

    /** Part 1: microseconds per counted request, single thread, after a warm-up. */
    private static void perRequestCost(Database db) {
        Throttle throttle = new Throttle(db, Clock.systemUTC(), KeyedHash.load(db, ""));
        ThrottleRule rule = new ThrottleRule.Window("bench-source", Integer.MAX_VALUE, Duration.ofHours(1));
        List<Throttle.Subject> one = List.of(new Throttle.Subject(rule, "10.0.0.1"));
        report("Throttle.attempt (one source: read FOR UPDATE + UPDATE in a transaction, H2 file)", 3000,
                i -> throttle.attempt(one));
        report("Throttle.attempt (10,000 sources: most a new row)", 3000,
                i -> throttle.attempt(List.of(new Throttle.Subject(rule, address(i + 100_000)))));
        report("Throttle.blockedFor (read only, one source)", 3000, i -> throttle.blockedFor(one));
        KeyedHash hmac = KeyedHash.load(db, "");
        report("KeyedHash.of (HMAC-SHA256 through javax.crypto.Mac, hex)", 200_000, i -> hmac.of("public:" + address(i)));
        SipHash sip = new SipHash(new byte[16]);
        byte[] addr = {4, 10, 0, 0, 1};
        report("SipHash-2-4 of an address (5 bytes)", 2_000_000, i -> sip.hash(addr));
        SourceLimiter limiter = new SourceLimiter(Integer.MAX_VALUE, Duration.ofMinutes(1), 100_000, Clock.systemUTC());
        report("SourceLimiter.attempt (10,000 sources: parse + SipHash + map + increment)", 2_000_000,
                i -> limiter.attempt(address(i)));
    }

    private static String address(int i) {
        int n = i % SOURCES;
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static void report(String what, int n, java.util.function.IntFunction<Object> op) {
        Object sink = null;
        for (int i = 0; i < n / 2; i++) {
            sink = op.apply(i); // warm-up
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink = op.apply(i);
        }
        double micros = (System.nanoTime() - t0) / 1e3 / n;
        System.out.printf("%s: %.3f µs per request (n=%d)%s%n", what, micros, n, sink == null ? "?" : "");
    }

    /** Part 2: one server on {@code dir} with the given limit (0 = off); requests/s of {@code path} under load. */
    private static double measure(HttpClient http, Path dir, int perMinute, String path, int threads, int seconds)
            throws InterruptedException {
        try (TestServer test = TestServer.start(config(dir, perMinute))) {
            URI uri = test.uri(path);
            AtomicLong sequence = new AtomicLong();
            for (int i = 0; i < 300; i++) { // warm-up (also fills the village page's summary cache)
                send(http, uri, sequence.getAndIncrement());
            }
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong count = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        send(http, uri, sequence.getAndIncrement());
                        count.incrementAndGet();
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            return count.get() / (double) seconds;
        }
    }

    private static void send(HttpClient http, URI uri, long i) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).header("X-Forwarded-For", address((int) (i % SOURCES))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
