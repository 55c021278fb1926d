package cn.sanwu.server.ledger;

import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.CheckpointVerification;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.ConsistencyProof;
import cn.sanwu.model.log.InclusionProof;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.MerkleTree;
import cn.sanwu.model.log.NoteSigner;
import cn.sanwu.server.config.LogConfig;
import cn.sanwu.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the transparency log: signs checkpoints over the {@code log_leaf} table and
 * answers inclusion and consistency proofs (docs/transparency-log.md). Checkpoints are signed on
 * demand — when one is asked for and the log has grown since the newest stored one (or that one is
 * older than {@link #MAX_CHECKPOINT_AGE}) — so no timer and no instance-local state is needed;
 * two instances racing sign two valid checkpoints of the same size. Before signing it checks that
 * the log still has the root the newest stored checkpoint signed, so a log rewritten below it is
 * never signed over. The only memory is {@link MerkleTree}'s subtree cache, which refills itself.
 * Thread-safe.
 */
public final class TransparencyLog {

    private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);
    /** A checkpoint older than this is re-signed when asked for, so "as of" stays recent. */
    public static final Duration MAX_CHECKPOINT_AGE = Duration.ofHours(24);

    private final Database db;
    private final MerkleHasher hasher;
    private final LogConfig config;
    private final LogSigningKeys keys;
    private final Clock clock;
    private final MerkleTree tree;
    private final UuidV7 ids;

    public TransparencyLog(Database db, MerkleHasher hasher, LogConfig config, LogSigningKeys keys, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.config = config;
        this.keys = keys;
        this.clock = clock;
        this.tree = new MerkleTree(hasher, new DatabaseLeafSource(db));
        this.ids = new UuidV7(clock);
    }

    public String origin() {
        return config.origin();
    }

    public MerkleHasher hasher() {
        return hasher;
    }

    /** A verifier trusting this log's current keys (for tests and the audit command). */
    public CheckpointVerifier verifier() {
        return new CheckpointVerifier(config.origin(), hasher, keys.verifiers());
    }

    public LogSigningKeys keys() {
        return keys;
    }

    /** A signed checkpoint as stored. */
    public record StoredCheckpoint(UUID id, long treeSize, byte[] rootHash, String signedNote, String auditNote,
            Instant signedAt) {
    }

    /** The origin of the signed audit-chain heads stored beside each checkpoint. */
    public static String auditOrigin(String logOrigin) {
        return logOrigin + "/audit";
    }

    /** The newest checkpoint, signing a new one first when the log grew or the newest is stale. */
    public StoredCheckpoint latest() {
        long size = tree.size();
        Optional<StoredCheckpoint> newest = db.inTransaction(TransparencyLog::newest);
        if (newest.isPresent() && newest.get().treeSize() >= size
                && Duration.between(newest.get().signedAt(), clock.instant()).compareTo(MAX_CHECKPOINT_AGE) < 0) {
            return newest.get();
        }
        return sign(size, newest);
    }

    /** Signs and stores a checkpoint of the log's current size now. */
    public StoredCheckpoint signNow() {
        return sign(tree.size(), db.inTransaction(TransparencyLog::newest));
    }

    private StoredCheckpoint sign(long size, Optional<StoredCheckpoint> previous) {
        if (previous.isPresent()) {
            StoredCheckpoint p = previous.get();
            if (p.treeSize() > size) {
                throw new IllegalStateException("the log has " + size + " leaves but checkpoint " + p.id() + " signed "
                        + p.treeSize() + ": leaves were removed; run admin audit");
            }
            if (!Arrays.equals(tree.rootHash(p.treeSize()), p.rootHash())) {
                LOG.error("event=log-rewritten checkpoint={} size={}", p.id(), p.treeSize());
                throw new IllegalStateException("the log's leaves no longer give the root of checkpoint " + p.id()
                        + " (size " + p.treeSize() + "): refusing to sign; run admin audit");
            }
        }
        byte[] root = tree.rootHash(size);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        NoteSigner[] signers = keys.signers().toArray(new NoteSigner[0]);
        String note = new Checkpoint(config.origin(), size, root, now).sign(signers);
        String[] auditNote = new String[1];
        UUID id = ids.next();
        db.inTransaction(c -> {
            // The audit chain's head as this transaction sees it, signed in the same checkpoint
            // form (its "root" is the last entry hash), so the chain up to here is anchored too.
            LedgerHead head = LedgerHead.read(c);
            auditNote[0] = new Checkpoint(auditOrigin(config.origin()), head.auditSize(),
                    HexFormat.of().parseHex(head.auditHash()), now).sign(signers);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_checkpoint(id, tree_size, root_hash, signed_note,"
                    + " audit_note, signed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setLong(2, size);
                ps.setString(3, HexFormat.of().formatHex(root));
                ps.setString(4, note);
                ps.setString(5, auditNote[0]);
                ps.setObject(6, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
        db.forceToDisk();
        LOG.info("event=checkpoint-signed id={} size={}", id, size);
        return new StoredCheckpoint(id, size, root, note, auditNote[0], now);
    }

    /** Every stored checkpoint, oldest first. */
    public static List<StoredCheckpoint> all(Connection c) throws SQLException {
        List<StoredCheckpoint> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_CHECKPOINT + " ORDER BY signed_at, tree_size, id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(checkpoint(rs));
            }
        }
        return out;
    }

    private static final String SELECT_CHECKPOINT = "SELECT id, tree_size, root_hash, signed_note, audit_note, signed_at FROM log_checkpoint";

    private static Optional<StoredCheckpoint> newest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_CHECKPOINT + " ORDER BY tree_size DESC, signed_at DESC, id DESC")) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
            }
        }
    }

    private static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getObject(1, UUID.class), rs.getLong(2), HexFormat.of().parseHex(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getObject(6, java.time.OffsetDateTime.class).toInstant());
    }

    /**
     * What a resident's QR check needs (docs/transparency-log.md): the leaf built from the record
     * the server holds now, its index, a proof in the checkpoint's tree, the signed checkpoint, and
     * the newest published revision of the notice.
     */
    public record Inclusion(LogLeaf leaf, long leafIndex, InclusionProof proof, String checkpoint, int latestRevision) {
    }

    /** The inclusion of a published revision (the newest when {@code revision} is null); empty when not published. */
    public Optional<Inclusion> inclusion(UUID noticeId, Integer revision) {
        List<PublicationLedger.Record> revisions = db.inTransaction(c -> PublicationLedger.revisions(c, noticeId));
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        PublicationLedger.Record record = revision == null ? revisions.getLast()
                : revisions.stream().filter(r -> r.revision() == revision).findFirst().orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        StoredCheckpoint checkpoint = latest();
        if (record.leafIndex() < 0 || record.leafIndex() >= checkpoint.treeSize()) {
            // The record points outside the signed log: answer with an empty proof, which fails verification.
            return Optional.of(new Inclusion(record.leaf(), record.leafIndex(),
                    new InclusionProof(Math.max(0, record.leafIndex()), checkpoint.treeSize(), List.of()),
                    checkpoint.signedNote(), revisions.getLast().revision()));
        }
        InclusionProof proof = tree.inclusionProof(record.leafIndex(), checkpoint.treeSize());
        return Optional.of(new Inclusion(record.leaf(), record.leafIndex(), proof, checkpoint.signedNote(),
                revisions.getLast().revision()));
    }

    /** Every published revision of a notice, oldest first, as the public sees it. */
    public List<PublicRecord> published(UUID noticeId) {
        return db.inTransaction(c -> PublicationLedger.revisions(c, noticeId)).stream().map(PublicRecord::of).toList();
    }

    /** A consistency proof between two sizes of the log; sizes out of range are an {@link IllegalArgumentException}. */
    public ConsistencyProof consistency(long oldSize, long newSize) {
        long size = tree.size();
        if (oldSize < 0 || oldSize > newSize || newSize > size) {
            throw new IllegalArgumentException("sizes must satisfy 0 ≤ from ≤ to ≤ " + size + ", were " + oldSize + " and " + newSize);
        }
        return tree.consistencyProof(oldSize, newSize);
    }

    /** Checks a stored note against this log's keys; used by the audit. */
    public static Checkpoint parseVerified(CheckpointVerifier verifier, String note) {
        CheckpointVerification v = verifier.verify(note.getBytes(StandardCharsets.UTF_8));
        if (!v.isValid()) {
            throw new IllegalArgumentException(v.outcome().label() + (v.detail() == null ? "" : ": " + v.detail()));
        }
        return v.checkpoint();
    }
}
