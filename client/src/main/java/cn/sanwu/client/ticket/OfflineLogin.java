package cn.sanwu.client.ticket;

import cn.sanwu.client.store.Database;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The password check for opening an account's ticket cache without a connection (client V6,
 * ADR 0029). After each online login the PC keeps a PBKDF2-HMAC-SHA256 verifier of the password
 * (random salt per account); offline, the window opens only when the typed password matches it.
 * An account that never logged in online on this PC (or before this version) cannot be opened
 * offline. Thread-safe; meant to run off the UI thread (one check costs ~0.1–0.3 s on purpose).
 */
public final class OfflineLogin {

    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; this is a check of a cache the PC already holds. */
    static final int ITERATIONS = 310_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public OfflineLogin(Database db) {
        this.db = db;
    }

    /** After a successful online login: keep a verifier of {@code password} for {@code owner}. */
    public void remember(String owner, String password, Instant now) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] verifier = derive(password, salt, ITERATIONS);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO ticket_login(owner, salt, iterations, verifier,"
                    + " saved_at) KEY(owner) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, owner);
                ps.setBytes(2, salt);
                ps.setInt(3, ITERATIONS);
                ps.setBytes(4, verifier);
                ps.setObject(5, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** True only when {@code owner} logged in online here before and {@code password} is the one it used. */
    public boolean matches(String owner, String password) {
        record Stored(byte[] salt, int iterations, byte[] verifier) {
        }
        Stored stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT salt, iterations, verifier FROM ticket_login WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Stored(rs.getBytes(1), rs.getInt(2), rs.getBytes(3)) : null;
                }
            }
        });
        return stored != null && MessageDigest.isEqual(stored.verifier(), derive(password, stored.salt(), stored.iterations()));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
