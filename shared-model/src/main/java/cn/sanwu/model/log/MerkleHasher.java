package cn.sanwu.model.log;

import cn.sanwu.model.hash.HashAlgorithm;
import cn.sanwu.model.hash.Sha256;
import java.util.Objects;

/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing over a pluggable {@link HashAlgorithm}: a leaf hashes as
 * {@code H(0x00 || data)}, an inner node as {@code H(0x01 || left || right)}, and the empty tree as
 * {@code H("")}. The distinct prefixes keep a leaf from ever being passed off as an inner node
 * (second-preimage protection). Thread-safe when the algorithm is.
 */
public final class MerkleHasher {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final HashAlgorithm algorithm;
    private final byte[] emptyRoot;

    public MerkleHasher(HashAlgorithm algorithm) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.emptyRoot = algorithm.digest(new byte[0]);
        if (emptyRoot.length == 0) {
            throw new IllegalArgumentException("hash algorithm " + algorithm.name() + " returned an empty digest");
        }
    }

    public static MerkleHasher sha256() {
        return new MerkleHasher(Sha256.INSTANCE);
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** Length in bytes of every hash this hasher produces (32 for SHA-256 and SM3). */
    public int hashSize() {
        return emptyRoot.length;
    }

    /** MTH({}) = H(""), the root of the tree with no leaves. */
    public byte[] emptyRoot() {
        return emptyRoot.clone();
    }

    public byte[] leafHash(byte[] leafData) {
        byte[] input = new byte[leafData.length + 1];
        input[0] = LEAF_PREFIX;
        System.arraycopy(leafData, 0, input, 1, leafData.length);
        return algorithm.digest(input);
    }

    public byte[] nodeHash(byte[] left, byte[] right) {
        byte[] input = new byte[1 + left.length + right.length];
        input[0] = NODE_PREFIX;
        System.arraycopy(left, 0, input, 1, left.length);
        System.arraycopy(right, 0, input, 1 + left.length, right.length);
        return algorithm.digest(input);
    }
}
