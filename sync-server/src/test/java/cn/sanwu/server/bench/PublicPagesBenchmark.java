package cn.sanwu.server.bench;

import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.TestServer;
import java.time.LocalDate;
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
 * Public pages on loopback (docs/benchmarks.md): size of the form, the status page, the notice
 * page behind the QR (a 60-row 低保 list; the QR check included) and the village page (of
 * {@code -Dsanwu.bench.notices}, default 200, published notices), raw and gzipped; time to first byte (until the response headers arrive) for sequential requests; then
 * {@code threads} clients in a loop for {@code seconds}: requests per second and TTFB under load.
 * H2 file store in a temp directory, or PostgreSQL with {@code -Dsanwu.bench.postgres=JDBC_URL}.
 * {@code -Dsanwu.bench.sizes=60,500,2000}: only the notice page's size per page for lists of those lengths.
 * Not a test. Usage: PublicPagesBenchmark [requests, default 2000] [threads, default 8] [seconds, default 15]
 */
public final class PublicPagesBenchmark {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path dir = Files.createTempDirectory("sanwu-public-bench");
        // The page itself is measured: one loopback client would pass the per-source limit (600 a
        // minute) within a second. The limit's own cost is PublicLimitBenchmark's (BENCH_LIMITER=1).
        ServerConfig local = ServerConfig.local(dir, 0);
        ServerConfig config = local.withSecurity(local.security().withPublicRequestsPerMinute(0));
        String pg = System.getProperty("sanwu.bench.postgres");
        if (pg != null && !pg.isBlank()) {
            config = config.withDatabase(pg, System.getProperty("sanwu.bench.postgres.user", "postgres"), "");
        }
        int published = Integer.getInteger("sanwu.bench.notices", 200);
        try (TestServer test = TestServer.start(config)) {
            SyncServer server = test.server();
            AccountFixture.create(server.accounts());
            String sizes = System.getProperty("sanwu.bench.sizes", "");
            if (!sizes.isBlank()) {
                noticePageSizes(test, sizes);
                return;
            }
            long t0 = System.nanoTime();
            PublishedNotices notices = new PublishedNotices(test);
            PublishedNotices.Published notice = notices.publish(benchNotice(0, 60));
            for (int i = 1; i < published; i++) {
                notices.publish(benchNotice(i, 5));
            }
            System.out.printf("published %d notices in %s through the workflow (%.1f s)%n", published,
                    AccountFixture.OWN_VILLAGE, (System.nanoTime() - t0) / 1e9);
            TicketService tickets = new TicketService(server.database(), Clock.systemUTC(), server.accounts().regions());
            String code = tickets.submit(new TicketService.Submission(AccountFixture.OWN_VILLAGE, TicketKind.QUESTION,
                    "HQ-2026-001", "村里修路的钱花在哪里了？请公布明细。".repeat(5), null, null));
            String base = "http://127.0.0.1:" + server.port();
            System.out.println("store: " + (server.database().isH2() ? "H2 file" : "PostgreSQL"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String qr = "/n/" + notice.id() + "?r=" + notice.revision() + "&h=" + notice.hash();
            List<String> paths = List.of("/feedback?village=" + AccountFixture.OWN_VILLAGE, "/t/" + code, qr,
                    "/v/" + AccountFixture.OWN_VILLAGE);
            List<String> names = List.of("/feedback", "/t/{code}", "/n/{id}?r&h (60 recipients, 30 journal rows)",
                    "/v/{village} (" + published + " notices, page 1 of " + ((published + 29) / 30) + ")");
            String only = System.getProperty("sanwu.bench.pages", "");
            for (int k = 0; k < paths.size(); k++) {
                String path = paths.get(k);
                if (!only.isEmpty() && !java.util.Arrays.asList(only.split(",")).contains(String.valueOf(k))) {
                    continue;
                }
                URI uri = URI.create(base + path);
                byte[] body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                HttpResponse<byte[]> wire = http.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf("%s: %d bytes, %d gzipped; with Accept-Encoding: gzip the server sends %d bytes (%s)%n",
                        names.get(k), body.length, gzip(body).length, wire.body().length,
                        wire.headers().firstValue("Content-Encoding").orElse("uncompressed"));
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                if (k == 2 && !(text.contains("与公开记录一致") && text.contains("已记入公开日志，未被改动"))) {
                    throw new IllegalStateException("the notice page did not verify: " + text);
                }
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

    /**
     * {@code -Dsanwu.bench.sizes=60,500,2000}: for each count a notice with that many recipients and
     * half as many journal rows, opened with its QR parameters; prints the size of every page of it
     * ({@code &page=2}, … until the page answers 400; a server without paging answers the same page
     * for every number, which is reported as one page). No timing.
     */
    private static void noticePageSizes(TestServer test, String counts) throws Exception {
        PublishedNotices notices = new PublishedNotices(test);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + test.server().port();
        for (String count : counts.split(",")) {
            int rows = Integer.parseInt(count.strip());
            PublishedNotices.Published notice = notices.publish(benchNotice(0, rows));
            String qr = base + "/n/" + notice.id() + "?r=" + notice.revision() + "&h=" + notice.hash();
            List<Integer> sizes = new ArrayList<>();
            List<Integer> zipped = new ArrayList<>();
            byte[] first = null;
            for (int page = 1; page < 10_000; page++) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(qr + "&page=" + page)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || (first != null && java.util.Arrays.equals(first, r.body()))) {
                    break;
                }
                String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                if (!(text.contains("与公开记录一致") && text.contains("已记入公开日志，未被改动"))) {
                    throw new IllegalStateException("page " + page + " did not verify: " + text);
                }
                first = first == null ? r.body() : first;
                sizes.add(r.body().length);
                zipped.add(gzip(r.body()).length);
            }
            System.out.printf("/n/{id}?r&h, %d recipients + %d journal rows: %d page(s); page 1 %,d B (%,d gzipped);"
                    + " largest %,d B (%,d gzipped); all: %s%n", rows, (rows + 1) / 2, sizes.size(), sizes.getFirst(),
                    zipped.getFirst(), Collections.max(sizes), Collections.max(zipped), sizes);
        }
    }

    /** Notice {@code i}: a 低保 list of {@code rows} recipients and a cash journal of {@code rows / 2} entries. */
    static NoticeContent benchNotice(int i, int rows) {
        List<Recipient> recipients = new ArrayList<>();
        List<LedgerEntry> entries = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            recipients.add(new Recipient("村民" + r, (1 + r % 6) + "组", 1 + r % 5, 30_000 + 137L * r, "110105199001011232"));
            if (r % 2 == 0) {
                entries.add(new LedgerEntry(LocalDate.of(2026, 7, 1 + r % 28), "记-" + r, "发放低保金 第" + r + "户", 0, 30_000 + r));
            }
        }
        String[] items = {"P03", "V15", "F02", "V12", "F11"};
        return new NoticeContent(AccountFixture.OWN_VILLAGE, items[i % items.length], Period.parse("2026-" + String.format("%02d", 1 + i % 11)),
                "2026年低保金发放公示 第" + i + "号", "以上名单公示七天，如有异议请向村务监督委员会反映。",
                List.of(), new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 5_000_000, entries),
                new RecipientList("2026年低保金", recipients));
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
