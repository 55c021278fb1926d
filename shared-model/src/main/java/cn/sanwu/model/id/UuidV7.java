package cn.sanwu.model.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates RFC 9562 version-7 UUIDs: 48-bit Unix milliseconds, then randomness. Within one
 * millisecond the 12-bit {@code rand_a} field is used as a counter so ids from one generator are
 * strictly increasing even when the clock stands still or steps back. Thread-safe.
 */
public final class UuidV7 {

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private int counter;

    public UuidV7(Clock clock) {
        this(clock, new SecureRandom());
    }

    public UuidV7(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis <= lastMillis) {
            millis = lastMillis;
            counter++;
            if (counter > 0xFFF) {
                // Counter exhausted within one millisecond: borrow the next millisecond.
                millis = lastMillis + 1;
                counter = random.nextInt(0x800);
            }
        } else {
            counter = random.nextInt(0x800);
        }
        lastMillis = millis;
        long msb = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | (0x7L << 12) | (counter & 0xFFF);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Unix milliseconds embedded in a version-7 UUID. */
    public static long timestampMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("not a version-7 UUID: " + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }
}
