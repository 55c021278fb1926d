package cn.sanwu.model.log;

import java.util.List;

/**
 * Audit path (RFC 9162 §2.1.3) for leaf {@code leafIndex} in the tree of {@code treeSize} leaves,
 * bottom-up. Served by the server, checked with {@link MerkleVerifier#verifyInclusion}. As JSON
 * (Jackson) the path is a list of base64 strings.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    public InclusionProof {
        path = ProofPaths.copy(path);
    }

    @Override
    public List<byte[]> path() {
        return ProofPaths.copy(path);
    }
}
