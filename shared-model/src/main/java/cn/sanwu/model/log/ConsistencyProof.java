package cn.sanwu.model.log;

import java.util.List;

/**
 * Proof (RFC 9162 §2.1.4) that the tree of {@code oldSize} leaves is a prefix of the tree of
 * {@code newSize} leaves: the log only appended. Checked with
 * {@link MerkleVerifier#verifyConsistency}.
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> path) {

    public ConsistencyProof {
        path = ProofPaths.copy(path);
    }

    @Override
    public List<byte[]> path() {
        return ProofPaths.copy(path);
    }
}
