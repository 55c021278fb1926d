package cn.sanwu.model.log;

import java.util.ArrayList;
import java.util.List;

/** An append-only list of leaf hashes held in memory. Thread-safe. */
public final class InMemoryLeafSource implements LeafSource {

    private final List<byte[]> hashes = new ArrayList<>();

    /** Appends one leaf hash and returns its index. All hashes must have the same length. */
    public synchronized long append(byte[] leafHash) {
        if (leafHash == null || leafHash.length == 0) {
            throw new IllegalArgumentException("a leaf hash must not be empty");
        }
        if (!hashes.isEmpty() && hashes.getFirst().length != leafHash.length) {
            throw new IllegalArgumentException("leaf hash of " + leafHash.length + " bytes in a log of "
                    + hashes.getFirst().length + "-byte hashes");
        }
        hashes.add(leafHash.clone());
        return hashes.size() - 1L;
    }

    @Override
    public synchronized long size() {
        return hashes.size();
    }

    @Override
    public synchronized byte[] leafHash(long index) {
        if (index < 0 || index >= hashes.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of a log with " + hashes.size() + " leaves");
        }
        return hashes.get((int) index).clone();
    }
}
