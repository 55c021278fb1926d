package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP;
import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static cn.sanwu.server.testing.AccountFixture.SIBLING_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.TOWNSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleKeys;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.access.RoutePolicy;
import cn.sanwu.server.feedback.FormToken;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.BundleFiles;
import cn.sanwu.server.testing.LogClient;
import cn.sanwu.server.testing.Notices;
import cn.sanwu.server.testing.ReviewSetup;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one policy table (QUALITY.md): every registered route has an entry, and every route ×
 * caller (role and scope) × target village is tried over HTTP against an expectation written here
 * independently of {@link RoutePolicy}: 0 unexpected allows, 0 unexpected refusals.
 */
class RoutePolicyTest {

    static final List<String> TARGETS = List.of(OWN_VILLAGE, SIBLING_VILLAGE, OTHER_TOWNSHIP_VILLAGE);

    /** Who calls: nobody, the own village's PC, or one of the fixture's people. */
    record Caller(String name, Role role, String scope) {
    }

    /** The one key the calling device registers, however often it is asked to. */
    private static final java.security.KeyPair DEVICE_KEY = BundleKeys.generate();

    static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>(List.of(new Caller("anonymous", Role.PUBLIC, null),
                new Caller("own-village-pc", Role.VILLAGE_DEVICE, OWN_VILLAGE)));
        for (AccountFixture.Person p : AccountFixture.PEOPLE) {
            callers.add(new Caller(p.username(), p.role(), p.scope()));
        }
        return callers;
    }

    /** What each route should allow, derived from DESIGN.md §2, not from the policy table. */
    static boolean expected(String route, Caller caller, String target) {
        return switch (route) {
            case "GET /health", "POST /api/v1/enroll", "POST /api/v1/login" -> true;
            case "POST /api/v1/sync" -> caller.role() == Role.VILLAGE_DEVICE && target.equals(caller.scope());
            case "POST /api/v1/logout", "GET /api/v1/me" -> caller.role().isPersonRole();
            case "POST /api/v1/enrollment-codes" -> caller.role() == Role.ADMIN
                    || (caller.role() == Role.TOWNSHIP_REVIEWER && township(target).equals(caller.scope()));
            case "POST /api/v1/device/key" -> caller.role() == Role.VILLAGE_DEVICE; // its own key, any target
            // The file speaks for its device by its signature; the caller carries it (ADR 0012).
            case "POST /api/v1/bundles" -> caller.role() == Role.VILLAGE_DEVICE || caller.role() == Role.ADMIN
                    || (caller.role() == Role.TOWNSHIP_REVIEWER && township(target).equals(caller.scope()));
            // The transparency log is public: anyone may check a printed sheet (docs/transparency-log.md).
            case "GET /api/v1/log/checkpoint", "GET /api/v1/log/keys", "GET /api/v1/log/inclusion",
                    "GET /api/v1/log/consistency", "GET /api/v1/published/{noticeId}" -> true;
            // Review workflow (docs/review.md): the village's own people for its steps, a reviewer of
            // the owning township for decisions, anyone whose scope holds the village for history.
            case "GET /api/v1/review/queue", "GET /api/v1/review/published", "GET /api/v1/review/notices" ->
                    caller.role() == Role.TOWNSHIP_REVIEWER;
            case "GET /api/v1/review/notices/{id}/history" -> caller.role().isPersonRole() && (caller.scope() == null
                    || caller.scope().equals(target) || caller.scope().equals(township(target))
                    || caller.scope().equals(AccountFixture.CITY));
            case "POST /api/v1/review/notices/{id}/sign-off" -> caller.role() == Role.VILLAGE_SUPERVISOR
                    && target.equals(caller.scope());
            case "POST /api/v1/review/notices/{id}/submit" -> caller.role() == Role.VILLAGE_CLERK && target.equals(caller.scope());
            case "POST /api/v1/review/notices/{id}/approve", "POST /api/v1/review/notices/{id}/return",
                    "POST /api/v1/review/notices/{id}/publish", "POST /api/v1/review/notices/{id}/withdraw",
                    "PUT /api/v1/review/notices/{id}", "GET /api/v1/review/notices/{id}" -> caller.role() == Role.TOWNSHIP_REVIEWER
                    && township(target).equals(caller.scope());
            // Residents' pages: anyone, no login (issue 6).
            case "GET /public.css", "GET /feedback", "POST /feedback", "GET /t", "GET /t/{code}" -> true;
            // The notice page behind the QR and the village page: anyone (issue 6).
            case "GET /n/{noticeId}", "GET /v/{villageCode}" -> true;
            case "GET /api/v1/tickets" -> isTicketStaff(caller.role());
            // A question about the target village: its village, its township, city oversight.
            case "POST /api/v1/tickets/{code}/classify", "POST /api/v1/tickets/{code}/reply",
                    "POST /api/v1/tickets/{code}/close", "POST /api/v1/tickets/{code}/assign",
                    "POST /api/v1/tickets/{code}/verify", "GET /api/v1/tickets/{code}/photo" -> switch (caller.role()) {
                        case VILLAGE_CLERK, VILLAGE_SUPERVISOR -> target.equals(caller.scope());
                        case TOWNSHIP_REVIEWER -> township(target).equals(caller.scope());
                        case CITY_OVERSIGHT -> true;
                        default -> false;
                    };
            // The reporter's contact: city oversight only, never the village or township.
            case "GET /api/v1/tickets/{code}/contact" -> caller.role() == Role.CITY_OVERSIGHT;
            // Oversight figures: township and city, each over its own scope (ADR 0023).
            case "GET /api/v1/tickets/statistics" -> caller.role() == Role.TOWNSHIP_REVIEWER
                    || caller.role() == Role.CITY_OVERSIGHT;
            default -> throw new AssertionError("no expectation for " + route + ": add it to this test");
        };
    }

    private static boolean isTicketStaff(Role role) {
        return role == Role.VILLAGE_CLERK || role == Role.VILLAGE_SUPERVISOR || role == Role.TOWNSHIP_REVIEWER
                || role == Role.CITY_OVERSIGHT;
    }

    private static String township(String village) {
        return village.equals(OTHER_TOWNSHIP_VILLAGE) ? OTHER_TOWNSHIP : TOWNSHIP;
    }

    @Test
    void everyRegisteredRouteHasAPolicyEntry(@TempDir Path dir) {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            List<String> registered = registered(server);

            assertThat(registered).isNotEmpty();
            assertThat(registered).allSatisfy(route -> assertThat(RoutePolicy.routes())
                    .as("policy entry for %s", route).contains(route));
            assertThat(RoutePolicy.routes()).as("no stale policy entries").containsExactlyInAnyOrderElementsOf(registered);
        }
    }

    /**
     * Javalin 7 answers HEAD on any GET route with an empty 200 without running the route or the
     * access check: {@code HEAD /api/v1/me} said 200 to anyone while GET said 401. Every HEAD is
     * refused with 405 now, on staff and public routes alike (an unknown path stays 404); GET is
     * unchanged.
     */
    @Test
    void headIsRefusedOnEveryRouteInsteadOfAnsweringWithoutTheAccessCheck(@TempDir Path dir) {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            for (String path : List.of("/api/v1/me", "/api/v1/review/published", "/health", "/v/219901101201")) {
                TestServer.Reply head = server.send(HttpRequest.newBuilder(server.uri(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                assertThat(head.status()).as("HEAD %s", path).isEqualTo(405);
                assertThat(head.header("Allow")).isEqualTo("GET");
            }
            assertThat(server.send(HttpRequest.newBuilder(server.uri("/no-such-page"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(404);
            assertThat(server.get("/api/v1/me", null).status()).isEqualTo(401);
            assertThat(server.get("/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void everyRouteRoleAndScopeIsAllowedExactlyAsExpected(@TempDir Path dir) throws InterruptedException {
        // The loopback peer is a trusted proxy here so that each form post can come from its own
        // source (X-Forwarded-For) instead of running into the per-source limit.
        var security = TestDatabases.config(dir).security().withTrustedProxies(java.util.Set.of("127.0.0.1"));
        try (TestServer server = TestServer.start(TestDatabases.config(dir).withSecurity(security))) {
            AccountFixture.create(server.server().accounts());
            Residents phone = new Residents(server);
            for (String target : TARGETS) {
                FORMS.put(target, phone.filled(target, "QUESTION", "路灯什么时候修？", ""));
            }
            Thread.sleep(FormToken.MIN_FILL.toMillis() + 100); // the forms were "filled in" for long enough
            String deviceToken = server.enrollNewDevice(OWN_VILLAGE, "红旗村电脑").token();
            Map<String, Boolean> unexpected = new LinkedHashMap<>();
            int cases = 0;
            for (String route : registered(server)) {
                for (Caller caller : callers()) {
                    for (String target : TARGETS) {
                        String token = switch (caller.role()) {
                            case PUBLIC -> null;
                            case VILLAGE_DEVICE -> deviceToken;
                            default -> server.sessionToken(caller.name(), PASSWORD); // fresh: logout ends it
                        };
                        boolean allowed = call(server, route, token, target);
                        if (allowed != expected(route, caller, target)) {
                            unexpected.put(route + " by " + caller.name() + " for " + target, allowed);
                        }
                        cases++;
                    }
                }
            }
            System.out.println("route policy: " + cases + " route × caller × target cases tried");

            assertThat(cases).isEqualTo(registered(server).size() * callers().size() * TARGETS.size());
            assertThat(unexpected).as("unexpected allows (true) and refusals (false)").isEmpty();
        }
    }

    /** Sends the route's request as {@code token} about {@code target}; true if it was carried out. */
    private static boolean call(TestServer server, String route, String token, String target) {
        return switch (route) {
            case "GET /health" -> server.get("/health", token).status() == 200;
            case "POST /api/v1/enroll" -> server.postJson("/api/v1/enroll", token, "{\"code\":\""
                    + server.server().devices().issueCode(target) + "\"}").status() == 200;
            case "POST /api/v1/login" -> server.login("clerk", PASSWORD).status() == 200;
            case "POST /api/v1/logout" -> server.postJson("/api/v1/logout", token, "").status() == 204;
            case "GET /api/v1/me" -> server.get("/api/v1/me", token).status() == 200;
            case "POST /api/v1/enrollment-codes" -> server.postJson("/api/v1/enrollment-codes", token,
                    "{\"villageCode\":\"" + target + "\"}").status() == 201;
            case "POST /api/v1/sync" -> {
                HttpRequest request = server.syncRequest(token, TestServer.json(new SyncProtocol.Request(SyncProtocol.VERSION,
                        0, List.of(Notices.newNotice(UUID.randomUUID(), target, "公告"))))).build();
                TestServer.Reply reply = server.send(request);
                yield reply.status() == 200
                        && reply.body().get("results").get(0).get("outcome").asText().equals("APPLIED");
            }
            case "POST /api/v1/device/key" -> server.postJson("/api/v1/device/key", token,
                    "{\"publicKey\":\"" + BundleKeys.encode(DEVICE_KEY.getPublic()) + "\"}").status() == 200;
            case "POST /api/v1/bundles" -> {
                TestServer.KeyedDevice village = server.enrollKeyedDevice(target, "村电脑");
                yield server.postBytes("/api/v1/bundles", token, BundleFiles.requestFile(village,
                        Notices.push(0, Notices.newNotice(UUID.randomUUID(), target, "公告")))).status() == 200;
            }
            // Public log routes: answered (200, or 422 for a notice never published), never 401/403.
            case "GET /api/v1/log/checkpoint" -> log(server, "/api/v1/log/checkpoint") == 200;
            case "GET /api/v1/log/keys" -> log(server, "/api/v1/log/keys") == 200;
            case "GET /api/v1/log/inclusion" -> log(server, "/api/v1/log/inclusion?notice=" + UUID.randomUUID()) == 422;
            case "GET /api/v1/log/consistency" -> log(server, "/api/v1/log/consistency?from=0&to=0") == 200;
            case "GET /api/v1/published/{noticeId}" -> log(server, "/api/v1/published/" + UUID.randomUUID()) == 422;
            case "GET /api/v1/review/queue" -> server.get("/api/v1/review/queue", token).status() == 200;
            case "GET /api/v1/review/published" -> server.get("/api/v1/review/published", token).status() == 200;
            case "GET /api/v1/review/notices" -> server.get("/api/v1/review/notices", token).status() == 200;
            case "GET /api/v1/review/notices/{id}" -> server.get("/api/v1/review/notices/"
                    + ReviewSetup.notice(server, target, "DRAFT").id(), token).status() == 200;
            case "GET /api/v1/review/notices/{id}/history" -> server.get("/api/v1/review/notices/"
                    + ReviewSetup.notice(server, target, "DRAFT").id() + "/history", token).status() == 200;
            case "POST /api/v1/review/notices/{id}/sign-off" -> review(server, token, ReviewSetup.notice(server, target, "DRAFT"),
                    "sign-off", "\"opinion\":\"同意\"");
            case "POST /api/v1/review/notices/{id}/submit" -> review(server, token,
                    ReviewSetup.notice(server, target, "SIGNED_OFF"), "submit", null);
            case "POST /api/v1/review/notices/{id}/approve" -> {
                ReviewSetup.Stored n = ReviewSetup.notice(server, target, "SUBMITTED");
                yield review(server, token, n, "approve", "\"contentHash\":\"" + n.hash() + "\"");
            }
            case "POST /api/v1/review/notices/{id}/return" -> review(server, token, ReviewSetup.notice(server, target, "SUBMITTED"),
                    "return", "\"comment\":\"请补充\"");
            case "POST /api/v1/review/notices/{id}/publish" -> review(server, token, ReviewSetup.notice(server, target, "APPROVED"),
                    "publish", "\"postingFrom\":\"2026-12-01\",\"postingTo\":\"2026-12-31\"");
            case "POST /api/v1/review/notices/{id}/withdraw" -> server.postJson("/api/v1/review/notices/"
                    + ReviewSetup.notice(server, target, "PUBLISHED").id() + "/withdraw", token, "{\"reason\":\"撤回\"}")
                    .status() == 200;
            case "PUT /api/v1/review/notices/{id}" -> server.send(java.net.http.HttpRequest.newBuilder(
                    server.uri("/api/v1/review/notices/" + UUID.randomUUID())).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"baseRevision\":0,\"content\":" + TestServer.jsonText(ReviewSetup.content(target, "乡镇代录"))
                                    + "}")).build()).status() == 200;
            case "GET /public.css" -> new Residents(server).get("/public.css").status() == 200;
            case "GET /feedback" -> new Residents(server).get("/feedback?village=" + target).status() == 200;
            case "POST /feedback" -> new Residents(server).post(FORMS.get(target), null, null,
                    "10.7." + SOURCES.incrementAndGet() / 250 + "." + SOURCES.get() % 250).status() == 303;
            case "GET /t" -> new Residents(server).get("/t").status() == 200;
            case "GET /t/{code}" -> new Residents(server).get("/t/" + ticket(server, target)).status() == 200;
            case "GET /n/{noticeId}" -> {
                ReviewSetup.Stored n = ReviewSetup.notice(server, target, "PUBLISHED");
                yield new Residents(server).get("/n/" + n.id() + "?h=" + n.hash()).status() == 200;
            }
            case "GET /v/{villageCode}" -> new Residents(server).get("/v/" + target).status() == 200;
            case "GET /api/v1/tickets" -> server.get("/api/v1/tickets", token).status() == 200;
            case "POST /api/v1/tickets/{code}/classify" -> server.postJson("/api/v1/tickets/" + ticket(server, target)
                    + "/classify", token, "{\"category\":\"POLICY_QUERY\"}").status() == 204;
            case "POST /api/v1/tickets/{code}/assign" -> server.postJson("/api/v1/tickets/" + ticket(server, target)
                    + "/assign", token, "{\"assignee\":\"oversight\"}").status() == 204;
            case "POST /api/v1/tickets/{code}/verify" -> server.postJson("/api/v1/tickets/" + ticket(server, target)
                    + "/verify", token, "{\"text\":\"已核实\"}").status() == 204;
            case "GET /api/v1/tickets/statistics" -> server.get("/api/v1/tickets/statistics?from=2026-01-01&to=2026-12-31",
                    token).status() == 200;
            case "POST /api/v1/tickets/{code}/reply" -> server.postJson("/api/v1/tickets/" + ticket(server, target)
                    + "/reply", token, "{\"text\":\"答复\"}").status() == 204;
            case "POST /api/v1/tickets/{code}/close" -> {
                String code = ticket(server, target);
                if (server.postJson("/api/v1/tickets/" + code + "/reply", server.sessionToken("oversight", PASSWORD),
                        "{\"text\":\"答复\"}").status() != 204) {
                    throw new AssertionError("oversight could not reply to " + code);
                }
                yield server.postJson("/api/v1/tickets/" + code + "/close", token, "").status() == 204;
            }
            case "GET /api/v1/tickets/{code}/contact" -> server.get("/api/v1/tickets/" + ticket(server, target)
                    + "/contact", token).status() == 200;
            case "GET /api/v1/tickets/{code}/photo" -> server.getBytes("/api/v1/tickets/" + photoTicket(server, target)
                    + "/photo", token).status() == 200;
            default -> throw new AssertionError("no request for " + route + ": add it to this test");
        };
    }

    private static int log(TestServer server, String path) {
        return new LogClient(server.server().port()).get(path).status();
    }

    /** POSTs a review action on {@code n} at its current revision; true if it was carried out. */
    private static boolean review(TestServer server, String token, ReviewSetup.Stored n, String action, String extra) {
        return server.postJson("/api/v1/review/notices/" + n.id() + "/" + action, token, "{\"revision\":" + n.revision()
                + (extra == null ? "" : "," + extra) + "}").status() == 200;
    }

    /** Filled-in forms per target village, shown long enough ago to be accepted. */
    private static final Map<String, Map<String, String>> FORMS = new java.util.HashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger SOURCES = new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh question about {@code village}, straight through the service. */
    private static String ticket(TestServer server, String village) {
        TicketService tickets = new TicketService(server.server().database(), java.time.Clock.systemUTC(),
                server.server().accounts().regions());
        return tickets.submit(new TicketService.Submission(village, TicketKind.QUESTION, null, "问题", "联系电话 1", null));
    }

    /** A question with a photo (already a JPEG, as the form's re-encoding leaves it). */
    private static String photoTicket(TestServer server, String village) {
        TicketService tickets = new TicketService(server.server().database(), java.time.Clock.systemUTC(),
                server.server().accounts().regions());
        try {
            return tickets.submit(new TicketService.Submission(village, TicketKind.QUESTION, null, "路灯", null,
                    FeedbackLimitsTest.jpeg(64, 48)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> registered(TestServer server) {
        return server.server().javalin().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> RoutePolicy.key(e.method.name(), e.path))
                .toList();
    }

    @Test
    void aRouteOutsideTheTableIsRefused() {
        assertThat(RoutePolicy.allowed("DELETE", "/api/v1/sync")).isEmpty();
        assertThat(RoutePolicy.allowed("GET", "/health")).isPresent();
    }
}
