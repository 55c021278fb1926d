package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
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

    static final String REASON = "  第二季度支出金额录入有误，更正为 1,250.00 元 ";

    static PublicationFacts facts() {
        return new PublicationFacts("330102001001", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), 2,
                Instant.parse("2026-11-28T07:59:59.999876Z"), " 330102001001-2026-0003", PublicationFacts.reasonHash(REASON));
    }

    static LogLeaf exampleV2() {
        return new LogLeaf(NOTICE, 3, CONTENT, " 330102001001-2026-0007 ", PUBLISHED, facts());
    }

    /** v2 bytes and hash from merkle_vectors.py, which hashes the reason and builds the JSON on its own. */
    @Test
    void version2KnownAnswersMatchPython() {
        MerkleVectors vectors = MerkleVectors.load();
        assertThat(PublicationFacts.reasonHash(REASON).toString()).isEqualTo(vectors.values.get("leaf-v2-reason-hash"));
        LogLeaf v2 = exampleV2();
        assertThat(v2.schema()).isEqualTo("sanwu.log-leaf/2");
        assertThat(CanonicalJson.toText(v2.canonicalTree())).isEqualTo(vectors.values.get("leaf-v2-json"));
        assertThat(HexFormat.of().formatHex(v2.leafHash(MerkleHasher.sha256())))
                .isEqualTo(vectors.values.get("leaf-v2-hash"))
                .isEqualTo("93af609048559f996157d842f44087c34db29c1f292f6c770fff89b37e60c0bc");
        LogLeaf minimal = new LogLeaf(NOTICE, 3, CONTENT, "330102001001-2026-0007", PUBLISHED,
                new PublicationFacts("330102001001", LocalDate.parse("2026-12-01"), null, 2,
                        Instant.parse("2026-11-28T07:59:59.999Z"), null, null));
        assertThat(CanonicalJson.toText(minimal.canonicalTree())).isEqualTo(vectors.values.get("leaf-v2-min-json"));
        assertThat(HexFormat.of().formatHex(minimal.leafHash(MerkleHasher.sha256())))
                .isEqualTo(vectors.values.get("leaf-v2-min-hash"));
    }

    @Test
    void aV1LeafKeepsItsBytesNextToV2() {
        assertThat(example().schema()).isEqualTo("sanwu.log-leaf/1");
        assertThat(example().facts()).isNull();
        assertThat(example().leafHash(MerkleHasher.sha256())).isNotEqualTo(exampleV2().leafHash(MerkleHasher.sha256()));
    }

    @Test
    void everyV2FactChangesTheLeafHash() {
        MerkleHasher hasher = MerkleHasher.sha256();
        byte[] base = exampleV2().leafHash(hasher);
        PublicationFacts f = facts();
        List<PublicationFacts> changed = List.of(
                new PublicationFacts("330102001002", f.postingFrom(), f.postingTo(), 2, f.approvedAt(), f.supersedes(), f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom().plusDays(1), f.postingTo(), 2, f.approvedAt(), f.supersedes(),
                        f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo().plusDays(1), 2, f.approvedAt(), f.supersedes(),
                        f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), null, 2, f.approvedAt(), f.supersedes(), f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 1, f.approvedAt(), f.supersedes(),
                        f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt().plusMillis(1), f.supersedes(),
                        f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt(), "330102001001-2026-0004",
                        f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt(), null, f.correctionReasonHash()),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt(), f.supersedes(),
                        PublicationFacts.reasonHash(REASON + "。")),
                new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt(), f.supersedes(), null));
        for (PublicationFacts facts : changed) {
            LogLeaf leaf = new LogLeaf(NOTICE, 3, CONTENT, "330102001001-2026-0007", PUBLISHED, facts);
            assertThat(leaf.leafHash(hasher)).as(facts.toString()).isNotEqualTo(base);
        }
    }

    @Test
    void bothSchemasParseBackAndOnlyTheirCanonicalSpellingDoes() {
        for (LogLeaf leaf : List.of(example(), exampleV2())) {
            assertThat(LogLeaf.parse(leaf.canonicalTree())).isEqualTo(leaf);
        }
        Map<String, Object> v1WithWindow = new java.util.LinkedHashMap<>(example().canonicalTree());
        v1WithWindow.put("postingFrom", "2026-12-01");
        assertThatThrownBy(() -> LogLeaf.parse(v1WithWindow)).hasMessageContaining("canonical");
        Map<String, Object> v2WithoutWindow = new java.util.LinkedHashMap<>(exampleV2().canonicalTree());
        v2WithoutWindow.remove("postingFrom");
        assertThatThrownBy(() -> LogLeaf.parse(v2WithoutWindow)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> v3 = new java.util.LinkedHashMap<>(exampleV2().canonicalTree());
        v3.put("schema", "sanwu.log-leaf/3");
        assertThatThrownBy(() -> LogLeaf.parse(v3)).hasMessageContaining("unknown leaf schema");
    }

    @Test
    void incompleteV2FactsAreRefused() {
        Instant at = Instant.parse("2026-11-28T07:59:59Z");
        LocalDate from = LocalDate.parse("2026-12-01");
        assertThatThrownBy(() -> new PublicationFacts("3301", from, null, 1, at, null, null)).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> new PublicationFacts("330102001001", from, from.minusDays(1), 1, at, null, null))
                .hasMessageContaining("ends before");
        assertThatThrownBy(() -> new PublicationFacts("330102001001", from, null, 0, at, null, null)).hasMessageContaining("approved");
        assertThatThrownBy(() -> new PublicationFacts("330102001001", from, null, 1, at, " ", null)).hasMessageContaining("supersedes");
        assertThat(PublicationFacts.reasonHash("  ")).isNull();
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
