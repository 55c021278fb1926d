package cn.sanwu.server.config;

import cn.sanwu.server.account.PasswordHasher;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts and abuse limits (docs/accounts.md, docs/decisions/0011). Immutable.
 *
 * @param passwordCost            Argon2id cost for new hashes; older hashes are rehashed at login
 * @param sessionLifetime         a login session's fixed lifetime
 * @param loginFreeFailures       wrong passwords per account before the backoff starts
 * @param loginBaseDelay          the first backoff; it doubles with each further failure
 * @param loginMaxDelay           the backoff's ceiling
 * @param loginFailuresPerSource  failed logins one client address may make per hour (password spraying)
 * @param enrollFailuresPerSource failed enrollments one client address may make per hour (code guessing)
 * @param trustedProxies          addresses of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param throttleKey             HMAC key for throttle rows; blank = a random key kept in the database
 * @param publicRequestsPerMinute requests one source may make per minute to the public GET routes (ADR 0027); 0 = no limit
 * @param publicSourcesTracked    sources with their own counter per minute; past that, new ones share 256 counters
 */
public record SecurityConfig(
        PasswordHasher.Cost passwordCost,
        Duration sessionLifetime,
        int loginFreeFailures,
        Duration loginBaseDelay,
        Duration loginMaxDelay,
        int loginFailuresPerSource,
        int enrollFailuresPerSource,
        Set<String> trustedProxies,
        String throttleKey,
        int publicRequestsPerMinute,
        int publicSourcesTracked) {

    /**
     * 600 a minute: a village meeting of 100 phones behind one carrier-grade NAT address, each
     * opening a notice and a few pages within the same minute, stays well under it; one source at
     * 10 pages/s costs about 1 % of what the server can serve (ADR 0027).
     */
    public static final int PUBLIC_REQUESTS_PER_MINUTE = 600;
    public static final int PUBLIC_SOURCES_TRACKED = 100_000;

    public static final SecurityConfig DEFAULTS = new SecurityConfig(PasswordHasher.Cost.OWASP, Duration.ofHours(12),
            5, Duration.ofSeconds(30), Duration.ofHours(1), 100, 20, Set.of(), "",
            PUBLIC_REQUESTS_PER_MINUTE, PUBLIC_SOURCES_TRACKED);

    public SecurityConfig {
        trustedProxies = Set.copyOf(trustedProxies);
        if (loginFreeFailures < 1 || loginFailuresPerSource < 1 || enrollFailuresPerSource < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1");
        }
        if (publicRequestsPerMinute < 0 || publicSourcesTracked < 1) {
            throw new IllegalArgumentException("sanwu.server.security.publicRequestsPerSourcePerMinute must be 0 (off) or more,"
                    + " publicSourcesTracked at least 1");
        }
    }

    /** Reads the {@code sanwu.server.security.*} keys through {@code get(key, default)}. */
    static SecurityConfig read(java.util.function.BinaryOperator<String> get) {
        SecurityConfig d = DEFAULTS;
        PasswordHasher.Cost cost = new PasswordHasher.Cost(
                intOf(get, "sanwu.server.security.argon2.memoryKib", d.passwordCost().memoryKib()),
                intOf(get, "sanwu.server.security.argon2.iterations", d.passwordCost().iterations()),
                intOf(get, "sanwu.server.security.argon2.parallelism", d.passwordCost().parallelism()));
        String proxies = get.apply("sanwu.server.security.trustedProxies", "");
        return new SecurityConfig(cost,
                Duration.ofMinutes(intOf(get, "sanwu.server.security.sessionMinutes", (int) d.sessionLifetime().toMinutes())),
                intOf(get, "sanwu.server.security.loginFreeFailures", d.loginFreeFailures()),
                d.loginBaseDelay(), d.loginMaxDelay(),
                intOf(get, "sanwu.server.security.loginFailuresPerSourcePerHour", d.loginFailuresPerSource()),
                intOf(get, "sanwu.server.security.enrollFailuresPerSourcePerHour", d.enrollFailuresPerSource()),
                Arrays.stream(proxies.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                get.apply("sanwu.server.security.throttleKey", ""),
                intOf(get, "sanwu.server.security.publicRequestsPerSourcePerMinute", d.publicRequestsPerMinute()),
                intOf(get, "sanwu.server.security.publicSourcesTracked", d.publicSourcesTracked()));
    }

    public SecurityConfig withPasswordCost(PasswordHasher.Cost cost) {
        return new SecurityConfig(cost, sessionLifetime, loginFreeFailures, loginBaseDelay, loginMaxDelay,
                loginFailuresPerSource, enrollFailuresPerSource, trustedProxies, throttleKey, publicRequestsPerMinute,
                publicSourcesTracked);
    }

    public SecurityConfig withTrustedProxies(Set<String> proxies) {
        return new SecurityConfig(passwordCost, sessionLifetime, loginFreeFailures, loginBaseDelay, loginMaxDelay,
                loginFailuresPerSource, enrollFailuresPerSource, proxies, throttleKey, publicRequestsPerMinute,
                publicSourcesTracked);
    }

    /** {@code perMinute} 0: no limit on the public GET routes. */
    public SecurityConfig withPublicRequestsPerMinute(int perMinute) {
        return new SecurityConfig(passwordCost, sessionLifetime, loginFreeFailures, loginBaseDelay, loginMaxDelay,
                loginFailuresPerSource, enrollFailuresPerSource, trustedProxies, throttleKey, perMinute,
                publicSourcesTracked);
    }

    private static int intOf(java.util.function.BinaryOperator<String> get, String key, int fallback) {
        String value = get.apply(key, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + value, e);
        }
    }
}
