package cn.sanwu.server.feedback;

import cn.sanwu.server.throttle.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The hidden "when was this form shown" field: the issue time and an HMAC of it and the village,
 * so a bot cannot forge an old time. A form sent back sooner than {@link #MIN_FILL} after it was
 * shown was not filled in by a person; one older than {@link #MAX_AGE} is refused as stale (the
 * resident just sends it again). No state is kept. Thread-safe.
 */
public final class FormToken {

    public static final Duration MIN_FILL = Duration.ofSeconds(3);
    public static final Duration MAX_AGE = Duration.ofHours(24);

    public enum Check { OK, TOO_FAST, STALE, FORGED }

    private final KeyedHash keys;
    private final Clock clock;

    public FormToken(KeyedHash keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(String villageCode) {
        long millis = clock.millis();
        return millis + "." + mac(villageCode, millis);
    }

    public Check check(String token, String villageCode) {
        if (token == null || villageCode == null) {
            return Check.FORGED;
        }
        int dot = token.indexOf('.');
        long millis;
        try {
            millis = Long.parseLong(token.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return Check.FORGED;
        }
        if (!java.security.MessageDigest.isEqual(token.substring(dot + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                mac(villageCode, millis).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Check.FORGED;
        }
        Instant shown = Instant.ofEpochMilli(millis);
        Instant now = clock.instant();
        if (now.isBefore(shown.plus(MIN_FILL))) {
            return Check.TOO_FAST;
        }
        return now.isAfter(shown.plus(MAX_AGE)) ? Check.STALE : Check.OK;
    }

    /**
     * The first 128 bits of the keyed hash, written with the letters a–p instead of hex: the token
     * sits in every public form page, and a run of hex digits can look like a bank-card number
     * (Luhn-valid 16 digits, about one page in a thousand) to a personal-data scanner.
     */
    private String mac(String villageCode, long millis) {
        String hex = keys.of("feedback-form:" + villageCode + ":" + millis).substring(0, 32);
        StringBuilder letters = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            letters.append((char) ('a' + Character.digit(hex.charAt(i), 16)));
        }
        return letters.toString();
    }
}
