package cn.sanwu.server.http;

import cn.sanwu.server.throttle.Throttle;
import cn.sanwu.server.throttle.ThrottleRule;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wraps POST /api/v1/enroll against code guessing: each client address may fail a limited number
 * of times per hour (counted in the database, keyed by an HMAC of the address), then gets 429
 * until the hour is over. A successful enrollment does not count. Thread-safe.
 */
final class EnrollThrottle {

    private final Throttle throttle;
    private final ThrottleRule rule;
    private final Set<String> trustedProxies;

    EnrollThrottle(Throttle throttle, int failuresPerHour, Set<String> trustedProxies) {
        this.throttle = throttle;
        this.rule = new ThrottleRule.Window("enroll-source", failuresPerHour, Duration.ofHours(1));
        this.trustedProxies = trustedProxies;
    }

    Handler around(Handler enroll) {
        return ctx -> {
            List<Throttle.Subject> source = List.of(new Throttle.Subject(rule, ClientAddress.of(ctx, trustedProxies)));
            Optional<Duration> blocked = throttle.attempt(source);
            if (blocked.isPresent()) {
                throw TooManyRequests.refuse(ctx, blocked.get(), "TOO_MANY_ATTEMPTS", "登记码尝试");
            }
            enroll.handle(ctx); // a refusal throws: the attempt stays counted
            throttle.succeeded(source);
        };
    }
}
