package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.HashAlgorithm;
import cn.sanwu.model.hash.Sha256;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.PublicationFacts;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

    /** The leaf schema new publications are written with ({@code sanwu.log-leaf/2}, ADR 0025). */
    public static final int CURRENT_LEAF_SCHEMA = 2;

    private final HashAlgorithm contentAlgorithm;
    private final MerkleHasher hasher;
    private final int leafSchema;

    public PublicationLedger() {
        this(Sha256.INSTANCE, MerkleHasher.sha256());
    }

    public PublicationLedger(HashAlgorithm contentAlgorithm, MerkleHasher hasher) {
        this(contentAlgorithm, hasher, CURRENT_LEAF_SCHEMA);
    }

    /**
     * {@code leafSchema} 1 writes {@code sanwu.log-leaf/1} leaves as servers did before ADR 0025 —
     * only for building the mixed histories a real log holds (tests of the audit and verifiers).
     */
    public PublicationLedger(HashAlgorithm contentAlgorithm, MerkleHasher hasher, int leafSchema) {
        if (leafSchema != 1 && leafSchema != 2) {
            throw new IllegalArgumentException("leaf schema 1 or 2, was " + leafSchema);
        }
        this.contentAlgorithm = contentAlgorithm;
        this.hasher = hasher;
        this.leafSchema = leafSchema;
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
        LogLeaf leaf = leaf(leafSchema, request.noticeId(), request.revision(), request.contentHash(),
                request.publicationNumber(), request.publishedAt(), request.villageRegionId(), request.postingFrom(),
                request.postingUntil(), request.approvedRevision(), request.approvedAt(), request.supersedes(),
                request.correctionReason());
        LedgerHead head = LedgerHead.lock(c);
        if (find(c, request.noticeId(), request.revision()).isPresent()) {
            throw new IllegalArgumentException("notice " + request.noticeId() + " revision " + request.revision()
                    + " is already published; published records never change (a correction is a new revision)");
        }
        long index = head.logSize();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO published_record(notice_id, revision, village_code,"
                + " content_json, content_hash, publication_number, approval_ref, posting_from, posting_until, published_at,"
                + " leaf_index, leaf_schema, approved_revision, approved_at, supersedes, correction_reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.setInt(12, leafSchema);
            ps.setInt(13, request.approvedRevision());
            ps.setObject(14, request.approvedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
            ps.setString(15, request.supersedes());
            ps.setString(16, request.correctionReason());
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

    /** The leaf of one publication in {@code schema} 1 (the v2 facts ignored) or 2; throws for any other. */
    static LogLeaf leaf(int schema, UUID noticeId, int revision, ContentHash contentHash, String number, Instant publishedAt,
            String village, LocalDate from, LocalDate to, Integer approvedRevision, Instant approvedAt, String supersedes,
            String correctionReason) {
        return switch (schema) {
            case 1 -> new LogLeaf(noticeId, revision, contentHash, number, publishedAt);
            case 2 -> {
                if (approvedRevision == null || approvedAt == null) {
                    throw new IllegalArgumentException("a v2 publication names its approval (revision and time)");
                }
                yield new LogLeaf(noticeId, revision, contentHash, number, publishedAt, new PublicationFacts(village, from, to,
                        approvedRevision, approvedAt, supersedes, PublicationFacts.reasonHash(correctionReason)));
            }
            default -> throw new IllegalArgumentException("unknown leaf schema " + schema);
        };
    }

    /**
     * A published record as stored. {@code leafSchema} is the leaf it was logged with; the v2 facts
     * ({@code approvedRevision} … {@code correctionReason}) are null on records published before V10.
     */
    public record Record(UUID noticeId, int revision, String villageCode, String contentJson, ContentHash contentHash,
            String publicationNumber, String approvalRef, LocalDate postingFrom, LocalDate postingUntil,
            java.time.Instant publishedAt, long leafIndex, int leafSchema, Integer approvedRevision, Instant approvedAt,
            String supersedes, String correctionReason) {

        /** The leaf this record must have in the log, rebuilt from the record alone. */
        public LogLeaf leaf() {
            return PublicationLedger.leaf(leafSchema, noticeId, revision, contentHash, publicationNumber, publishedAt, villageCode,
                    postingFrom, postingUntil, approvedRevision, approvedAt, supersedes, correctionReason);
        }
    }

    static final String SELECT_RECORD = "SELECT notice_id, revision, village_code, content_json, content_hash,"
            + " publication_number, approval_ref, posting_from, posting_until, published_at, leaf_index, leaf_schema,"
            + " approved_revision, approved_at, supersedes, correction_reason FROM published_record";

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
        OffsetDateTime approvedAt = rs.getObject(14, OffsetDateTime.class);
        return new Record(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                ContentHash.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class),
                rs.getObject(9, LocalDate.class), rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getLong(11), rs.getInt(12),
                rs.getObject(13, Integer.class), approvedAt == null ? null : approvedAt.toInstant(), rs.getString(15),
                rs.getString(16));
    }
}
