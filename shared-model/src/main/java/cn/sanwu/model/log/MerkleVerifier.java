package cn.sanwu.model.log;

import cn.sanwu.model.log.ProofVerdict.Problem;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Checks inclusion and consistency proofs with the RFC 9162 §2.1.3.2 and §2.1.4.2 algorithms.
 * The tree sizes and roots given here must come from trusted (signed) checkpoints, never from the
 * proof itself. Stateless and thread-safe.
 */
public final class MerkleVerifier {

    private final MerkleHasher hasher;

    public MerkleVerifier(MerkleHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** Checks that the proof's leaf, in the tree of the proof's size, has {@code leafHash}, under {@code rootHash}. */
    public ProofVerdict verifyInclusion(byte[] leafHash, InclusionProof proof, byte[] rootHash) {
        return verifyInclusion(proof.leafIndex(), proof.treeSize(), leafHash, proof.path(), rootHash);
    }

    public ProofVerdict verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return ProofVerdict.rejected(Problem.MALFORMED, "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        ProofVerdict lengths = checkHashLengths(path, leafHash, rootHash);
        if (lengths != null) {
            return lengths;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "inclusion proof longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    // fn is the right edge of a smaller subtree: skip the levels where it has no sibling.
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = hasher.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "inclusion proof shorter than the tree is deep");
        }
        if (!MessageDigest.isEqual(r, rootHash)) {
            return ProofVerdict.rejected(Problem.ROOT_MISMATCH, "inclusion proof leads to a different root");
        }
        return ProofVerdict.valid();
    }

    /** Checks that the tree with {@code oldRoot} is a prefix of the tree with {@code newRoot}. */
    public ProofVerdict verifyConsistency(ConsistencyProof proof, byte[] oldRoot, byte[] newRoot) {
        return verifyConsistency(proof.oldSize(), proof.newSize(), proof.path(), oldRoot, newRoot);
    }

    public ProofVerdict verifyConsistency(long oldSize, long newSize, List<byte[]> path, byte[] oldRoot, byte[] newRoot) {
        if (oldSize < 0 || newSize < oldSize) {
            return ProofVerdict.rejected(Problem.MALFORMED, "old size " + oldSize + " must be between 0 and the new size " + newSize);
        }
        ProofVerdict lengths = checkHashLengths(path, oldRoot, newRoot);
        if (lengths != null) {
            return lengths;
        }
        if (oldSize == 0 || oldSize == newSize) {
            return verifyTrivialConsistency(oldSize, path, oldRoot, newRoot);
        }
        if (path.isEmpty()) {
            return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "consistency proof is empty");
        }
        // When the old tree is a complete subtree the proof omits its root; the verifier supplies it.
        int next = 0;
        byte[] seed;
        if (Long.bitCount(oldSize) == 1) {
            seed = oldRoot;
        } else {
            seed = path.get(next++);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (; next < path.size(); next++) {
            byte[] c = path.get(next);
            if (sn == 0) {
                return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "consistency proof too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.nodeHash(c, fr);
                sr = hasher.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = hasher.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "consistency proof too short");
        }
        if (!MessageDigest.isEqual(fr, oldRoot)) {
            return ProofVerdict.rejected(Problem.ROOT_MISMATCH, "consistency proof does not lead to the old root");
        }
        if (!MessageDigest.isEqual(sr, newRoot)) {
            return ProofVerdict.rejected(Problem.ROOT_MISMATCH, "consistency proof does not lead to the new root");
        }
        return ProofVerdict.valid();
    }

    /** Nothing to prove from the empty tree or to the same size, but the proof must be empty and the roots fit. */
    private ProofVerdict verifyTrivialConsistency(long oldSize, List<byte[]> path, byte[] oldRoot, byte[] newRoot) {
        if (!path.isEmpty()) {
            return ProofVerdict.rejected(Problem.WRONG_PROOF_LENGTH, "consistency proof for size " + oldSize + " must be empty");
        }
        if (oldSize == 0 && !MessageDigest.isEqual(oldRoot, hasher.emptyRoot())) {
            return ProofVerdict.rejected(Problem.ROOT_MISMATCH, "old root is not the root of the empty tree");
        }
        if (oldSize > 0 && !MessageDigest.isEqual(oldRoot, newRoot)) {
            return ProofVerdict.rejected(Problem.ROOT_MISMATCH, "two roots for the same tree size differ");
        }
        return ProofVerdict.valid();
    }

    private ProofVerdict checkHashLengths(List<byte[]> path, byte[] first, byte[] second) {
        int size = hasher.hashSize();
        if (first == null || second == null || first.length != size || second.length != size) {
            return ProofVerdict.rejected(Problem.MALFORMED, "hashes must be " + size + " bytes");
        }
        for (byte[] element : path) {
            if (element == null || element.length != size) {
                return ProofVerdict.rejected(Problem.MALFORMED, "proof hashes must be " + size + " bytes");
            }
        }
        return null;
    }
}
