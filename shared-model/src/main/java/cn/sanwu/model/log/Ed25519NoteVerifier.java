package cn.sanwu.model.log;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 note verifier. Besides the X.509 encoding it reads and writes the verifier-key text
 * used by Go's {@code golang.org/x/mod/sumdb/note}: {@code <name>+<8 hex key ID>+<base64(0x01 ||
 * 32-byte key)>}, a convenient one-line form for configuration files.
 */
public final class Ed25519NoteVerifier implements NoteVerifier {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW_KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private final String keyName;
    private final PublicKey publicKey;
    private final byte[] rawPublicKey;
    private final int keyId;

    private Ed25519NoteVerifier(String keyName, PublicKey publicKey, byte[] rawPublicKey) {
        this.keyName = NoteKeys.requireValidKeyName(keyName);
        this.publicKey = publicKey;
        this.rawPublicKey = rawPublicKey;
        this.keyId = NoteKeys.keyId(keyName, NoteKeys.ED25519, rawPublicKey);
    }

    public static Ed25519NoteVerifier fromX509(String keyName, byte[] x509PublicKey) {
        if (x509PublicKey == null || x509PublicKey.length != SPKI_PREFIX.length + RAW_KEY_LENGTH
                || !Arrays.equals(x509PublicKey, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key");
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509PublicKey));
            return new Ed25519NoteVerifier(keyName, key,
                    Arrays.copyOfRange(x509PublicKey, SPKI_PREFIX.length, x509PublicKey.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static Ed25519NoteVerifier fromRaw(String keyName, byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != RAW_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_KEY_LENGTH);
        System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, RAW_KEY_LENGTH);
        return fromX509(keyName, spki);
    }

    /** Parses {@code <name>+<hex key ID>+<base64(0x01 || key)>}; the key ID must match. */
    public static Ed25519NoteVerifier parseVerifierKey(String text) {
        // Key names contain no '+', but base64 may: split into name, key ID and the rest.
        String[] parts = text == null ? new String[0] : text.strip().split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("verifier key must read <name>+<8 hex digits>+<base64>");
        }
        byte[] typedKey;
        try {
            typedKey = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verifier key: bad base64", e);
        }
        if (typedKey.length != 1 + RAW_KEY_LENGTH || typedKey[0] != NoteKeys.ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key");
        }
        Ed25519NoteVerifier verifier = fromRaw(parts[0], Arrays.copyOfRange(typedKey, 1, typedKey.length));
        if (!verifier.verifierKey().equals(text.strip())) {
            throw new IllegalArgumentException("verifier key: key ID does not match the key");
        }
        return verifier;
    }

    /** This key as {@code <name>+<hex key ID>+<base64(0x01 || key)>}. */
    public String verifierKey() {
        byte[] typedKey = new byte[1 + RAW_KEY_LENGTH];
        typedKey[0] = NoteKeys.ED25519;
        System.arraycopy(rawPublicKey, 0, typedKey, 1, RAW_KEY_LENGTH);
        return keyName + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(typedKey);
    }

    public byte[] x509Encoded() {
        return publicKey.getEncoded();
    }

    @Override
    public String keyName() {
        return keyName;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    @Override
    public boolean verify(byte[] noteText, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(noteText);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature is simply not a valid one.
            return false;
        }
    }
}
