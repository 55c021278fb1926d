package cn.sanwu.model.hash;

/**
 * A content-hash algorithm. SHA-256 is the default; government deployments may require SM3, which
 * plugs in here without touching callers.
 */
public interface HashAlgorithm {

    /** Short lowercase name used as the prefix of a {@link ContentHash}, e.g. {@code sha256}. */
    String name();

    byte[] digest(byte[] data);
}
