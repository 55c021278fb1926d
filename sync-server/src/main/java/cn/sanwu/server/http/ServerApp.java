package cn.sanwu.server.http;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.AccountService;
import cn.sanwu.server.account.EnrollmentCodes;
import cn.sanwu.server.account.LoginService;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.bundle.BundleService;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.sync.SyncService;
import cn.sanwu.server.throttle.SourceLimiter;
import cn.sanwu.server.throttle.Throttle;
import io.javalin.Javalin;
import cn.sanwu.server.feedback.FormToken;
import cn.sanwu.server.feedback.PhotoSanitizer;
import cn.sanwu.server.feedback.TicketService;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: every route, the access check in front of them, error bodies, gzip, the
 * one-line request log and the HTTPS connector. Used by {@code Main} and by the tests alike, so
 * the tests exercise exactly what runs. Controllers do HTTP only; services know nothing of Javalin.
 */
public final class ServerApp {

    private static final Logger REQUESTS = LoggerFactory.getLogger("cn.sanwu.server.requests");
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    /** In-flight requests get this long to finish when the server stops. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private ServerApp() {
    }

    public record Services(DeviceService devices, SyncService sync, BundleService bundles, Health health, Accounts accounts,
            TransparencyLog log,
            Review review,
            Residents residents) {
    }

    /** The residents' side: tickets and the signed form times (docs/public-pages.md). */
    public record Residents(TicketService tickets, FormToken forms, cn.sanwu.server.notices.PublicNotices notices) {
    }

    /** The review workflow: actions and the reviewer's queue. */
    public record Review(cn.sanwu.server.review.ReviewService service, cn.sanwu.server.review.ReviewQueue queue) {
    }

    /** Logins, sessions, enrollment codes issued by people, and the database-backed throttle. */
    public record Accounts(AccountService accounts, LoginService logins, EnrollmentCodes codes, Throttle throttle,
            RegionService regions) {
    }

    /** Answers GET /health; a lambda so the app needs no database of its own. */
    @FunctionalInterface
    public interface Health {
        boolean databaseOk();
    }

    public static Javalin create(ServerConfig config, Services services) {
        return create(config, services, Clock.systemUTC(), SourceResolver.trusting(config.security().trustedProxies()));
    }

