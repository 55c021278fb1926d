package cn.sanwu.model.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tree heads and proofs over a {@link LeafSource}, following RFC 9162 §2.1: MTH for any size up
 * to the current one, audit paths (§2.1.3.1) and consistency proofs (§2.1.4.1).
 *
 * <p>Every range these algorithms hash is a run of complete, aligned subtrees ({@code 2^level}
 * leaves starting at a multiple of {@code 2^level}) plus a right edge built from smaller ones. In
 * an append-only log a complete subtree never changes, so its hash is cached once computed and
 * stays valid as the log grows; a head or a proof then costs O(log n) cache look-ups after the
 * first pass. Levels below {@code minCachedLevel} are recomputed from one range read of at most
 * {@code 2^minCachedLevel} leaves, which bounds the cache to about
 * {@code n / 2^(minCachedLevel - 1)} entries. Thread-safe: concurrent callers may compute the same subtree twice, never a wrong one.
 */
public final class MerkleTree {

    /** Subtrees of 16 or more leaves are cached: 12,494 entries (≈ 1.5 MB) for 100,000 leaves. */
    public static final int DEFAULT_MIN_CACHED_LEVEL = 4;

    private final MerkleHasher hasher;
    private final LeafSource leaves;
    private final int minCachedLevel;
    private final Map<Long, byte[]> completeSubtrees = new ConcurrentHashMap<>();

    public MerkleTree(MerkleHasher hasher, LeafSource leaves) {
        this(hasher, leaves, DEFAULT_MIN_CACHED_LEVEL);
    }

    /** {@code minCachedLevel} 1..62; larger means a smaller cache and more leaf reads per proof. */
    public MerkleTree(MerkleHasher hasher, LeafSource leaves, int minCachedLevel) {
        if (minCachedLevel < 1 || minCachedLevel > 62) {
            throw new IllegalArgumentException("minCachedLevel must be 1..62, was " + minCachedLevel);
        }
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.leaves = Objects.requireNonNull(leaves, "leaves");
        this.minCachedLevel = minCachedLevel;
    }

    public MerkleHasher hasher() {
        return hasher;
    }

    /** Current number of leaves. */
    public long size() {
        return leaves.size();
    }

    /** MTH of the first {@code treeSize} leaves (a past or the current tree head). */
    public byte[] rootHash(long treeSize) {
        requireSize(treeSize, "tree size");
        return rangeHash(0, treeSize);
    }

    /** Audit path for leaf {@code leafIndex} in the tree of the first {@code treeSize} leaves. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireSize(treeSize, "tree size");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not in a tree of size " + treeSize);
        }
        // PATH(m, D[n]) from the top down: at each split the sibling subtree is part of the path.
        // Collected top-down, returned bottom-up as the RFC orders it.
        List<byte[]> path = new ArrayList<>();
        long from = 0;
        long to = treeSize;
        while (to - from > 1) {
            long k = largestPowerOfTwoBelow(to - from);
            if (leafIndex < from + k) {
                path.add(rangeHash(from + k, to));
                to = from + k;
            } else {
                path.add(rangeHash(from, from + k));
                from += k;
            }
        }
        Collections.reverse(path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /**
     * Proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code newSize}
     * leaves. Empty when {@code oldSize} is 0 or equals {@code newSize}.
     */
    public ConsistencyProof consistencyProof(long oldSize, long newSize) {
        requireSize(newSize, "new tree size");
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " must be between 0 and the new size " + newSize);
        }
        List<byte[]> path = new ArrayList<>();
        if (oldSize == 0 || oldSize == newSize) {
            return new ConsistencyProof(oldSize, newSize, path);
        }
        // SUBPROOF(m, D[n], b), unrolled: m counts the old leaves still inside [from, to);
        // oldTreeIsWholeRange is b, true while the old tree head itself is one of the nodes.
        long m = oldSize;
        long from = 0;
        long to = newSize;
        boolean oldTreeIsWholeRange = true;
        while (m != to - from) {
            long k = largestPowerOfTwoBelow(to - from);
            if (m <= k) {
                path.add(rangeHash(from + k, to));
                to = from + k;
            } else {
                path.add(rangeHash(from, from + k));
                m -= k;
                from += k;
                oldTreeIsWholeRange = false;
            }
        }
        if (!oldTreeIsWholeRange) {
            path.add(rangeHash(from, to));
        }
        Collections.reverse(path);
        return new ConsistencyProof(oldSize, newSize, path);
    }

    /** Number of complete-subtree hashes held in the cache (for benchmarks and sizing). */
    public int cachedSubtreeCount() {
        return completeSubtrees.size();
    }

    /** MTH(D[from:to]) per RFC 9162 §2.1.1: split at the largest power of two below the size. */
    byte[] rangeHash(long from, long to) {
        long n = to - from;
        if (n == 0) {
            return hasher.emptyRoot();
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return completeSubtree(from, Long.numberOfTrailingZeros(n));
        }
        long k = largestPowerOfTwoBelow(n);
        return hasher.nodeHash(rangeHash(from, from + k), rangeHash(from + k, to));
    }

    private byte[] completeSubtree(long start, int level) {
        if (level == 0) {
            return leaves.leafHash(start);
        }
        if (level < minCachedLevel) {
            return hashLeavesBottomUp(leaves.leafHashes(start, start + (1L << level)));
        }
        long key = ((long) level << 56) | (start >>> level);
        byte[] cached = completeSubtrees.get(key);
        if (cached == null) {
            long half = 1L << (level - 1);
            cached = hasher.nodeHash(completeSubtree(start, level - 1), completeSubtree(start + half, level - 1));
            completeSubtrees.put(key, cached);
        }
        return cached;
    }

    /** Root of a complete subtree given all its leaf hashes (a power of two of them). */
    private byte[] hashLeavesBottomUp(List<byte[]> level) {
        List<byte[]> current = level;
        while (current.size() > 1) {
            List<byte[]> parents = new ArrayList<>(current.size() / 2);
            for (int i = 0; i < current.size(); i += 2) {
                parents.add(hasher.nodeHash(current.get(i), current.get(i + 1)));
            }
            current = parents;
        }
        return current.getFirst();
    }

    private void requireSize(long treeSize, String what) {
        long available = leaves.size();
        if (treeSize < 0 || treeSize > available) {
            throw new IllegalArgumentException(what + " " + treeSize + " is outside the log's 0.." + available + " leaves");
        }
    }

    /** The largest power of two strictly below {@code n}, for {@code n >= 2}. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
