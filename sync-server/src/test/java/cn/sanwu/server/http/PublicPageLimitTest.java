package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.server.BrokenSourceResolver;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.access.RoutePolicy;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-source limit on the public GET routes (ADR 0027) over real HTTP on loopback, real server,
 * H2 file: a flood from one source on the notice and village pages is refused with 429 while
 * another source is served; forged forwarding headers rotated on every request do not make one
 * source many — and the same flood against a server whose resolver believes the client's header
 * (the broken variant) gets through, so the check is shown to catch a bypass.
 */
class PublicPageLimitTest {

    /** Small so a flood takes a fraction of a second; the default (600 a minute) is the same code. */
    private static final int LIMIT = 30;
    private static final int FLOOD = LIMIT + 20;

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;
    Residents phone;
    String notice;
    String noticeId;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig config(Set<String> trustedProxies, int perMinute) {
        SecurityConfig security = TestDatabases.config(dir).security().withTrustedProxies(trustedProxies)
                .withPublicRequestsPerMinute(perMinute);
        return TestDatabases.config(dir).withSecurity(security);
    }

    private void start(Set<String> trustedProxies) {
        serve(TestServer.start(config(trustedProxies, LIMIT), clock));
    }

    private void serve(TestServer started) {
        server = started;
        AccountFixture.create(server.server().accounts());
        phone = new Residents(server);
        PublishedNotices.Published p = new PublishedNotices(server).publish(VillagePageTest.notice(OWN_VILLAGE, "F11", "2026-Q3", "三季度收支"));
        noticeId = p.id().toString();
        notice = "/n/" + p.id() + "?r=" + p.revision() + "&h=" + p.hash();
    }

