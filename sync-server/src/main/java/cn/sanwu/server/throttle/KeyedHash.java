package cn.sanwu.server.throttle;

import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.Inserts;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a server key, for throttle rows: a client address or a username is never
 * stored, only this. The key is {@code sanwu.server.throttleKey} when configured (then a stolen
 * database alone cannot be brute-forced back to IPv4 addresses), otherwise a random key made once
 * and kept in {@code server_secret}, shared by every instance. Thread-safe (immutable key).
 */
public final class KeyedHash {

    private static final String SECRET_NAME = "throttle-hmac-key";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private KeyedHash(byte[] key) {
        this.key = key;
    }

    /** The configured key if not blank, else the database's (created on first start). */
    public static KeyedHash load(Database db, String configuredKey) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            if (configuredKey.strip().length() < 32) {
                throw new IllegalArgumentException("sanwu.server.throttleKey must have at least 32 characters");
            }
            return new KeyedHash(configuredKey.strip().getBytes(StandardCharsets.UTF_8));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String encoded = db.inTransaction(c -> {
            Inserts.insertIfAbsent(c, "INSERT INTO server_secret(name, secret_value) VALUES (?, ?)", ps -> {
                ps.setString(1, SECRET_NAME);
                ps.setString(2, Base64.getEncoder().encodeToString(fresh));
            });
            try (PreparedStatement ps = c.prepareStatement("SELECT secret_value FROM server_secret WHERE name = ?")) {
                ps.setString(1, SECRET_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        return new KeyedHash(Base64.getDecoder().decode(encoded));
    }

    /** Lowercase hex HMAC of {@code text}'s UTF-8 bytes. */
    public String of(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
