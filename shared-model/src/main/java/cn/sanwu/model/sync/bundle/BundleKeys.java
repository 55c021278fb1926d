package cn.sanwu.model.sync.bundle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ed25519 keys and signatures for bundle files (ADR 0012), with the JDK's own provider. Keys
 * travel and are stored as base64 of their standard encodings (X.509 for public, PKCS#8 for
 * private). Stateless and thread-safe.
 */
public final class BundleKeys {

    private static final String ALGORITHM = "Ed25519";
    /** Every Ed25519 signature is exactly this long. */
    public static final int SIGNATURE_BYTES = 64;

    private BundleKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The public key in {@code base64}; {@link IllegalArgumentException} if it is not an Ed25519 key. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** A short fingerprint to name a key in headers and messages: 16 hex digits of SHA-256 of its encoding. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded())).substring(0, 16);
    }

    public static byte[] sign(PrivateKey key, byte[] data, int length) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data, 0, length);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an Ed25519 key", e);
        }
    }

    /** True only for a valid signature by {@code key}; a malformed signature is simply not valid. */
    public static boolean verify(PublicKey key, byte[] data, int length, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data, 0, length);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Proof that the server answering a file enrollment saw the one-time code: HMAC-SHA256 keyed
     * with the normalised code over the server key and the device id, in hex. The village checks it
     * with the code it typed, so the first reply's server key is not taken on trust alone.
     */
    public static String codeProof(String normalisedCode, String serverPublicKey, String deviceId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(normalisedCode.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(serverPublicKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return HexFormat.of().formatHex(mac.doFinal(deviceId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Codes are compared case-insensitively and without spaces, as people type them (as the server does). */
    public static String normaliseCode(String typed) {
        return typed.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
