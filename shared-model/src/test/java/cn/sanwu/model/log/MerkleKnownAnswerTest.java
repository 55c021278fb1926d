package cn.sanwu.model.log;

import static cn.sanwu.model.log.MerkleVectors.hex;
import static cn.sanwu.model.log.MerkleVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers computed independently of this implementation: (1) the RFC 6962 test vectors of
 * Certificate Transparency, as published in Go's transparency-dev/merkle
 * ({@code proof/verify_test.go}: 8 leaves, roots, inclusion and consistency proofs), pasted here;
 * (2) merkle-vectors.txt, written by merkle_vectors.py from the RFC 6962 definitions (every root,
 * audit path and consistency proof of the trees of 0..20 leaves).
 */
class MerkleKnownAnswerTest {

    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final MerkleVerifier VERIFIER = new MerkleVerifier(HASHER);

    /** Leaf inputs of the CT vectors: "", 00, 10, 2021, 3031, 40414243, 5051525354555657, 606162…6f. */
    private static final List<String> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** MTH of the first 1..8 CT leaves. */
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static MerkleTree ctTree() {
        InMemoryLeafSource leaves = new InMemoryLeafSource();
        CT_LEAVES.forEach(data -> leaves.append(HASHER.leafHash(hex(data))));
        return new MerkleTree(HASHER, leaves);
    }

    @Test
    void emptyTreeIsTheHashOfNothing() {
        MerkleTree empty = new MerkleTree(HASHER, new InMemoryLeafSource());
        assertThat(HexFormat.of().formatHex(empty.rootHash(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void certificateTransparencyRoots() {
        MerkleTree tree = ctTree();
        for (int size = 1; size <= 8; size++) {
            assertThat(HexFormat.of().formatHex(tree.rootHash(size))).as("root of %d leaves", size)
                    .isEqualTo(CT_ROOTS.get(size - 1));
        }
    }

    @Test
    void certificateTransparencyInclusionProofs() {
        // {leaf index (0-based), tree size, path}; the Go file numbers leaves from 1.
        checkInclusion(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        checkInclusion(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        checkInclusion(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        checkInclusion(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        checkInclusion(0, 1);
    }

    @Test
    void certificateTransparencyConsistencyProofs() {
        checkConsistency(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        checkConsistency(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        checkConsistency(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        checkConsistency(6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        checkConsistency(1, 1);
    }

    private static void checkInclusion(long index, long size, String... expectedPath) {
        InclusionProof proof = ctTree().inclusionProof(index, size);
        assertThat(toHex(proof.path())).as("path of leaf %d in %d", index, size).containsExactly(expectedPath);
        byte[] leafHash = HASHER.leafHash(hex(CT_LEAVES.get((int) index)));
        assertThat(VERIFIER.verifyInclusion(leafHash, proof, hex(CT_ROOTS.get((int) size - 1))).isValid()).isTrue();
    }

    private static void checkConsistency(long oldSize, long newSize, String... expectedPath) {
        ConsistencyProof proof = ctTree().consistencyProof(oldSize, newSize);
        assertThat(toHex(proof.path())).as("consistency %d -> %d", oldSize, newSize).containsExactly(expectedPath);
        assertThat(VERIFIER.verifyConsistency(proof, hex(CT_ROOTS.get((int) oldSize - 1)),
                hex(CT_ROOTS.get((int) newSize - 1))).isValid()).isTrue();
    }

    @Test
    void everyRootAndProofOfTreesUpToTwentyLeavesMatchesPython() {
        MerkleVectors vectors = MerkleVectors.load();
        InMemoryLeafSource leaves = new InMemoryLeafSource();
        for (long i = 0; i < 20; i++) {
            leaves.append(HASHER.leafHash(MerkleVectors.leafData(i)));
        }
        // Level 1 caching, so the cached path is exercised even in these small trees.
        MerkleTree tree = new MerkleTree(HASHER, leaves, 1);
        assertThat(vectors.roots).hasSize(21);
        vectors.roots.forEach((size, root) ->
                assertThat(tree.rootHash(size)).as("root of %d", size).isEqualTo(root));
        assertThat(vectors.inclusions).hasSize(210);
        for (MerkleVectors.Proof expected : vectors.inclusions) {
            InclusionProof proof = tree.inclusionProof(expected.first(), expected.second());
            assertThat(toHex(proof.path())).as("inclusion %d in %d", expected.first(), expected.second())
                    .isEqualTo(toHex(expected.path()));
            assertThat(VERIFIER.verifyInclusion(HASHER.leafHash(MerkleVectors.leafData(expected.first())), proof,
                    vectors.roots.get(expected.second())).isValid()).isTrue();
        }
        assertThat(vectors.consistencies).hasSize(210);
        for (MerkleVectors.Proof expected : vectors.consistencies) {
            ConsistencyProof proof = tree.consistencyProof(expected.first(), expected.second());
            assertThat(toHex(proof.path())).as("consistency %d -> %d", expected.first(), expected.second())
                    .isEqualTo(toHex(expected.path()));
            assertThat(VERIFIER.verifyConsistency(proof, vectors.roots.get(expected.first()),
                    vectors.roots.get(expected.second())).isValid()).isTrue();
        }
    }
}
