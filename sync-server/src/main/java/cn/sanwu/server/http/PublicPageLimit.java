package cn.sanwu.server.http;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.access.RoutePolicy;
import cn.sanwu.server.throttle.SourceLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-source limit on every public GET route (ADR 0027, docs/public-pages.md "Limits"): runs
 * before the route, after the access check; a source over the limit gets 429 with
 * {@code Retry-After} — a short page on the residents' pages, a JSON error on the API — and the
 * route does not run. Which routes: every GET that {@link RoutePolicy} opens to {@link Role#PUBLIC},
 * except {@link #EXEMPT} (HEAD is refused earlier, by AccessControl). Thread-safe.
 */
final class PublicPageLimit {

    /**
     * Not limited: the stylesheet is a constant answer (a 429 costs as much as the file), and the
     * health check must keep answering monitors while the limiter refuses a flood.
     */
    static final Set<String> EXEMPT = Set.of("/health", PublicPage.CSS_PATH);

    private static final Logger LOG = LoggerFactory.getLogger(PublicPageLimit.class);

    private final SourceLimiter limiter;
    private final SourceResolver sources;
    /** Refusals since the last log line: one line a minute at most, never an address. */
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastLogMillis;

    /** {@code limiter} null: no limit (configured 0). */
    PublicPageLimit(SourceLimiter limiter, SourceResolver sources) {
        this.limiter = limiter;
        this.sources = sources;
    }

    static boolean limited(String method, String path) {
        return "GET".equals(method) && !EXEMPT.contains(path)
                && RoutePolicy.allowed(method, path).map(roles -> roles.contains(Role.PUBLIC)).orElse(false);
    }

    void check(Context ctx) {
        if (limiter == null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        // HEAD never gets here: AccessControl, which runs first, refuses it (Javalin 7 would answer
        // it for any GET route with an empty 200 of its own).
        if (endpoint == null || endpoint.method != HandlerType.GET || !limited("GET", endpoint.path)) {
            return;
        }
        Optional<Duration> blocked = limiter.attempt(sources.of(ctx));
        if (blocked.isEmpty()) {
            return;
        }
        noteRefusal();
        long seconds = Math.max(1, blocked.get().toSeconds());
        ctx.header("Retry-After", String.valueOf(seconds));
        if (ctx.path().startsWith("/api/")) {
            Json.write(ctx, 429, new SyncProtocol.Error("TOO_MANY_REQUESTS", "请求过于频繁，请 " + seconds + " 秒后再试。"));
        } else {
            PublicPage.error(ctx, 429, PublicText.of(ctx).text("page.tooMany", seconds));
        }
        ctx.skipRemainingHandlers();
    }

    /**
     * Operators need to know the limit bites (a reverse proxy not listed in trustedProxies makes
     * every resident one source); the address is not logged.
     */
    private void noteRefusal() {
        long n = refused.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - lastLogMillis >= 60_000) {
            lastLogMillis = now;
            refused.set(0);
            LOG.warn("event=public-rate-limited refused={} limitPerMinute={} hint=\"one source went over the public"
                    + " pages' limit; if this server is behind a reverse proxy, list it in"
                    + " sanwu.server.security.trustedProxies, or every resident counts as the proxy\"", n, limiter.limit());
        }
    }
}
