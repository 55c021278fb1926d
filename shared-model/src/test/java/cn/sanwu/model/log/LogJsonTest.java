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

        LogLeaf v2 = LogLeafTest.exampleV2();
        String v2Text = json.writeValueAsString(v2);
        assertThat(v2Text).contains("\"postingFrom\":\"2026-12-01\"", "\"postingTo\":\"2026-12-31\"");
        LogLeaf v2Back = json.readValue(v2Text, LogLeaf.class);
        assertThat(v2Back).isEqualTo(v2);
        assertThat(v2Back.leafHash(HASHER)).isEqualTo(v2.leafHash(HASHER));
        // A v1 leaf as an older server sent it (no facts at all) still reads as the v1 leaf.
        com.fasterxml.jackson.databind.node.ObjectNode oldServer = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                json.writeValueAsString(leaf));
        oldServer.remove("facts");
        assertThat(oldServer.has("contentHash")).isTrue();
        assertThat(json.treeToValue(oldServer, LogLeaf.class)).isEqualTo(leaf);
    }
}
