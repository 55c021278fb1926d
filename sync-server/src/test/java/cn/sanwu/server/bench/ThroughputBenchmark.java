package cn.sanwu.server.bench;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.testing.Notices;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Server throughput (issue 4 "for scale"): N enrolled devices (one village each) sync at the same
 * time over HTTP on 127.0.0.1, each sending its next request as soon as the last is answered
 * (closed loop, so latency includes queueing at the server). Phase 1: no-change syncs; phase 2:
 * pushes of 10 changed notices (~500 characters each; new notices, then edits of its own). Requests
 * are gzipped like the client's. The load runs in the server's JVM (2 cores shared). H2 file by
 * default; PostgreSQL with {@code -Dsanwu.test.postgres=jdbc:postgresql://127.0.0.1:PORT/}.
 * Not a unit test: run with bench/throughput.sh.
 */
public final class ThroughputBenchmark {

    private static final String[] PHRASES = {"本季度村集体经济收入", "道路硬化工程款拨付", "低保对象动态调整名单", "一事一议筹资筹劳",
        "村务监督委员会审核意见", "如有异议请于十日内反映", "耕地地力保护补贴发放", "办公经费支出明细", "危房改造补助", "集体资产租赁合同"};

    private ThroughputBenchmark() {
    }

    private record Phase(String name, int syncs, int errors, double seconds, long[] latenciesNanos) {
        void print(String db, int devices) {
            Arrays.sort(latenciesNanos);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | **%.0f/s** | %.1f ms | %.1f ms | %d |%n", db, name, devices, syncs,
                    syncs / seconds, pct(0.50), pct(0.99), errors);
        }

        private double pct(double p) {
            return latenciesNanos.length == 0 ? Double.NaN
                    : latenciesNanos[Math.min(latenciesNanos.length - 1, (int) (p * latenciesNanos.length))] / 1e6;
        }
    }

    /** One device's state: its token, village, cursor and own notices (id → revision). */
    private static final class Device {
        final String token;
        final String village;
        final Random random;
        final List<UUID> ids = new ArrayList<>();
        final List<Integer> revisions = new ArrayList<>();
        long cursor;

        Device(String token, String village, long seed) {
            this.token = token;
            this.village = village;
            this.random = new Random(seed);
        }

        SyncProtocol.Request next(boolean push) {
            List<SyncProtocol.Mutation> mutations = new ArrayList<>();
            for (int k = 0; push && k < 10; k++) {
                String body = body();
                if (ids.size() < 50) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    revisions.add(1);
                    mutations.add(new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0,
                            Notices.payload(id, 1, village, "公开 " + id, body)));
                } else {
                    int i = (ids.size() - 50 + k * 5 + random.nextInt(5)) % ids.size(); // ten distinct notices
                    int rev = revisions.get(i);
                    mutations.add(new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, ids.get(i), rev,
                            Notices.payload(ids.get(i), rev + 1, village, "公开 " + ids.get(i), body)));
                    revisions.set(i, rev + 1);
                }
            }
            return new SyncProtocol.Request(SyncProtocol.VERSION, cursor, mutations);
        }

        private String body() {
            StringBuilder b = new StringBuilder(520);
            while (b.length() < 500) {
                b.append(PHRASES[random.nextInt(PHRASES.length)]).append(random.nextInt(1000)).append('，');
            }
            return b.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String db = TestDatabases.onPostgres() ? "PostgreSQL" : "H2 file";
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.printf("throughput: %d devices, %d s per phase, %s, seed %d, %d cores%n", devices, seconds, db, seed,
                Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("sanwu-throughput");
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            List<Device> all = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String village = String.format("2199011%05d", i + 1);
                all.add(new Device(server.enrollNewDevice(village, "pc" + i).token(), village, seed + i));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(30)).build();
            System.out.println();
            System.out.println("| database | sync | devices | syncs | throughput | p50 | p99 | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            run(server, http, all, false, 5, "warm-up");
            run(server, http, all, false, seconds, "no-change").print(db, devices);
            run(server, http, all, true, 5, "warm-up");
            run(server, http, all, true, seconds, "push of 10 changed notices").print(db, devices);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Phase run(TestServer server, HttpClient http, List<Device> devices, boolean push, int seconds, String name)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        List<long[]> perDevice = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Device d : devices) {
                long[][] mine = {new long[64]};
                int[] count = {0};
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            byte[] body = gzip(ModelJson.mapper().writeValueAsBytes(d.next(push)));
                            long t0 = System.nanoTime();
                            HttpResponse<byte[]> r = http.send(server.syncRequest(d.token, body).header("Content-Encoding", "gzip")
                                    .build(), HttpResponse.BodyHandlers.ofByteArray());
                            long took = System.nanoTime() - t0;
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            byte[] raw = r.body();
                            if ("gzip".equalsIgnoreCase(r.headers().firstValue("Content-Encoding").orElse(""))) {
                                raw = new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
                            }
                            SyncProtocol.Response response = ModelJson.mapper().readValue(raw, SyncProtocol.Response.class);
                            d.cursor = response.cursor();
                            if (response.results().stream().anyMatch(m -> m.outcome() != SyncProtocol.Outcome.APPLIED)) {
                                errors.incrementAndGet();
                            }
                            if (count[0] == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], count[0] * 2);
                            }
                            mine[0][count[0]++] = took;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    synchronized (perDevice) {
                        perDevice.add(Arrays.copyOf(mine[0], count[0]));
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = perDevice.stream().flatMapToLong(Arrays::stream).toArray();
        return new Phase(name, all.length, errors.get(), elapsed, all);
    }

    private static byte[] gzip(byte[] bytes) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
