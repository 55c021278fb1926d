package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exhaustive tampering for every tree of 1..16 leaves: every single-bit change of every proof
 * hash, of the leaf hash, of the roots and of the leaf index, plus truncated, extended, reordered
 * and wrong-length proofs, must be rejected. Tree sizes are covered by
 * {@link #treeSizeMutationsAreRejectedUnlessTheProofIsValidForThatSizeToo}.
 */
class MerkleProofMutationTest {

    private static final int MAX_SIZE = 16;
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final MerkleVerifier VERIFIER = new MerkleVerifier(HASHER);
    private static MerkleTree tree;

    @BeforeAll
    static void buildTree() {
        InMemoryLeafSource leaves = new InMemoryLeafSource();
        for (long i = 0; i < MAX_SIZE; i++) {
            leaves.append(HASHER.leafHash(MerkleVectors.leafData(i)));
        }
        tree = new MerkleTree(HASHER, leaves);
    }

    private static byte[] leafHash(long index) {
        return HASHER.leafHash(MerkleVectors.leafData(index));
    }

    @Test
    void everySingleBitChangeOfAnInclusionCheckIsRejected() {
        List<String> accepted = new ArrayList<>();
        long checked = 0;
        for (long n = 1; n <= MAX_SIZE; n++) {
            byte[] root = tree.rootHash(n);
            for (long i = 0; i < n; i++) {
                InclusionProof proof = tree.inclusionProof(i, n);
                List<byte[]> path = proof.path();
                byte[] leaf = leafHash(i);
                assertThat(VERIFIER.verifyInclusion(leaf, proof, root).isValid()).as("genuine proof %d in %d", i, n).isTrue();
                String at = " (leaf " + i + " of " + n + ")";
                for (int e = 0; e < path.size(); e++) {
                    for (int bit = 0; bit < 8 * HASHER.hashSize(); bit++) {
                        checked++;
                        if (VERIFIER.verifyInclusion(i, n, leaf, withFlippedBit(path, e, bit), root).isValid()) {
                            accepted.add("path[" + e + "] bit " + bit + at);
                        }
                    }
                }
                for (int bit = 0; bit < 8 * HASHER.hashSize(); bit++) {
                    checked += 2;
                    if (VERIFIER.verifyInclusion(i, n, flip(leaf, bit), path, root).isValid()) {
                        accepted.add("leaf hash bit " + bit + at);
                    }
                    if (VERIFIER.verifyInclusion(i, n, leaf, path, flip(root, bit)).isValid()) {
                        accepted.add("root bit " + bit + at);
                    }
                }
                for (int bit = 0; bit < 64; bit++) {
                    checked++;
                    if (VERIFIER.verifyInclusion(i ^ (1L << bit), n, leaf, path, root).isValid()) {
                        accepted.add("leaf index bit " + bit + at);
                    }
                }
                for (var broken : structuralChanges(path, root, leaf)) {
                    checked++;
                    if (VERIFIER.verifyInclusion(i, n, leaf, broken.path(), root).isValid()) {
                        accepted.add(broken.name() + at);
                    }
                }
            }
        }
        System.out.println("inclusion mutations checked: " + checked);
        assertThat(accepted).as("tampered inclusion checks that were accepted").isEmpty();
    }

    @Test
    void everySingleBitChangeOfAConsistencyCheckIsRejected() {
        List<String> accepted = new ArrayList<>();
        long checked = 0;
        // From size 0 there is nothing to prove (every tree extends the empty one), so m starts at 1.
        for (long n = 1; n <= MAX_SIZE; n++) {
            byte[] newRoot = tree.rootHash(n);
            for (long m = 1; m <= n; m++) {
                byte[] oldRoot = tree.rootHash(m);
                ConsistencyProof proof = tree.consistencyProof(m, n);
                List<byte[]> path = proof.path();
                assertThat(VERIFIER.verifyConsistency(proof, oldRoot, newRoot).isValid()).as("genuine %d -> %d", m, n).isTrue();
                String at = " (" + m + " -> " + n + ")";
                for (int e = 0; e < path.size(); e++) {
                    for (int bit = 0; bit < 8 * HASHER.hashSize(); bit++) {
                        checked++;
                        if (VERIFIER.verifyConsistency(m, n, withFlippedBit(path, e, bit), oldRoot, newRoot).isValid()) {
                            accepted.add("path[" + e + "] bit " + bit + at);
                        }
                    }
                }
                for (int bit = 0; bit < 8 * HASHER.hashSize(); bit++) {
                    checked += 2;
                    if (VERIFIER.verifyConsistency(m, n, path, flip(oldRoot, bit), newRoot).isValid()) {
                        accepted.add("old root bit " + bit + at);
                    }
                    if (VERIFIER.verifyConsistency(m, n, path, oldRoot, flip(newRoot, bit)).isValid()) {
                        accepted.add("new root bit " + bit + at);
                    }
                }
                for (int bit = 0; bit < 64; bit++) {
                    checked++;
                    if (VERIFIER.verifyConsistency(m ^ (1L << bit), n, path, oldRoot, newRoot).isValid()) {
                        accepted.add("old size bit " + bit + at);
                    }
                }
                for (var broken : structuralChanges(path, oldRoot, newRoot)) {
                    checked++;
                    if (VERIFIER.verifyConsistency(m, n, broken.path(), oldRoot, newRoot).isValid()) {
                        accepted.add(broken.name() + at);
                    }
                }
                checked++;
                if (m < n && VERIFIER.verifyConsistency(m, n, path, newRoot, oldRoot).isValid()) {
                    accepted.add("swapped roots" + at);
                }
            }
        }
        System.out.println("consistency mutations checked: " + checked);
        assertThat(accepted).as("tampered consistency checks that were accepted").isEmpty();
    }

    /**
     * A Merkle root does not spell out its tree size, and an audit path is only a list of opaque
     * hashes: when leaf i sits in the same position of the tree shapes of size n and n' (leaf 0 of
     * 5, 6 and 7 leaves each have three left-side siblings), the same path and root pass for both
     * sizes. No verifier can tell them apart, so the size must be bound to the root by the log's
     * signature: a verifier takes size and root together from one signed checkpoint (see
     * {@code PublishedNoticeVerifierTest}, where every single-bit change of the checkpoint is
     * rejected). This test pins down that a changed size is rejected exactly when the proof's
     * shape differs for that size, i.e. that the verifier really checks the shape.
     */
    @Test
    void treeSizeMutationsAreRejectedUnlessTheProofIsValidForThatSizeToo() {
        List<String> wrong = new ArrayList<>();
        int[] acceptedAsOtherSize = new int[2];
        for (long n = 1; n <= MAX_SIZE; n++) {
            byte[] root = tree.rootHash(n);
            for (long i = 0; i < n; i++) {
                List<byte[]> path = tree.inclusionProof(i, n).path();
                for (int bit = 0; bit < 64; bit++) {
                    long other = n ^ (1L << bit);
                    boolean accepted = VERIFIER.verifyInclusion(i, other, leafHash(i), path, root).isValid();
                    acceptedAsOtherSize[0] += accepted ? 1 : 0;
                    if (accepted != sameShape(i, n, other)) {
                        wrong.add("leaf " + i + " size " + n + " -> " + other + (accepted ? " accepted" : " rejected"));
                    }
                }
            }
            for (long m = 1; m < n; m++) {
                List<byte[]> path = tree.consistencyProof(m, n).path();
                for (int bit = 0; bit < 64; bit++) {
                    long other = n ^ (1L << bit);
                    boolean accepted = VERIFIER.verifyConsistency(m, other, path, tree.rootHash(m), root).isValid();
                    acceptedAsOtherSize[1] += accepted ? 1 : 0;
                    if (accepted && !sameConsistencyShape(m, n, other)) {
                        wrong.add("consistency " + m + " -> " + n + " as -> " + other + " accepted");
                    }
                }
            }
        }
        System.out.println("single-bit tree size changes that pass with the same root (ambiguous shapes): inclusion "
                + acceptedAsOtherSize[0] + ", consistency " + acceptedAsOtherSize[1]);
        assertThat(wrong).isEmpty();
    }

    /**
     * Whether leaf i has the same sequence of sibling sides in trees of n and n' leaves (a
     * different derivation from the verifier's: walk the RFC 9162 PATH recursion for both sizes).
     */
    private static boolean sameShape(long i, long n, long other) {
        if (other <= i || other < 1) {
            return false;
        }
        return sides(i, n).equals(sides(i, other));
    }

    private static List<Boolean> sides(long index, long size) {
        List<Boolean> sides = new ArrayList<>();
        long from = 0;
        long to = size;
        while (to - from > 1) {
            long k = Long.highestOneBit(to - from - 1);
            boolean left = index < from + k;
            sides.addFirst(left);
            if (left) {
                to = from + k;
            } else {
                from += k;
            }
        }
        return sides;
    }

    /**
     * A consistency proof is in essence the audit path of the old tree's last leaf, so it may
     * only pass for another new size where that leaf has the same shape.
     */
    private static boolean sameConsistencyShape(long m, long n, long other) {
        return other > m && sides(m - 1, n).equals(sides(m - 1, other));
    }

    private record Broken(String name, List<byte[]> path) {
    }

    private static List<Broken> structuralChanges(List<byte[]> path, byte[] someHash, byte[] otherHash) {
        List<Broken> changes = new ArrayList<>();
        changes.add(new Broken("appended hash", with(path, p -> p.add(someHash))));
        changes.add(new Broken("prepended hash", with(path, p -> p.addFirst(otherHash))));
        changes.add(new Broken("appended empty element", with(path, p -> p.add(new byte[0]))));
        changes.add(new Broken("prepended empty element", with(path, p -> p.addFirst(new byte[0]))));
        if (!path.isEmpty()) {
            changes.add(new Broken("last hash removed", with(path, List::removeLast)));
            changes.add(new Broken("first hash removed", with(path, List::removeFirst)));
            changes.add(new Broken("first hash repeated", with(path, p -> p.addFirst(p.getFirst()))));
            changes.add(new Broken("first hash one byte short", with(path, p -> p.set(0, Arrays.copyOf(p.getFirst(), p.getFirst().length - 1)))));
            changes.add(new Broken("last hash one byte long", with(path, p -> p.set(p.size() - 1, Arrays.copyOf(p.getLast(), p.getLast().length + 1)))));
        }
        if (path.size() > 1) {
            changes.add(new Broken("first two hashes swapped", with(path, p -> p.addFirst(p.remove(1)))));
            changes.add(new Broken("hash inserted after the first", with(path, p -> p.add(1, someHash))));
        }
        return changes;
    }

    private static List<byte[]> with(List<byte[]> path, Consumer<List<byte[]>> change) {
        List<byte[]> copy = new ArrayList<>(path);
        change.accept(copy);
        return copy;
    }

    private static List<byte[]> withFlippedBit(List<byte[]> path, int element, int bit) {
        List<byte[]> copy = new ArrayList<>(path);
        copy.set(element, flip(path.get(element), bit));
        return copy;
    }

    private static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
