package cn.sanwu.server.throttle;

import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.Inserts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Failure counters in the database, so every server instance behind a load balancer sees the
 * same ones (no state in memory). An attempt is counted <em>before</em> the caller checks the
 * secret, under a row lock: a hundred parallel guesses are serialised and all but the allowed
 * few are refused; a success then forgets or refunds its count. Thread-safe.
 */
public final class Throttle {

    /** One counter: a rule applied to a subject (a normalised username, a client address). */
    public record Subject(ThrottleRule rule, String subject) {
    }

    private static final Duration KEEP_ROWS = Duration.ofDays(2);

    private final Database db;
    private final Clock clock;
    private final KeyedHash keys;

    public Throttle(Database db, Clock clock, KeyedHash keys) {
        this.db = db;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * Counts one attempt against every subject, in one transaction; or, if any of them is blocked,
     * counts nothing and answers how long until the longest block ends (whole seconds, at least 1).
     */
    public Optional<Duration> attempt(List<Subject> subjects) {
        Instant now = now();
        return db.inTransaction(c -> {
            if (ThreadLocalRandom.current().nextInt(200) == 0) {
                forgetOldRows(c, now);
            }
            List<Counter> counters = new ArrayList<>();
            Duration retryAfter = Duration.ZERO;
            for (Subject s : subjects) {
                Counter counter = lockOrCreate(c, key(s), s.rule(), now);
                if (!counter.windowStart().plus(s.rule().window()).isAfter(now)) {
                    counter = new Counter(counter.key(), 0, now, null);
                }
                if (counter.blockedUntil() != null && counter.blockedUntil().isAfter(now)) {
                    Duration left = Duration.between(now, counter.blockedUntil());
                    retryAfter = left.compareTo(retryAfter) > 0 ? left : retryAfter;
                }
                counters.add(counter);
            }
            if (!retryAfter.isZero()) {
                return Optional.of(roundUpToSeconds(retryAfter));
            }
            for (int i = 0; i < counters.size(); i++) {
                Counter counter = counters.get(i);
                ThrottleRule rule = subjects.get(i).rule();
                int failures = counter.failures() + 1;
                save(c, new Counter(counter.key(), failures, counter.windowStart(),
                        rule.blockedUntil(failures, counter.windowStart(), now)));
            }
            return Optional.empty();
        });
    }

    /**
     * Read-only: how long until every block on these subjects ends, if any is blocked now; counts
     * nothing and locks nothing. For hot paths that count only failures (a ticket look-up):
     * check here, and call {@link #attempt} once the request has failed.
     */
    public Optional<Duration> blockedFor(List<Subject> subjects) {
        Instant now = now();
        return db.inTransaction(c -> {
            Duration retryAfter = Duration.ZERO;
            for (Subject s : subjects) {
                try (PreparedStatement ps = c.prepareStatement("SELECT blocked_until FROM throttle WHERE key_hash = ?")) {
                    ps.setString(1, key(s));
                    try (ResultSet rs = ps.executeQuery()) {
                        OffsetDateTime blocked = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                        if (blocked != null && blocked.toInstant().isAfter(now)) {
                            Duration left = Duration.between(now, blocked.toInstant());
                            retryAfter = left.compareTo(retryAfter) > 0 ? left : retryAfter;
                        }
                    }
                }
            }
            return retryAfter.isZero() ? Optional.<Duration>empty() : Optional.of(roundUpToSeconds(retryAfter));
        });
    }

    /** The attempt succeeded: reset ({@link ThrottleRule#resetOnSuccess()}) or refund its count. */
    public void succeeded(List<Subject> subjects) {
        Instant now = now();
        db.inTransaction(c -> {
            for (Subject s : subjects) {
                String key = key(s);
                if (s.rule().resetOnSuccess()) {
                    delete(c, key);
                    continue;
                }
                Optional<Counter> counter = lock(c, key);
                if (counter.isPresent() && counter.get().failures() > 0) {
                    Counter old = counter.get();
                    int failures = old.failures() - 1;
                    save(c, new Counter(key, failures, old.windowStart(),
                            s.rule().blockedUntil(failures, old.windowStart(), now)));
                }
            }
            return null;
        });
    }

    /** Milliseconds: what both databases store exactly, so a stored block ends when it should. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String key(Subject s) {
        return keys.of(s.rule().name() + ":" + s.subject());
    }

    private record Counter(String key, int failures, Instant windowStart, Instant blockedUntil) {
    }

    private static Counter lockOrCreate(Connection c, String key, ThrottleRule rule, Instant now) throws SQLException {
        Optional<Counter> existing = lock(c, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        Inserts.insertIfAbsent(c, "INSERT INTO throttle(key_hash, rule, failures, window_start) VALUES (?, ?, 0, ?)", ps -> {
            ps.setString(1, key);
            ps.setString(2, rule.name());
            ps.setObject(3, utc(now));
        });
        return lock(c, key).orElseThrow(() -> new IllegalStateException("throttle row vanished: " + rule.name()));
    }

    private static Optional<Counter> lock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT failures, window_start, blocked_until FROM throttle WHERE key_hash = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime blocked = rs.getObject(3, OffsetDateTime.class);
                return Optional.of(new Counter(key, rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        blocked == null ? null : blocked.toInstant()));
            }
        }
    }

    private static void save(Connection c, Counter counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE throttle SET failures = ?, window_start = ?, blocked_until = ? WHERE key_hash = ?")) {
            ps.setInt(1, counter.failures());
            ps.setObject(2, utc(counter.windowStart()));
            ps.setObject(3, counter.blockedUntil() == null ? null : utc(counter.blockedUntil()));
            ps.setString(4, counter.key());
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM throttle WHERE key_hash = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /** Keeps the table small when many subjects (random usernames, many addresses) fail once. */
    private static void forgetOldRows(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM throttle WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < ?)")) {
            ps.setObject(1, utc(now.minus(KEEP_ROWS)));
            ps.setObject(2, utc(now));
            ps.executeUpdate();
        }
    }

    private static Duration roundUpToSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
