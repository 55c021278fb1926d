package cn.sanwu.server.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.MutableClock;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The in-memory per-source counter of the public pages (ADR 0027) and its keyed hash. */
class SourceLimiterTest {

    final MutableClock clock = MutableClock.startingNow();

    /** The reference vector of the SipHash paper (appendix A): key 00..0f, message 00..0e. */
    @Test
    void sipHashMatchesTheReferenceVector() {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) i;
        }
        byte[] message = new byte[15];
        for (int i = 0; i < 15; i++) {
            message[i] = (byte) i;
        }
        assertThat(Long.toHexString(new SipHash(key).hash(message))).isEqualTo("a129ca6149be45e5");
        // The empty message, from the reference implementation's vectors.h (little-endian bytes 31 0e 0e dd 47 db 6f 72).
        long empty = new SipHash(key).hash(new byte[0]);
        assertThat(HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(empty).array())).isEqualTo("310e0edd47db6f72");
    }

    @Test
    void oneSourceIsLimitedWhileAnotherIsServedAndANewWindowServesAgain() {
        SourceLimiter limiter = new SourceLimiter(5, Duration.ofMinutes(1), 1000, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.attempt("10.0.0.1")).as("request %d", i).isEmpty();
        }
        assertThat(limiter.attempt("10.0.0.1")).contains(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(45));
        assertThat(limiter.attempt("10.0.0.1")).as("retry-after counts down").contains(Duration.ofSeconds(15));
        assertThat(limiter.attempt("10.0.0.2")).isEmpty();
        clock.advance(Duration.ofSeconds(15));
        assertThat(limiter.attempt("10.0.0.1")).as("the next window").isEmpty();
    }

    @Test
    void anIpv6SourceCountsByItsSlash64AndSpellingsOfOneAddressAreOneSource() {
        SourceLimiter limiter = new SourceLimiter(3, Duration.ofMinutes(1), 1000, clock);
        assertThat(limiter.attempt("2001:db8:1:2::1")).isEmpty();
        assertThat(limiter.attempt("2001:db8:1:2:ffff:eeee:dddd:cccc")).isEmpty();
        assertThat(limiter.attempt("[2001:0db8:0001:0002::9]")).isEmpty();
        assertThat(limiter.attempt("2001:db8:1:2::abcd%eth0")).as("same /64, fourth request").isPresent();
        assertThat(limiter.attempt("2001:db8:1:3::1")).as("another /64").isEmpty();
        assertThat(limiter.attempt("::ffff:10.0.0.9")).isEmpty();
        assertThat(limiter.attempt("10.0.0.9")).isEmpty();
        assertThat(limiter.attempt("10.0.0.9")).isEmpty();
        assertThat(limiter.attempt("10.0.0.9")).as("an IPv4-mapped address is its IPv4").isPresent();
        assertThat(SourceLimiter.normalise("proxy.example")).as("a name is not looked up").startsWith(0);
    }

    @Test
    void pastTheBoundNewSourcesShareOverflowCountersAndAreStillLimited() {
        SourceLimiter limiter = new SourceLimiter(2, Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 5000; i++) {
            limiter.attempt("10.1." + (i / 250) + "." + (i % 250));
        }
        assertThat(limiter.trackedSources()).isLessThanOrEqualTo(100);
        // 4,900 sources in 256 shared counters of 2: a new source lands in a full one.
        assertThat(limiter.attempt("10.9.9.9")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.attempt("10.9.9.9")).as("a new window forgets them all").isEmpty();
        assertThat(limiter.trackedSources()).isEqualTo(1);
    }

    /** The counters are keyed by a 64-bit hash under a key made per window: nothing in them reads as an address. */
    @Test
    void aWindowsKeyIsFreshSoTheSameSourceHashesDifferently() {
        SourceLimiter limiter = new SourceLimiter(1, Duration.ofMinutes(1), 10, clock);
        SipHash first = new SipHash(new byte[16]);
        byte[] other = new byte[16];
        other[0] = 1;
        assertThat(first.hash(SourceLimiter.normalise("10.0.0.1"))).isNotEqualTo(new SipHash(other).hash(SourceLimiter.normalise("10.0.0.1")));
        assertThat(limiter.attempt("10.0.0.1")).isEmpty();
        assertThat(limiter.attempt("10.0.0.1")).isPresent();
    }
}
