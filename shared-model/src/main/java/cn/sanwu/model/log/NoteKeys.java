package cn.sanwu.model.log;

import cn.sanwu.model.hash.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key names and key IDs as c2sp.org/signed-note defines them. */
public final class NoteKeys {

    /** Signature type byte of plain Ed25519 in c2sp.org/signed-note. */
    public static final byte ED25519 = 0x01;

    /**
     * Signature type byte for algorithms without an assigned byte (such as SM2); the spec asks that
     * a longer identifier follows it in the key-ID input, e.g. {@code "sm2-sm3"} as ASCII.
     */
    public static final byte UNASSIGNED = (byte) 0xff;

    private NoteKeys() {
    }

    /** {@code SHA-256(key name || 0x0A || type || public key)[:4]}, big-endian. */
    public static int keyId(String keyName, byte signatureType, byte[] publicKey) {
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(name.length + 2 + publicKey.length);
        input.put(name).put((byte) '\n').put(signatureType).put(publicKey);
        return ByteBuffer.wrap(Sha256.INSTANCE.digest(input.array())).getInt();
    }

    /** Non-empty, no Unicode space, no '+', no control character. */
    public static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || c == 0x7f
                || Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static String requireValidKeyName(String name) {
        if (!isValidKeyName(name)) {
            throw new IllegalArgumentException("key name must be non-empty without spaces or '+': \"" + name + "\"");
        }
        return name;
    }
}
