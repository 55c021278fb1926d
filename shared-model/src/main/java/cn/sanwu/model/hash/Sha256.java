package cn.sanwu.model.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK. Thread-safe (a new MessageDigest per call). */
public final class Sha256 implements HashAlgorithm {

    public static final Sha256 INSTANCE = new Sha256();

    private Sha256() {
    }

    @Override
    public String name() {
        return "sha256";
    }

    @Override
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
