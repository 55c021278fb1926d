package cn.sanwu.server.throttle;

import java.time.Duration;
import java.time.Instant;

/**
 * How failures of one kind are counted and when they block (docs/decisions/0011). A counter
 * starts at a subject's first failure and is forgotten {@link #window()} later.
 */
public sealed interface ThrottleRule {

    /** Short, stable; part of the keyed hash and stored beside it. */
    String name();

    /** How long a counter lives after its first failure. */
    Duration window();

    /** When a counter that has just reached {@code failures} blocks until; null: not blocked. */
    Instant blockedUntil(int failures, Instant windowStart, Instant now);

    /** True: a success forgets the counter; false: a success only takes back its own attempt. */
    boolean resetOnSuccess();

    /**
     * Per account: {@code freeFailures} wrong passwords pass, then each further one blocks for
     * {@code baseDelay} × 2^(failures − freeFailures), at most {@code maxDelay}; a correct
     * password forgets all.
     */
    record Backoff(String name, int freeFailures, Duration baseDelay, Duration maxDelay, Duration window)
            implements ThrottleRule {
        @Override
        public Instant blockedUntil(int failures, Instant windowStart, Instant now) {
            if (failures < freeFailures) {
                return null;
            }
            int doublings = Math.min(failures - freeFailures, 30);
            Duration delay = baseDelay.multipliedBy(1L << doublings);
            return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        }

        @Override
        public boolean resetOnSuccess() {
            return true;
        }
    }

    /** Per source: at most {@code maxFailures} failures per window; successes do not count. */
    record Window(String name, int maxFailures, Duration window) implements ThrottleRule {
        @Override
        public Instant blockedUntil(int failures, Instant windowStart, Instant now) {
            return failures >= maxFailures ? windowStart.plus(window) : null;
        }

        @Override
        public boolean resetOnSuccess() {
            return false;
        }
    }
}
