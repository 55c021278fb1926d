package cn.sanwu.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    private static final long T0 = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();

    /** A clock whose readings the test controls. */
    private static Clock clock(AtomicLong millis) {
        return new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }

    @Test
    void versionVariantAndTimestamp() {
        UUID id = new UuidV7(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC)).next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562 variant 10xx
        assertThat(UuidV7.timestampMillis(id)).isEqualTo(T0);
        assertThat(id.toString().substring(0, 13).replace("-", "")).isEqualTo(String.format("%012x", T0));
        assertThatThrownBy(() -> UuidV7.timestampMillis(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strictlyIncreasingWithFixedClock() {
        UuidV7 gen = new UuidV7(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC), new SecureRandom());
        assertStrictlyIncreasing(gen, 100_000);
    }

    @Test
    void strictlyIncreasingWhenClockStepsBack() {
        AtomicLong now = new AtomicLong(T0);
        UuidV7 gen = new UuidV7(clock(now));
        UUID previous = gen.next();
        for (int i = 0; i < 50_000; i++) {
            // Mostly forward, sometimes a jump back of up to a minute (NTP correction, manual change).
            now.addAndGet(i % 1000 == 999 ? -60_000 : (i % 3 == 0 ? 1 : 0));
            UUID id = gen.next();
            assertThat(id.toString()).isGreaterThan(previous.toString());
            assertThat(id.compareTo(previous)).isPositive();
            assertThat(UuidV7.timestampMillis(id)).isGreaterThanOrEqualTo(UuidV7.timestampMillis(previous));
            previous = id;
        }
    }

    @Test
    void followsTheClockWhenItMovesForward() {
        AtomicLong now = new AtomicLong(T0);
        UuidV7 gen = new UuidV7(clock(now));
        gen.next();
        now.addAndGet(5_000);
        assertThat(UuidV7.timestampMillis(gen.next())).isEqualTo(T0 + 5_000);
    }

    private static void assertStrictlyIncreasing(UuidV7 gen, int count) {
        UUID previous = gen.next();
        for (int i = 1; i < count; i++) {
            UUID id = gen.next();
            // Both the text form (what databases sort) and UUID.compareTo must agree.
            if (id.toString().compareTo(previous.toString()) <= 0 || id.compareTo(previous) <= 0) {
                throw new AssertionError("not increasing at " + i + ": " + previous + " then " + id);
            }
            assertThat(id.version()).isEqualTo(7);
            previous = id;
        }
        // With a stuck clock the 12-bit counter borrows future milliseconds, but only a few.
        assertThat(UuidV7.timestampMillis(previous) - T0).isBetween(1L, (long) count / 2048 + 1);
    }
}
