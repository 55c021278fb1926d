package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.HashAlgorithm;
import cn.sanwu.model.hash.Sha256;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.model.log.MerkleHasher;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The immutable record of what was published and its append-only Merkle log
 * (docs/transparency-log.md, ADR 0019). {@link #publish} runs in the caller's transaction — the
 * approval, the record, the leaf and the audit row commit together — and assigns the next leaf
 * index under the {@code ledger_head} row lock, so two server instances never take the same
 * index (the leaf_index primary key would refuse it anyway). Stateless; thread-safe.
 */
public final class PublicationLedger {

    private final HashAlgorithm contentAlgorithm;
    private final MerkleHasher hasher;

    public PublicationLedger() {
        this(Sha256.INSTANCE, MerkleHasher.sha256());
    }

    public PublicationLedger(HashAlgorithm contentAlgorithm, MerkleHasher hasher) {
        this.contentAlgorithm = contentAlgorithm;
        this.hasher = hasher;
    }

    public MerkleHasher hasher() {
        return hasher;
    }

    /**
     * Stores the published record and appends its leaf; returns the leaf. Refuses (with
     * {@link IllegalArgumentException}, nothing written) content whose hash is not the given one,
     * content JSON that is not canonical or is for another notice, and a revision already published.
     */
    public LogLeaf publish(Connection c, PublicationRequest request) throws SQLException {
        ContentHash computed = contentHash(request.contentJson());
        if (!computed.equals(request.contentHash())) {
            throw new IllegalArgumentException("content hash " + request.contentHash() + " is not the hash of the content ("
                    + computed + ")");
        }
        Object noticeInContent = parseCanonical(request.contentJson()).get("noticeId");
        if (!request.noticeId().toString().equals(noticeInContent)) {
            throw new IllegalArgumentException("the content is for notice " + noticeInContent + ", not " + request.noticeId());
        }
        LogLeaf leaf = new LogLeaf(request.noticeId(), request.revision(), request.contentHash(),
                request.publicationNumber(), request.publishedAt());
        LedgerHead head = LedgerHead.lock(c);
        if (find(c, request.noticeId(), request.revision()).isPresent()) {
            throw new IllegalArgumentException("notice " + request.noticeId() + " revision " + request.revision()
                    + " is already published; published records never change (a correction is a new revision)");
        }
        long index = head.logSize();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO published_record(notice_id, revision, village_code,"
                + " content_json, content_hash, publication_number, approval_ref, posting_from, posting_until, published_at,"
                + " leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, request.noticeId());
            ps.setInt(2, request.revision());
            ps.setString(3, request.villageRegionId());
            ps.setString(4, request.contentJson());
            ps.setString(5, request.contentHash().toString());
            ps.setString(6, leaf.publicationNumber());
            ps.setString(7, request.approvalRef());
            ps.setObject(8, request.postingFrom());
            ps.setObject(9, request.postingUntil());
            ps.setObject(10, leaf.publishedAt().atOffset(ZoneOffset.UTC));
            ps.setLong(11, index);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO log_leaf(leaf_index, notice_id, revision, leaf_data, leaf_hash) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, index);
            ps.setObject(2, request.noticeId());
            ps.setInt(3, request.revision());
            ps.setString(4, new String(leaf.leafData(), StandardCharsets.UTF_8));
            ps.setString(5, HexFormat.of().formatHex(leaf.leafHash(hasher)));
            ps.executeUpdate();
        }
        LedgerHead.setLogSize(c, index + 1);
        return leaf;
    }

    /** The content hash of canonical content JSON as stored. */
    public ContentHash contentHash(String contentJson) {
        return ContentHash.of(contentAlgorithm, contentAlgorithm.digest(contentJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses content JSON and insists it is already in canonical form (one meaning, one spelling). */
    static Map<String, Object> parseCanonical(String json) {
        Map<String, Object> tree;
        try {
            tree = ModelJson.mapper().readValue(json, ModelJson.mapper().getTypeFactory()
                    .constructMapType(Map.class, String.class, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content is not JSON: " + e.getOriginalMessage());
        }
        if (!CanonicalJson.toText(tree).equals(json)) {
            throw new IllegalArgumentException("content JSON is not in canonical form (docs/canonical-hash.md)");
        }
        return tree;
    }

    /** A published record as stored. */
    public record Record(UUID noticeId, int revision, String villageCode, String contentJson, ContentHash contentHash,
            String publicationNumber, String approvalRef, LocalDate postingFrom, LocalDate postingUntil,
            java.time.Instant publishedAt, long leafIndex) {

        public LogLeaf leaf() {
            return new LogLeaf(noticeId, revision, contentHash, publicationNumber, publishedAt);
        }
    }

    static final String SELECT_RECORD = "SELECT notice_id, revision, village_code, content_json, content_hash,"
            + " publication_number, approval_ref, posting_from, posting_until, published_at, leaf_index FROM published_record";

    /** The record of one published revision. */
    public static Optional<Record> find(Connection c, UUID noticeId, int revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_RECORD + " WHERE notice_id = ? AND revision = ?")) {
            ps.setObject(1, noticeId);
            ps.setInt(2, revision);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    /** Every published revision of a notice, oldest first. */
    public static java.util.List<Record> revisions(Connection c, UUID noticeId) throws SQLException {
        java.util.List<Record> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_RECORD + " WHERE notice_id = ? ORDER BY revision")) {
            ps.setObject(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
        }
        return out;
    }

    /** Maps one row of {@link #SELECT_RECORD}; throws when a stored value no longer parses. */
    static Record record(ResultSet rs) throws SQLException {
        return new Record(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                ContentHash.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class),
                rs.getObject(9, LocalDate.class), rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getLong(11));
    }
}