    private Residents.Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
        headers.forEach(b::header);
        return phone.send(b.build());
    }

    private static Map<String, String> from(String source) {
        return Map.of("X-Forwarded-For", source);
    }

    @Test
    void aFloodFromOneSourceIsLimitedOnNoticeAndVillagePagesWhileAnotherSourceIsServed() {
        start(Set.of("127.0.0.1")); // the loopback peer plays the reverse proxy
        for (int i = 0; i < LIMIT; i++) {
            assertThat(get(i % 2 == 0 ? notice : "/v/" + OWN_VILLAGE, from("10.0.0.1")).status()).as("request %d", i).isEqualTo(200);
        }
        Residents.Page limited = get(notice, from("10.0.0.1"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.body()).contains("访问太频繁", "lang=\"zh-CN\"").doesNotContain("10.0.0.1", "Exception");
        assertThat(limited.header("Content-Security-Policy")).isEqualTo(PublicPage.CSP);
        assertThat(get("/v/" + OWN_VILLAGE, from("10.0.0.1")).status()).as("one counter for all pages").isEqualTo(429);
        Residents.Page english = get("/v/" + OWN_VILLAGE + "?lang=en", from("10.0.0.1"));
        assertThat(english.status()).isEqualTo(429);
        assertThat(english.body()).contains("Too many requests", "lang=\"en\"");
        Residents.Page api = get("/api/v1/published/" + noticeId, from("10.0.0.1"));
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.body()).contains("\"TOO_MANY_REQUESTS\"");
        assertThat(api.header("Retry-After")).isNotNull();
        Residents.Page head = phone.send(HttpRequest.newBuilder(server.uri("/v/" + OWN_VILLAGE))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("X-Forwarded-For", "10.0.0.1").build());
        assertThat(head.status()).as("HEAD is refused before any limit or route").isEqualTo(405);
        assertThat(get(PublicPage.CSS_PATH, from("10.0.0.1")).status()).as("the stylesheet is exempt").isEqualTo(200);
        assertThat(get("/health", from("10.0.0.1")).status()).as("health is exempt").isEqualTo(200);

        assertThat(get(notice, from("10.0.0.2")).status()).as("another source is served").isEqualTo(200);
        assertThat(get("/v/" + OWN_VILLAGE, from("10.0.0.2")).status()).isEqualTo(200);
        // The client writes what it likes left of the proxy's entry; only the proxy's entry counts.
        assertThat(get(notice, from("10.0.0.2, 10.0.0.1")).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        assertThat(get(notice, from("10.0.0.1")).status()).as("served again in the next minute").isEqualTo(200);
    }

    /** How many of a flood from one real source, with forwarding headers forged anew on every request, were served. */
    private int floodServed(String path, IntFunction<Map<String, String>> headers) {
        int served = 0;
        for (int i = 0; i < FLOOD; i++) {
            Residents.Page page = get(path, headers.apply(i));
            if (page.status() == 200) {
                served++;
            } else {
                assertThat(page.status()).isEqualTo(429);
            }
        }
        return served;
    }

    /**
     * The check: a flood with forged headers on the notice page and then the village page gets
     * {@link #LIMIT} answers in all, and a real other source is still served.
     */
    private void assertForgedFloodIsLimited(String otherSource) {
        int served = floodServed(notice, i -> FeedbackLimitsTest.forged(i, "10.9.0.1"))
                + floodServed("/v/" + OWN_VILLAGE, i -> FeedbackLimitsTest.forged(1000 + i, "10.9.0.1"));
        assertThat(served).as("pages served to one source with forged headers").isEqualTo(LIMIT);
        assertThat(get(notice, from(otherSource)).status()).as("a real other source").isEqualTo(200);
    }

    @Test
    void forgedForwardingHeadersRotatedPerRequestDoNotBypassTheLimitBehindATrustedProxy() {
        start(Set.of("127.0.0.1"));
        assertForgedFloodIsLimited("10.9.0.3");
    }

    @Test
    void withoutATrustedProxyNoForwardingHeaderCountsAtAll() {
        start(Set.of());
        int served = floodServed(notice, i -> FeedbackLimitsTest.forged(i, "10.8.0." + (i % 250)))
                + floodServed("/v/" + OWN_VILLAGE, i -> FeedbackLimitsTest.forged(i, "10.8.1." + (i % 250)));
        assertThat(served).as("every request is the loopback peer").isEqualTo(LIMIT);
    }

    /** The broken variant: a resolver that believes the client's header lets the same flood through, and the check says so. */
    @Test
    void theCheckCatchesAResolverThatBelievesTheClientsHeader() {
        serve(TestServer.of(BrokenSourceResolver.server(config(Set.of("127.0.0.1"), LIMIT), clock).start()));
        assertThatThrownBy(() -> assertForgedFloodIsLimited("10.9.0.3"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("pages served to one source with forged headers")
                .hasMessageContaining(String.valueOf(2 * FLOOD));
    }

    /** Sample requests, one per public GET route that is limited; a new public GET route fails here until it has one. */
    private Map<String, String> samples() {
        Map<String, String> s = new HashMap<>();
        s.put("/feedback", "/feedback?village=" + OWN_VILLAGE);
        s.put("/t", "/t");
        s.put("/t/{code}", "/t/" + cn.sanwu.server.feedback.TicketCode.generate());
        s.put(NoticePageController.PATH, notice);
        s.put(VillagePageController.PATH, "/v/" + OWN_VILLAGE);
        s.put(LogController.CHECKPOINT, LogController.CHECKPOINT);
        s.put(LogController.KEYS, LogController.KEYS);
        s.put(LogController.INCLUSION, LogController.INCLUSION + "?notice=" + noticeId);
        s.put(LogController.CONSISTENCY, LogController.CONSISTENCY + "?from=1");
        s.put(LogController.PUBLISHED, "/api/v1/published/" + noticeId);
        return s;
    }

    @Test
    void everyPublicGetRouteButTheStylesheetAndHealthIsLimited() {
        start(Set.of("127.0.0.1"));
        Set<String> publicGets = RoutePolicy.routes().stream().filter(r -> r.startsWith("GET "))
                .filter(r -> RoutePolicy.allowed("GET", r.substring(4)).orElseThrow().contains(Role.PUBLIC))
                .map(r -> r.substring(4)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> limited = publicGets.stream().filter(p -> PublicPageLimit.limited("GET", p)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(publicGets).containsAll(PublicPageLimit.EXEMPT);
        assertThat(limited).hasSize(publicGets.size() - PublicPageLimit.EXEMPT.size());
        assertThat(samples().keySet()).as("a sample for every limited route").isEqualTo(limited);

        for (int i = 0; i < LIMIT; i++) {
            get("/v/" + OWN_VILLAGE, from("10.5.0.1"));
        }
        for (Map.Entry<String, String> route : samples().entrySet()) {
            assertThat(get(route.getValue(), from("10.5.0.1")).status()).as(route.getKey()).isEqualTo(429);
        }
        for (String exempt : PublicPageLimit.EXEMPT) {
            assertThat(get(exempt, from("10.5.0.1")).status()).as(exempt).isEqualTo(200);
        }
        assertThat(get("/t/" + cn.sanwu.server.feedback.TicketCode.generate(), from("10.5.0.2")).status())
                .as("another source still reaches the look-up").isEqualTo(404);
    }

    @Test
    void aLimitOfZeroTurnsItOff() {
        serve(TestServer.start(config(Set.of(), 0), clock));
        for (int i = 0; i < FLOOD; i++) {
            assertThat(get("/v/" + OWN_VILLAGE, Map.of()).status()).as("request %d", i).isEqualTo(200);
        }
    }
}
