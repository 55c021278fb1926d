package cn.sanwu.server.throttle;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests per source in a fixed window, counted in memory (ADR 0027) — for the public GET pages,
 * where {@link Throttle}'s row lock per request would cost more than the page. Per server
 * instance: behind a load balancer of n instances a source gets up to n times the limit.
 *
 * <p>No address is kept: a source is reduced to a 64-bit {@link SipHash} under a random key made
 * for each window and dropped with it, so the counters of a past window cannot be tied to an
 * address even by someone who reads the process's memory later, and the current window's only with
 * its key. An IPv6 source counts by its /64 (one subscriber's prefix: changing the low 64 bits is
 * free for the client). At most {@code maxSources} sources get their own counter in one window;
 * past that (a flood from very many addresses) new sources share one of 256 overflow counters,
 * so memory stays bounded and the flood stays limited. Thread-safe, lock-free on the hot path.
 */
public final class SourceLimiter {

    private static final int OVERFLOW_BUCKETS = 256;

    private final int limit;
    private final long windowMillis;
    private final int maxSources;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Window current;

    private record Window(long start, SipHash key, ConcurrentHashMap<Long, AtomicInteger> counts, AtomicInteger[] overflow) {
    }

    /** {@code limit} requests per {@code window} per source; {@code maxSources} own counters per window. */
    public SourceLimiter(int limit, Duration window, int maxSources, Clock clock) {
        if (limit < 1 || maxSources < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("limit, sources and window must be positive");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.maxSources = maxSources;
        this.clock = clock;
        this.current = fresh(clock.millis());
    }

    public int limit() {
        return limit;
    }

    /**
     * Counts one request from {@code source} (an address literal; anything else is counted by its
     * text); answers how long until its window ends when it is over the limit, else empty.
     */
    public Optional<Duration> attempt(String source) {
        long now = clock.millis();
        Window w = current;
        if (now - w.start() >= windowMillis || now < w.start()) {
            w = roll(now);
        }
        long h = w.key().hash(normalise(source));
        AtomicInteger counter = w.counts().get(h);
        if (counter == null) {
            counter = w.counts().size() >= maxSources
                    ? w.overflow()[(int) (h & (OVERFLOW_BUCKETS - 1))]
                    : w.counts().computeIfAbsent(h, k -> new AtomicInteger());
        }
        if (counter.incrementAndGet() <= limit) {
            return Optional.empty();
        }
        long leftMillis = Math.max(1, w.start() + windowMillis - now);
        return Optional.of(Duration.ofSeconds((leftMillis + 999) / 1000));
    }

    /** Sources with their own counter in the current window (for tests and the bound). */
    public int trackedSources() {
        return current.counts().size();
    }

    /** A clock set back (tests, NTP) also starts a new window rather than extending the old one. */
    private synchronized Window roll(long now) {
        Window w = current;
        if (now - w.start() >= windowMillis || now < w.start()) {
            w = fresh(now);
            current = w;
        }
        return w;
    }

    private Window fresh(long now) {
        byte[] key = new byte[16];
        random.nextBytes(key);
        AtomicInteger[] overflow = new AtomicInteger[OVERFLOW_BUCKETS];
        Arrays.setAll(overflow, i -> new AtomicInteger());
        return new Window(now, new SipHash(key), new ConcurrentHashMap<>(), overflow);
    }

    /**
     * An IPv4 address as its 4 bytes, an IPv6 one as its first 8 (the /64), an IPv4-mapped IPv6 as
     * the IPv4; only literals are parsed ({@link InetAddress#ofLiteral} never asks DNS). Anything
     * else — a proxy that wrote a name — counts as its text. A leading kind byte keeps the three apart.
     */
    static byte[] normalise(String source) {
        String s = source == null ? "" : source.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        try {
            byte[] raw = InetAddress.ofLiteral(s).getAddress();
            byte[] kind = {(byte) raw.length};
            return raw.length == 16 ? concat(kind, Arrays.copyOf(raw, 8)) : concat(kind, raw);
        } catch (IllegalArgumentException notALiteral) {
            return concat(new byte[] {0}, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
