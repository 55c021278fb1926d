package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogLeafTest {

    private static final UUID NOTICE = UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
    private static final ContentHash CONTENT =
            ContentHash.parse("sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff");
    private static final Instant PUBLISHED = Instant.parse("2026-11-28T08:30:15.250123456Z");

    static LogLeaf example() {
        return new LogLeaf(NOTICE, 3, CONTENT, " 330102001001-2026-0007 ", PUBLISHED);
    }

    /** Expected bytes and hash from merkle_vectors.py (json.dumps with sorted keys, hashlib). */
    @Test
    void knownAnswerMatchesPython() {
        MerkleVectors vectors = MerkleVectors.load();
        String expectedJson = "{\"contentHash\":\"sha256:6db2fa8fe890cf2ed32475ce77e8daef026dfea90a3c8a21863916bb9025ebff\","
                + "\"noticeId\":\"0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b\",\"publicationNumber\":\"330102001001-2026-0007\","
                + "\"publishedAt\":\"2026-11-28T08:30:15.250Z\",\"revision\":3,\"schema\":\"sanwu.log-leaf/1\"}";
        assertThat(vectors.values.get("leaf-json")).isEqualTo(expectedJson);
        assertThat(CanonicalJson.toText(example().canonicalTree())).isEqualTo(expectedJson);
        assertThat(HexFormat.of().formatHex(example().leafHash(MerkleHasher.sha256())))
                .isEqualTo(vectors.values.get("leaf-hash"))
                .isEqualTo("0a44eea043bf153378320db7d38f38ed3c51777da01222c37eb46cf789f95552");
    }

    @Test
    void publicationTimeIsKeptToTheMillisecondWhateverTheStoreReturns() {
        LogLeaf micros = new LogLeaf(NOTICE, 3, CONTENT, "330102001001-2026-0007", Instant.parse("2026-11-28T08:30:15.250999Z"));
        assertThat(micros.leafData()).isEqualTo(example().leafData());
        LogLeaf wholeSecond = new LogLeaf(NOTICE, 3, CONTENT, "X", Instant.parse("2026-11-28T08:30:15Z"));
        assertThat(wholeSecond.canonicalTree().get("publishedAt")).isEqualTo("2026-11-28T08:30:15.000Z");
    }

    @Test
    void everyFieldChangesTheLeafHash() {
        MerkleHasher hasher = MerkleHasher.sha256();
        byte[] base = example().leafHash(hasher);
        List<LogLeaf> changed = List.of(
                new LogLeaf(UUID.fromString("0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6c"), 3, CONTENT, "330102001001-2026-0007", PUBLISHED),
                new LogLeaf(NOTICE, 4, CONTENT, "330102001001-2026-0007", PUBLISHED),
                new LogLeaf(NOTICE, 3, ContentHash.parse("sha256:" + "0".repeat(64)), "330102001001-2026-0007", PUBLISHED),
                new LogLeaf(NOTICE, 3, CONTENT, "330102001001-2026-0008", PUBLISHED),
                new LogLeaf(NOTICE, 3, CONTENT, "330102001001-2026-0007", PUBLISHED.plusMillis(1)));
        for (LogLeaf leaf : changed) {
            assertThat(leaf.leafHash(hasher)).as(leaf.toString()).isNotEqualTo(base);
        }
    }

    @Test
    void incompleteLeavesAreRefused() {
        assertThatThrownBy(() -> new LogLeaf(NOTICE, 0, CONTENT, "N", PUBLISHED)).hasMessageContaining("revision");
        assertThatThrownBy(() -> new LogLeaf(NOTICE, 1, CONTENT, "  ", PUBLISHED)).hasMessageContaining("公开编号");
        assertThatThrownBy(() -> new LogLeaf(NOTICE, 1, CONTENT, "N", Instant.parse("1969-12-31T23:59:59Z")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> new LogLeaf(null, 1, CONTENT, "N", PUBLISHED)).isInstanceOf(NullPointerException.class);
    }
}
