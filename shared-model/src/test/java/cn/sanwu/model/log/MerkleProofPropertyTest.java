package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.testing.SeedFromSystemProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Random trees of 1..300 leaves with random leaf data. jqwik prints the seed of a failing run;
 * replay it with {@code -Dseed=<seed>}. (jqwik 1.10.1 also prints a line addressed to "AI
 * Agents"; it is library output, not project guidance.)
 */
@AddLifecycleHook(SeedFromSystemProperty.class)
class MerkleProofPropertyTest {

    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final MerkleVerifier VERIFIER = new MerkleVerifier(HASHER);

    private static List<byte[]> randomLeafHashes(int size, long seed) {
        Random random = new Random(seed);
        List<byte[]> hashes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            hashes.add(HASHER.leafHash(data));
        }
        return hashes;
    }

    private static MerkleTree treeOf(List<byte[]> leafHashes, int minCachedLevel) {
        InMemoryLeafSource source = new InMemoryLeafSource();
        leafHashes.forEach(source::append);
        return new MerkleTree(HASHER, source, minCachedLevel);
    }

    /** MTH by the RFC 6962 definition, straight from the leaf list (no cache, no LeafSource). */
    private static byte[] referenceRoot(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return HASHER.emptyRoot();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.getFirst();
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return HASHER.nodeHash(referenceRoot(leafHashes.subList(0, k)), referenceRoot(leafHashes.subList(k, leafHashes.size())));
    }

    @Property(tries = 60)
    void everyLeafOfARandomTreeHasAnInclusionProofThatVerifies(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll long leafSeed, @ForAll @IntRange(min = 1, max = 6) int minCachedLevel) {
        List<byte[]> leaves = randomLeafHashes(size, leafSeed);
        MerkleTree tree = treeOf(leaves, minCachedLevel);
        byte[] root = tree.rootHash(size);
        assertThat(root).isEqualTo(referenceRoot(leaves));
        for (int i = 0; i < size; i++) {
            InclusionProof proof = tree.inclusionProof(i, size);
            ProofVerdict verdict = VERIFIER.verifyInclusion(leaves.get(i), proof, root);
            assertThat(verdict.isValid()).as("leaf %d of %d: %s", i, size, verdict).isTrue();
            // Another leaf's hash at this position must not pass.
            byte[] other = leaves.get((i + 1) % size);
            if (size > 1 && !Arrays.equals(other, leaves.get(i))) {
                assertThat(VERIFIER.verifyInclusion(other, proof, root).isValid()).isFalse();
            }
        }
    }

    @Property(tries = 40)
    void everyConsistencyProofOfARandomTreeVerifies(@ForAll @IntRange(min = 1, max = 300) int size, @ForAll long leafSeed) {
        List<byte[]> leaves = randomLeafHashes(size, leafSeed);
        MerkleTree tree = treeOf(leaves, MerkleTree.DEFAULT_MIN_CACHED_LEVEL);
        byte[] newRoot = tree.rootHash(size);
        for (int m = 0; m <= size; m++) {
            byte[] oldRoot = referenceRoot(leaves.subList(0, m));
            ConsistencyProof proof = tree.consistencyProof(m, size);
            ProofVerdict verdict = VERIFIER.verifyConsistency(proof, oldRoot, newRoot);
            assertThat(verdict.isValid()).as("%d -> %d: %s", m, size, verdict).isTrue();
            if (m > 0 && m < size) {
                // A root of another old size never passes.
                byte[] otherOld = referenceRoot(leaves.subList(0, m == 1 ? 2 : m - 1));
                assertThat(VERIFIER.verifyConsistency(proof, otherOld, newRoot).isValid()).isFalse();
            }
        }
    }

    /** The subtree cache stays right while the log grows: heads and proofs of past sizes never change. */
    @Property(tries = 30)
    void aGrowingLogKeepsAnsweringForEverySizeItHadBefore(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll long leafSeed, @ForAll @IntRange(min = 1, max = 5) int minCachedLevel) {
        List<byte[]> leaves = randomLeafHashes(size, leafSeed);
        InMemoryLeafSource source = new InMemoryLeafSource();
        MerkleTree growing = new MerkleTree(HASHER, source, minCachedLevel);
        Random random = new Random(leafSeed);
        List<byte[]> rootsSoFar = new ArrayList<>();
        rootsSoFar.add(growing.rootHash(0));
        for (byte[] leaf : leaves) {
            source.append(leaf);
            long n = source.size();
            rootsSoFar.add(growing.rootHash(n));
            long past = random.nextLong(n + 1);
            // Asking about a past size after growth hits subtrees cached when the log was smaller.
            assertThat(growing.rootHash(past)).isEqualTo(rootsSoFar.get((int) past));
            long oldSize = random.nextLong(n + 1);
            assertThat(VERIFIER.verifyConsistency(growing.consistencyProof(oldSize, n), rootsSoFar.get((int) oldSize),
                    rootsSoFar.get((int) n)).isValid()).isTrue();
            long leafIndex = random.nextLong(n);
            assertThat(VERIFIER.verifyInclusion(leaves.get((int) leafIndex), growing.inclusionProof(leafIndex, n),
                    rootsSoFar.get((int) n)).isValid()).isTrue();
        }
        MerkleTree fresh = treeOf(leaves, MerkleTree.DEFAULT_MIN_CACHED_LEVEL);
        for (int n = 0; n <= size; n++) {
            assertThat(fresh.rootHash(n)).as("root of %d", n).isEqualTo(rootsSoFar.get(n));
        }
    }
}
