package cn.sanwu.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding), so the cost
 * travels with each hash: raising {@link Cost} later leaves old hashes verifiable, and
 * {@link #needsRehash} tells the login to store a new one (docs/decisions/0011). Passwords are
 * NFKC-normalised and UTF-8 encoded first, so the same characters typed on another keyboard or
 * input method verify. Thread-safe (a new generator per call).
 */
public final class PasswordHasher {

    /**
     * Argon2id cost: memory in KiB, passes, lanes.
     * {@link #OWASP} is OWASP's minimum recommendation (m=19 MiB, t=2, p=1).
     */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public static final Cost OWASP = new Cost(19 * 1024, 2, 1);

        public Cost {
            if (parallelism < 1 || parallelism > 16 || iterations < 1 || iterations > 100
                    || memoryKib < 8 * parallelism || memoryKib > 4 * 1024 * 1024) {
                throw new IllegalArgumentException("Argon2 cost out of range: m=" + memoryKib + " t=" + iterations
                        + " p=" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Cost cost) {
        this.cost = cost;
    }

    public Cost cost() {
        return cost;
    }

    /** A new salted hash of {@code password} at the current cost. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code phc}; false, never an exception, for a malformed hash. */
    public boolean verify(String password, String phc) {
        Optional<Stored> stored = parse(phc);
        if (stored.isEmpty()) {
            return false;
        }
        Stored s = stored.get();
        byte[] candidate = derive(password, s.salt(), s.cost(), s.hash().length);
        return MessageDigest.isEqual(candidate, s.hash());
    }

    /** True when {@code phc} was made at another cost than the current one (or cannot be read). */
    public boolean needsRehash(String phc) {
        return parse(phc).map(s -> !s.cost().equals(cost)).orElse(true);
    }

    private record Stored(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Optional<Stored> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return Optional.of(new Stored(cost, B64_DECODER.decode(m.group(4)), B64_DECODER.decode(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
