package cn.sanwu.server.access;

import cn.sanwu.model.sync.SyncProtocol;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table that decides which roles may call which route (DESIGN.md §7). A route that is not
 * here is refused to everyone ({@link AccessControl}), and a test fails the build for any
 * registered route without an entry. Scope (which village) is checked by the service behind the
 * route, from the authenticated device. Immutable.
 */
public final class RoutePolicy {

    /** Every role a person's account can have. */
    private static final Set<Role> ANY_PERSON = EnumSet.of(Role.VILLAGE_CLERK, Role.VILLAGE_SUPERVISOR,
            Role.TOWNSHIP_REVIEWER, Role.CITY_OVERSIGHT, Role.ADMIN);

    /** People who handle residents' tickets. */
    private static final Set<Role> TICKET_STAFF = EnumSet.of(Role.VILLAGE_CLERK, Role.VILLAGE_SUPERVISOR,
            Role.TOWNSHIP_REVIEWER, Role.CITY_OVERSIGHT);

    /** "METHOD path" as Javalin registers it, e.g. {@code POST /api/v1/sync}. */
    private static final String REVIEW = "/api/v1/review/notices/{id}";

    private static final Map<String, Set<Role>> TABLE = Map.ofEntries(
            Map.entry("GET /health", Set.of(Role.PUBLIC)),
            Map.entry("POST /api/v1/enroll", Set.of(Role.PUBLIC)),
            Map.entry("POST " + SyncProtocol.PATH, Set.of(Role.VILLAGE_DEVICE)),
            Map.entry("POST /api/v1/login", Set.of(Role.PUBLIC)),
            Map.entry("POST /api/v1/logout", ANY_PERSON),
            Map.entry("GET /api/v1/me", ANY_PERSON),
            // Scope: a reviewer only for villages of the township (EnrollmentCodes), an admin for any.
            Map.entry("POST /api/v1/enrollment-codes", Set.of(Role.TOWNSHIP_REVIEWER, Role.ADMIN)),
            Map.entry("POST /api/v1/device/key", Set.of(Role.VILLAGE_DEVICE)),
            // A bundle file speaks for its village device by its signature; the caller only carries
            // it: an enrolled device (the township PC), or a township reviewer (villages of the
            // township only, BundleController) or an admin (ADR 0012).
            Map.entry("POST /api/v1/bundles", Set.of(Role.VILLAGE_DEVICE, Role.TOWNSHIP_REVIEWER, Role.ADMIN)),
            // The transparency log: public, read-only (docs/transparency-log.md).
            Map.entry("GET /api/v1/log/checkpoint", Set.of(Role.PUBLIC)),
            Map.entry("GET /api/v1/log/keys", Set.of(Role.PUBLIC)),
            Map.entry("GET /api/v1/log/inclusion", Set.of(Role.PUBLIC)),
            Map.entry("GET /api/v1/log/consistency", Set.of(Role.PUBLIC)),
            Map.entry("GET /api/v1/published/{noticeId}", Set.of(Role.PUBLIC)),
            // Review workflow (docs/review.md). Scope — own village, own township's villages, the
            // author never approving — is ReviewService's; a village PC's sign-off and submission
            // travel in its sync push instead.
            Map.entry("GET /api/v1/review/queue", Set.of(Role.TOWNSHIP_REVIEWER)),
            // Publications in force of the township's villages (withdrawal, 村账乡管 village list).
            Map.entry("GET /api/v1/review/published", Set.of(Role.TOWNSHIP_REVIEWER)),
            // 村账乡管: the township's villages' notices, to edit one and to warn of a duplicate.
            Map.entry("GET /api/v1/review/notices", Set.of(Role.TOWNSHIP_REVIEWER)),
            Map.entry("GET " + REVIEW, Set.of(Role.TOWNSHIP_REVIEWER)),
            Map.entry("GET " + REVIEW + "/history", ANY_PERSON),
            Map.entry("POST " + REVIEW + "/sign-off", Set.of(Role.VILLAGE_SUPERVISOR)),
            Map.entry("POST " + REVIEW + "/submit", Set.of(Role.VILLAGE_CLERK)),
            Map.entry("POST " + REVIEW + "/approve", Set.of(Role.TOWNSHIP_REVIEWER)),
            Map.entry("POST " + REVIEW + "/return", Set.of(Role.TOWNSHIP_REVIEWER)),
            Map.entry("POST " + REVIEW + "/publish", Set.of(Role.TOWNSHIP_REVIEWER)),
            Map.entry("POST " + REVIEW + "/withdraw", Set.of(Role.TOWNSHIP_REVIEWER)),
            // 村账乡管: a township enters a village's notice (finance) content.
            Map.entry("PUT " + REVIEW, Set.of(Role.TOWNSHIP_REVIEWER)),
            // Residents' pages: no login (docs/public-pages.md); limits per source in the controller.
            Map.entry("GET /public.css", Set.of(Role.PUBLIC)),
            Map.entry("GET /feedback", Set.of(Role.PUBLIC)),
            Map.entry("POST /feedback", Set.of(Role.PUBLIC)),
            Map.entry("GET /t", Set.of(Role.PUBLIC)),
            Map.entry("GET /t/{code}", Set.of(Role.PUBLIC)),
            // The notice page behind the QR code and the village page: read-only, no login, not
            // rate limited (docs/public-pages.md "Limits" says why).
            Map.entry("GET /n/{noticeId}", Set.of(Role.PUBLIC)),
            Map.entry("GET /v/{villageCode}", Set.of(Role.PUBLIC)),
            // Tickets: staff in scope (TicketService: village roles see questions of their village
            // only, never problem reports); no admin — a technician is not a handler.
            Map.entry("GET /api/v1/tickets", TICKET_STAFF),
            Map.entry("POST /api/v1/tickets/{code}/classify", TICKET_STAFF),
            Map.entry("POST /api/v1/tickets/{code}/assign", TICKET_STAFF),
            Map.entry("POST /api/v1/tickets/{code}/verify", TICKET_STAFF),
            // Oversight figures (TicketStatistics): a township its villages, the city all below it.
            Map.entry("GET /api/v1/tickets/statistics", Set.of(Role.TOWNSHIP_REVIEWER, Role.CITY_OVERSIGHT)),
            Map.entry("POST /api/v1/tickets/{code}/reply", TICKET_STAFF),
            Map.entry("POST /api/v1/tickets/{code}/close", TICKET_STAFF),
            // The reporter's contact: city oversight only, never the village (issue 6).
            Map.entry("GET /api/v1/tickets/{code}/contact", Set.of(Role.CITY_OVERSIGHT)),
            // The photo: whoever may see the ticket (TicketService.photo; ADR 0029).
            Map.entry("GET /api/v1/tickets/{code}/photo", TICKET_STAFF));

    private RoutePolicy() {
    }

    public static String key(String method, String path) {
        return method + " " + path;
    }

    /** The roles allowed on a route; empty when the route has no entry (then nobody is). */
    public static Optional<Set<Role>> allowed(String method, String path) {
        return Optional.ofNullable(TABLE.get(key(method, path)));
    }

    public static Set<String> routes() {
        return TABLE.keySet();
    }
}
