package cn.sanwu.server.throttle;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash made for hash-table keys an
 * attacker chooses. Used for the in-memory per-source counters ({@link SourceLimiter}) because
 * it costs about 0.1 µs where an HMAC-SHA256 through {@code javax.crypto.Mac} costs about 5 µs
 * (docs/benchmarks.md); without the key nobody can predict or invert it, and 64 bits make an
 * accidental collision between two of even a million sources a one-in-ten-million event.
 * Immutable and thread-safe.
 */
public final class SipHash {

    private final long k0;
    private final long k1;

    /** {@code key}: 16 bytes, read little-endian as the reference does. */
    public SipHash(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("SipHash takes a 16-byte key");
        }
        this.k0 = littleEndian(key, 0, 8);
        this.k1 = littleEndian(key, 8, 8);
    }

    public long hash(byte[] data) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
        int whole = data.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            compress(v, littleEndian(data, i, 8), 2);
        }
        compress(v, ((long) data.length << 56) | littleEndian(data, whole, data.length - whole), 2);
        v[2] ^= 0xff;
        rounds(v, 4);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m, int rounds) {
        v[3] ^= m;
        rounds(v, rounds);
        v[0] ^= m;
    }

    /** SipRound, {@code n} times. */
    private static void rounds(long[] v, int n) {
        long v0 = v[0];
        long v1 = v[1];
        long v2 = v[2];
        long v3 = v[3];
        for (int r = 0; r < n; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
    }

    private static long littleEndian(byte[] b, int from, int count) {
        long v = 0;
        for (int i = count - 1; i >= 0; i--) {
            v = (v << 8) | (b[from + i] & 0xFFL);
        }
        return v;
    }
}
