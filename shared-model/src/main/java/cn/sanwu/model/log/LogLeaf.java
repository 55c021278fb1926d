package cn.sanwu.model.log;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One leaf of the transparency log: the publication of one notice revision. Its leaf data is the
 * {@link CanonicalJson} of {@link #canonicalTree()} (documented byte for byte in
 * docs/transparency-log.md); changing that tree changes every leaf hash, so a change needs a new
 * schema string.
 *
 * <p>Two schemas: {@link #SCHEMA} ({@code sanwu.log-leaf/1}, {@code facts} null) binds id, revision,
 * content hash, 公开编号 and time; {@link #SCHEMA_V2} ({@code sanwu.log-leaf/2}) also binds the
 * {@link PublicationFacts} (village, posting window, approval, correction). The log is append-only,
 * so v1 leaves written before v2 stay in it and verify forever; every verifier handles both because
 * the leaf hash is always computed from this record's own schema (ADR 0025).
 *
 * @param noticeId          the notice's UUIDv7
 * @param revision          the published revision, 1 or more
 * @param contentHash       the NoticeHasher content hash of exactly what was approved and published
 * @param publicationNumber the human-facing 公开编号 the server assigned
 * @param publishedAt       the server's publication instant, kept to the millisecond
 * @param facts             what a v2 leaf binds in addition; null for a v1 leaf
 */
public record LogLeaf(UUID noticeId, int revision, ContentHash contentHash, String publicationNumber, Instant publishedAt,
        PublicationFacts facts) {

    /** The first schema (no posting window); still valid for the leaves written with it. */
    public static final String SCHEMA = "sanwu.log-leaf/1";
    /** The schema new publications are written with. */
    public static final String SCHEMA_V2 = "sanwu.log-leaf/2";

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public LogLeaf {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (revision < 1) {
            throw new IllegalArgumentException("a published revision is 1 or more, was " + revision);
        }
        if (publicationNumber == null || publicationNumber.isBlank()) {
            throw new IllegalArgumentException("a published notice has a publication number (公开编号)");
        }
        publicationNumber = publicationNumber.strip();
        // Databases keep micro- or nanoseconds differently; the leaf fixes milliseconds so the
        // server rebuilds the same bytes from whatever its store returns.
        publishedAt = publishedAt.truncatedTo(ChronoUnit.MILLIS);
        if (publishedAt.isBefore(Instant.EPOCH) || publishedAt.atOffset(ZoneOffset.UTC).getYear() > 9999) {
            throw new IllegalArgumentException("publication time out of range: " + publishedAt);
        }
    }

    /** A {@code sanwu.log-leaf/1} leaf (no {@link PublicationFacts}), as written before v2. */
    public LogLeaf(UUID noticeId, int revision, ContentHash contentHash, String publicationNumber, Instant publishedAt) {
        this(noticeId, revision, contentHash, publicationNumber, publishedAt, null);
    }

    /** {@link #SCHEMA} or {@link #SCHEMA_V2}. */
    public String schema() {
        return facts == null ? SCHEMA : SCHEMA_V2;
    }

    /** The tree that is serialised; public so tests and docs can show it. Absent optional v2 fields are left out. */
    public Map<String, Object> canonicalTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema());
        m.put("noticeId", noticeId.toString());
        m.put("revision", revision);
        m.put("contentHash", contentHash.toString());
        m.put("publicationNumber", publicationNumber);
        m.put("publishedAt", MILLIS_UTC.format(publishedAt));
        if (facts != null) {
            m.put("villageCode", facts.villageCode());
            m.put("postingFrom", facts.postingFrom().toString());
            if (facts.postingTo() != null) {
                m.put("postingTo", facts.postingTo().toString());
            }
            m.put("approvedRevision", facts.approvedRevision());
            m.put("approvedAt", MILLIS_UTC.format(facts.approvedAt()));
            if (facts.supersedes() != null) {
                m.put("supersedes", facts.supersedes());
            }
            if (facts.correctionReasonHash() != null) {
                m.put("correctionReasonHash", facts.correctionReasonHash().toString());
            }
        }
        return m;
    }

    /**
     * Reads leaf data (either schema) back into a leaf, insisting on its one canonical spelling:
     * the bytes must be exactly {@link #leafData()} of the result. Throws
     * {@link IllegalArgumentException} with the reason otherwise.
     */
    public static LogLeaf parse(Map<String, Object> tree) {
        Object schema = tree.get("schema");
        try {
            LogLeaf leaf;
            if (SCHEMA.equals(schema)) {
                leaf = new LogLeaf(UUID.fromString((String) tree.get("noticeId")), ((Number) tree.get("revision")).intValue(),
                        ContentHash.parse((String) tree.get("contentHash")), (String) tree.get("publicationNumber"),
                        Instant.parse((String) tree.get("publishedAt")));
            } else if (SCHEMA_V2.equals(schema)) {
                String to = (String) tree.get("postingTo");
                String reason = (String) tree.get("correctionReasonHash");
                PublicationFacts facts = new PublicationFacts((String) tree.get("villageCode"),
                        LocalDate.parse((String) tree.get("postingFrom")), to == null ? null : LocalDate.parse(to),
                        ((Number) tree.get("approvedRevision")).intValue(), Instant.parse((String) tree.get("approvedAt")),
                        (String) tree.get("supersedes"), reason == null ? null : ContentHash.parse(reason));
                leaf = new LogLeaf(UUID.fromString((String) tree.get("noticeId")), ((Number) tree.get("revision")).intValue(),
                        ContentHash.parse((String) tree.get("contentHash")), (String) tree.get("publicationNumber"),
                        Instant.parse((String) tree.get("publishedAt")), facts);
            } else {
                throw new IllegalArgumentException("unknown leaf schema " + schema);
            }
            if (!leaf.canonicalTree().equals(tree)) {
                throw new IllegalArgumentException("leaf data is not in its one canonical form (extra, missing or respelled fields)");
            }
            return leaf;
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("malformed leaf field: " + e.getMessage());
        }
    }

    /** The leaf data: UTF-8 canonical JSON. */
    public byte[] leafData() {
        return CanonicalJson.toBytes(canonicalTree());
    }

    /** The leaf's Merkle hash, {@code H(0x00 || leafData)}. */
    public byte[] leafHash(MerkleHasher hasher) {
        return hasher.leafHash(leafData());
    }
}