    /**
     * {@code clock}: the per-source limit's windows; {@code sources}: who a request counts against
     * on the public GET routes — anything but {@link SourceResolver#trusting} is a test's broken
     * variant (no configuration selects it).
     */
    public static Javalin create(ServerConfig config, Services services, Clock clock, SourceResolver sources) {
        AccessControl access = new AccessControl(services.devices(), services.accounts().accounts());
        SyncController sync = new SyncController(services.sync(), config.maxBodyBytes());
        String serverKey = services.bundles().signingKey().encodedPublicKey();
        EnrollController enroll = new EnrollController(services.devices(), serverKey);
        DeviceKeyController deviceKey = new DeviceKeyController(services.devices(), serverKey);
        BundleController bundles = new BundleController(services.bundles(), services.accounts().regions(),
                config.maxBodyBytes());
        SecurityConfig security = config.security();
        EnrollThrottle enrollThrottle = new EnrollThrottle(services.accounts().throttle(),
                security.enrollFailuresPerSource(), security.trustedProxies());
        AccountController account = new AccountController(services.accounts().logins(), services.accounts().accounts(),
                security.trustedProxies());
        EnrollmentCodeController codes = new EnrollmentCodeController(services.accounts().codes());
        LogController log = new LogController(services.log());
        ReviewController review = new ReviewController(services.review().service(), services.review().queue(),
                config.maxBodyBytes());
        FeedbackController feedback = new FeedbackController(services.residents().tickets(), services.residents().forms(),
                services.accounts().throttle(), security.trustedProxies());
        TicketController tickets = new TicketController(services.residents().tickets());
        NoticePageController noticePage = new NoticePageController(services.residents().notices());
        VillagePageController villagePage = new VillagePageController(services.residents().notices(),
                services.residents().notices().listing());
        PublicPageLimit publicLimit = new PublicPageLimit(security.publicRequestsPerMinute() == 0 ? null
                : new SourceLimiter(security.publicRequestsPerMinute(), Duration.ofMinutes(1),
                        security.publicSourcesTracked(), clock), sources);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.compressionStrategy = CompressionStrategy.GZIP;
            cfg.jetty.host = config.bindAddress();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MILLIS));
            Https.addConnectorIfConfigured(cfg, config);
            cfg.requestLogger.http(ServerApp::logRequest);
            cfg.routes.beforeMatched(access::check);
            cfg.routes.beforeMatched(publicLimit::check);
            cfg.routes.get("/health", ctx -> health(ctx, services.health()));
            cfg.routes.post("/api/v1/enroll", enrollThrottle.around(enroll::handle));
            cfg.routes.post(SyncProtocol.PATH, sync::handle);
            cfg.routes.post("/api/v1/login", account::login);
            cfg.routes.post("/api/v1/logout", account::logout);
            cfg.routes.get("/api/v1/me", account::me);
            cfg.routes.post("/api/v1/enrollment-codes", codes::issue);
            cfg.routes.post(DeviceKeyController.PATH, deviceKey::handle);
            cfg.routes.post(BundleService.PATH, bundles::handle);
            cfg.routes.get(LogController.CHECKPOINT, log::checkpoint);
            cfg.routes.get(LogController.KEYS, log::keys);
            cfg.routes.get(LogController.INCLUSION, log::inclusion);
            cfg.routes.get(LogController.CONSISTENCY, log::consistency);
            cfg.routes.get(LogController.PUBLISHED, log::published);
            review.register(cfg);
            // The form's photo: parts bigger than these are refused while the body streams in.
            cfg.jetty.multipartConfig.maxTotalRequestSize(FeedbackController.MAX_FORM_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxFileSize(PhotoSanitizer.MAX_BYTES, SizeUnit.BYTES);
            cfg.routes.get(PublicPage.CSS_PATH, feedback::css);
            cfg.routes.get("/feedback", feedback::form);
            cfg.routes.post("/feedback", feedback::submit);
            cfg.routes.get("/t", feedback::lookup);
            cfg.routes.get("/t/{code}", feedback::status);
            cfg.routes.get(NoticePageController.PATH, noticePage::notice);
            cfg.routes.get(VillagePageController.PATH, villagePage::village);
            cfg.routes.get(TicketController.BASE, tickets::list);
            cfg.routes.get(TicketController.BASE + "/statistics", tickets::statistics);
            cfg.routes.post(TicketController.BASE + "/{code}/classify", tickets::classify);
            cfg.routes.post(TicketController.BASE + "/{code}/assign", tickets::assign);
            cfg.routes.post(TicketController.BASE + "/{code}/verify", tickets::verify);
            cfg.routes.post(TicketController.BASE + "/{code}/reply", tickets::reply);
            cfg.routes.post(TicketController.BASE + "/{code}/close", tickets::close);
            cfg.routes.get(TicketController.BASE + "/{code}/contact", tickets::contact);
            cfg.routes.get(TicketController.BASE + "/{code}/photo", tickets::photo);
            registerErrorBodies(cfg);
        });
    }

    /** Request attribute: the answer is a route's own error body, not to be replaced by the 404 page. */
    private static final String OWN_ERROR = "sanwu.ownError";

    private static void registerErrorBodies(JavalinConfig cfg) {
        cfg.routes.exception(ApiException.class, (e, ctx) -> {
            ctx.attribute(OWN_ERROR, true);
            Json.write(ctx, e.status(), new SyncProtocol.Error(e.code(), e.getMessage()));
        });
        cfg.routes.exception(Refusal.class, (e, ctx) -> Json.write(ctx, switch (e.kind()) {
            case INVALID -> 400;
            case UNKNOWN -> 422; // not 404: that means "no such route" here
            case OUT_OF_SCOPE -> 403;
            case CONFLICT -> 409;
        }, new SyncProtocol.Error(e.code(), e.getMessage())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("event=unhandled method={} path={}", ctx.method().name(), ctx.path(), e);
            Json.write(ctx, 500, new SyncProtocol.Error("SERVER_ERROR", "服务器内部错误，请稍后重试。本机数据不受影响。"));
        });
        cfg.routes.error(404, ctx -> {
            // A public page's own 404 (unknown ticket code) stays a page; a route's own 404 (a
            // ticket without a photo) keeps its code and message.
            if (!PublicPage.isPage(ctx) && ctx.attribute(OWN_ERROR) == null) {
                Json.write(ctx, 404, new SyncProtocol.Error("NOT_FOUND", "没有这个地址。"));
            }
        });
    }

    private static void health(Context ctx, Health health) {
        boolean dbOk = health.databaseOk();
        Json.write(ctx, dbOk ? 200 : 503, Map.of(
                "status", dbOk ? "ok" : "degraded",
                "version", ServerVersion.get(),
                "protocol", SyncProtocol.VERSION,
                "db", dbOk ? "ok" : "unavailable"));
    }

    /**
     * One line per request, key=value; never the Authorization header or a body. A matched route
     * is logged as its template ({@code /t/{code}}): a ticket code in a path is a key to a
     * resident's ticket and does not belong in logs.
     */
    private static void logRequest(Context ctx, Float millis) {
        io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        REQUESTS.info("event=request method={} path={} status={} ms={} device={} user={} remote={}",
                ctx.method().name(), endpoint == null ? ctx.path() : endpoint.path, ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", millis),
                AccessControl.deviceIdForLog(ctx), AccessControl.userIdForLog(ctx), ctx.req().getRemoteAddr());
    }
}
