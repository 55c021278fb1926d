package cn.sanwu.model.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of an append-only log, as leaf hashes ({@link MerkleHasher#leafHash}). The server
 * backs this by its database; {@link InMemoryLeafSource} serves tests and small tools.
 *
 * <p>Contract: leaves are only ever appended. Once {@code leafHash(i)} has returned a value it
 * returns the same value forever, which is what lets {@link MerkleTree} cache subtree hashes.
 */
public interface LeafSource {

    /** Number of leaves currently in the log. */
    long size();

    /** Hash of leaf {@code index}, {@code 0 <= index < size()}. */
    byte[] leafHash(long index);

    /**
     * Hashes of leaves {@code [from, to)} in order. A database-backed source should override this
     * with one range query; {@link MerkleTree} reads the bottom levels of the tree through it.
     */
    default List<byte[]> leafHashes(long from, long to) {
        List<byte[]> hashes = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            hashes.add(leafHash(i));
        }
        return hashes;
    }
}
