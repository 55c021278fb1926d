package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.json.ModelJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The server serves proofs and leaves with the project's one JSON mapper; hashes travel as base64. */
class LogJsonTest {

    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private final ObjectMapper json = ModelJson.mapper();

    @Test
    void proofsAndLeavesRoundTripThroughModelJson() throws Exception {
        InMemoryLeafSource leaves = new InMemoryLeafSource();
        for (long i = 0; i < 11; i++) {
            leaves.append(HASHER.leafHash(MerkleVectors.leafData(i)));
        }
        MerkleTree tree = new MerkleTree(HASHER, leaves);
        InclusionProof inclusion = tree.inclusionProof(6, 11);
        String text = json.writeValueAsString(inclusion);
        assertThat(text).contains("\"leafIndex\":6", "\"treeSize\":11",
                "\"" + Base64.getEncoder().encodeToString(inclusion.path().getFirst()) + "\"");
        InclusionProof inclusionBack = json.readValue(text, InclusionProof.class);
        assertThat(new MerkleVerifier(HASHER).verifyInclusion(leaves.leafHash(6), inclusionBack, tree.rootHash(11)).isValid()).isTrue();

        ConsistencyProof consistency = tree.consistencyProof(5, 11);
        ConsistencyProof consistencyBack = json.readValue(json.writeValueAsString(consistency), ConsistencyProof.class);
        assertThat(new MerkleVerifier(HASHER).verifyConsistency(consistencyBack, tree.rootHash(5), tree.rootHash(11)).isValid()).isTrue();

        LogLeaf leaf = LogLeafTest.example();
        LogLeaf leafBack = json.readValue(json.writeValueAsString(leaf), LogLeaf.class);
        assertThat(leafBack).isEqualTo(leaf);
        assertThat(leafBack.leafHash(HASHER)).isEqualTo(leaf.leafHash(HASHER));
    }
}
