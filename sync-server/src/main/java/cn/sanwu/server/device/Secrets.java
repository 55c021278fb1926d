package cn.sanwu.server.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer tokens and enrollment codes, and the SHA-256 under which they are stored: the
 * database never holds a usable secret. Thread-safe.
 */
public final class Secrets {

    /** Crockford-style alphabet without 0/O and 1/I/L: codes are read aloud and typed by hand. */
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

    private final SecureRandom random = new SecureRandom();

    /** 256 random bits, base64url without padding (43 characters). */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Twelve characters (~59 bits) in three groups, e.g. {@code K7M2-PQ9X-4HTR}. */
    public String newEnrollmentCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** The stored form of a token or code: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Codes are compared case-insensitively and without spaces, as people type them. */
    public static String normaliseCode(String typed) {
        return cn.sanwu.model.sync.bundle.BundleKeys.normaliseCode(typed);
    }
}
