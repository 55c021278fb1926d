package cn.sanwu.model.log;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
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
 * {@link #SCHEMA}.
 *
 * @param noticeId          the notice's UUIDv7
 * @param revision          the published revision, 1 or more
 * @param contentHash       the NoticeHasher content hash of exactly what was approved and published
 * @param publicationNumber the human-facing 公开编号 the server assigned
 * @param publishedAt       the server's publication instant, kept to the millisecond
 */
public record LogLeaf(UUID noticeId, int revision, ContentHash contentHash, String publicationNumber, Instant publishedAt) {

    public static final String SCHEMA = "sanwu.log-leaf/1";

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

    /** The tree that is serialised; public so tests and docs can show it. */
    public Map<String, Object> canonicalTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("noticeId", noticeId.toString());
        m.put("revision", revision);
        m.put("contentHash", contentHash.toString());
        m.put("publicationNumber", publicationNumber);
        m.put("publishedAt", MILLIS_UTC.format(publishedAt));
        return m;
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
