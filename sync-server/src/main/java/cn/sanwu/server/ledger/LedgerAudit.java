package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.InMemoryLeafSource;
import cn.sanwu.model.log.LogLeaf;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.model.log.MerkleTree;
import cn.sanwu.model.log.NoteVerifier;
import cn.sanwu.model.log.PublicationFacts;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code admin audit}: recomputes everything the tamper evidence rests on, from the rows as they
 * are now, trusting nothing the database says about itself (docs/operations.md "Audit"):
 * <ol>
 * <li>each published record: its content hashes to its content hash, the content is canonical and
 * for that notice, and it equals its log leaf (id, revision, hash, number, time; for a
 * {@code sanwu.log-leaf/2} leaf also village, posting window, approval and correction);</li>
 * <li>the leaves: indices 0…n-1 without gaps, each leaf hash is {@code H(0x00 || leaf data)}, each
 * leaf has its published record, publication times do not go back (beyond {@link #CLOCK_SKEW}),
 * {@code ledger_head} agrees;</li>
 * <li>every stored checkpoint — and any held outside the server — carries a valid signature by a
 * log key and the root that the recomputed leaves give at its size (so every two checkpoints are
 * consistent with each other and with the log);</li>
 * <li>the audit chain: seq 0…m-1, each link and entry hash recomputed, {@code ledger_head} agrees,
 * and every signed audit head stored with a checkpoint names an entry hash the chain still has.</li>
 * </ol>
 * Every discrepancy becomes a {@link Finding} saying what and where. Read-only.
 */
public final class LedgerAudit {

    /** Instances' clocks may differ this much; an earlier publication time than that is back-dating. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The checks; all by default. Tests switch one off to show their harness notices. */
    public enum Check {
        RECORDS, LEAVES, CHECKPOINTS, AUDIT_CHAIN
    }

    /** One discrepancy: where (table and key) and what. */
    public record Finding(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /** What the audit looked at and found. */
    public record Report(long records, long leaves, long checkpoints, long auditEvents, List<Finding> findings) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private final PublicationLedger ledger;
    private final MerkleHasher hasher;
    private final CheckpointVerifier verifier;
    private final CheckpointVerifier auditVerifier;
    private final Set<Check> checks;

    /** {@code trustedKeys}: the log's keys, current and retired. */
    public LedgerAudit(PublicationLedger ledger, String origin, List<NoteVerifier> trustedKeys) {
        this(ledger, origin, trustedKeys, EnumSet.allOf(Check.class));
    }

    public LedgerAudit(PublicationLedger ledger, String origin, List<NoteVerifier> trustedKeys, Set<Check> checks) {
        this.ledger = ledger;
        this.hasher = ledger.hasher();
        this.verifier = new CheckpointVerifier(origin, hasher, trustedKeys);
        this.auditVerifier = new CheckpointVerifier(TransparencyLog.auditOrigin(origin), hasher, trustedKeys);
        this.checks = EnumSet.copyOf(checks);
    }

    /** Audits {@code db}; {@code externalCheckpoints} are signed notes kept elsewhere (village PCs, paper). */
    public Report run(Database db, List<String> externalCheckpoints) {
        return db.inTransaction(c -> run(c, externalCheckpoints));
    }

    private Report run(Connection c, List<String> externalCheckpoints) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        LedgerHead head = LedgerHead.read(c);
        Map<Long, LogLeaf> leavesByIndex = new HashMap<>();
        InMemoryLeafSource recomputed = new InMemoryLeafSource();
        long leafCount = readLeaves(c, head, leavesByIndex, recomputed, findings);
        long recordCount = readRecords(c, leavesByIndex, findings);
        Map<Long, byte[]> auditAnchors = new HashMap<>();
        long checkpointCount = checkpoints(c, recomputed, externalCheckpoints, auditAnchors, findings);
        long auditCount = auditChain(c, head, auditAnchors, findings);
        return new Report(recordCount, leafCount, checkpointCount, auditCount, List.copyOf(findings));
    }

    private long readLeaves(Connection c, LedgerHead head, Map<Long, LogLeaf> byIndex, InMemoryLeafSource recomputed,
            List<Finding> findings) throws SQLException {
        long count = 0;
        long expected = 0;
        Instant previousTime = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT leaf_index, notice_id, revision, leaf_data, leaf_hash FROM log_leaf ORDER BY leaf_index");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                count++;
                long index = rs.getLong(1);
                String where = "log_leaf " + index;
                if (index != expected && checks.contains(Check.LEAVES)) {
                    findings.add(new Finding(where, index > expected
                            ? "leaves " + expected + "–" + (index - 1) + " are missing (deleted)"
                            : "negative or repeated leaf index"));
                }
                expected = index + 1;
                byte[] data = rs.getString(4).getBytes(StandardCharsets.UTF_8);
                byte[] hash = hasher.leafHash(data);
                // The tree is rebuilt from the leaf data itself, not from the stored hashes.
                recomputed.append(hash);
                if (!checks.contains(Check.LEAVES)) {
                    continue;
                }
                if (!HexFormat.of().formatHex(hash).equals(rs.getString(5))) {
                    findings.add(new Finding(where, "stored leaf hash is not the hash of the leaf data"));
                }
                LogLeaf leaf;
                try {
                    leaf = LogLeafText.parse(rs.getString(4));
                } catch (IllegalArgumentException e) {
                    findings.add(new Finding(where, "leaf data is not a canonical log leaf: " + e.getMessage()));
                    continue;
                }
                if (!leaf.noticeId().equals(rs.getObject(2, UUID.class)) || leaf.revision() != rs.getInt(3)) {
                    findings.add(new Finding(where, "notice/revision columns differ from the leaf data"));
                }
                if (previousTime != null && leaf.publishedAt().isBefore(previousTime.minus(CLOCK_SKEW))) {
                    findings.add(new Finding(where, "published " + leaf.publishedAt() + ", before the previous leaf ("
                            + previousTime + "): back-dated entry"));
                }
                previousTime = leaf.publishedAt();
                byIndex.put(index, leaf);
            }
        }
        if (checks.contains(Check.LEAVES) && head.logSize() != expected) {
            findings.add(new Finding("ledger_head", "log size " + head.logSize() + " but the leaves end at " + expected));
        }
        return count;
    }

    private long readRecords(Connection c, Map<Long, LogLeaf> leaves, List<Finding> findings) throws SQLException {
        long count = 0;
        Map<Long, Boolean> seen = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PublicationLedger.SELECT_RECORD + " ORDER BY leaf_index");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                count++;
                String where = "published_record " + rs.getString(1) + " revision " + rs.getInt(2);
                PublicationLedger.Record r;
                try {
                    r = PublicationLedger.record(rs);
                } catch (RuntimeException e) {
                    findings.add(new Finding(where, "unreadable row: " + e.getMessage()));
                    continue;
                }
                seen.put(r.leafIndex(), true);
                if (!checks.contains(Check.RECORDS)) {
                    continue;
                }
                ContentHash computed = ledger.contentHash(r.contentJson());
                if (!computed.equals(r.contentHash())) {
                    findings.add(new Finding(where, "content changed: it hashes to " + computed + ", the record says "
                            + r.contentHash()));
                }
                try {
                    Object id = PublicationLedger.parseCanonical(r.contentJson()).get("noticeId");
                    if (!r.noticeId().toString().equals(id)) {
                        findings.add(new Finding(where, "content is for notice " + id));
                    }
                } catch (IllegalArgumentException e) {
                    findings.add(new Finding(where, e.getMessage()));
                }
                LogLeaf leaf = leaves.get(r.leafIndex());
                LogLeaf fromRecord;
                try {
                    fromRecord = r.leaf();
                } catch (IllegalArgumentException e) {
                    findings.add(new Finding(where, "not a valid publication: " + e.getMessage()));
                    continue;
                }
                if (leaf == null) {
                    findings.add(new Finding(where, "its log leaf " + r.leafIndex() + " does not exist"));
                } else if (!leaf.equals(fromRecord)) {
                    findings.add(new Finding(where, "differs from its log leaf " + r.leafIndex() + " (" + diff(leaf, fromRecord)
                            + ")"));
                }
            }
        }
        if (checks.contains(Check.RECORDS)) {
            for (Map.Entry<Long, LogLeaf> e : leaves.entrySet()) {
                if (!seen.containsKey(e.getKey())) {
                    findings.add(new Finding("log_leaf " + e.getKey(), "its published record (notice " + e.getValue().noticeId()
                            + " revision " + e.getValue().revision() + ") is missing (deleted)"));
                }
            }
        }
        return count;
    }

    private static String diff(LogLeaf logged, LogLeaf record) {
        List<String> fields = new ArrayList<>();
        if (!logged.noticeId().equals(record.noticeId())) {
            fields.add("notice id");
        }
        if (logged.revision() != record.revision()) {
            fields.add("revision");
        }
        if (!logged.contentHash().equals(record.contentHash())) {
            fields.add("content hash " + record.contentHash() + ", logged " + logged.contentHash());
        }
        if (!logged.publicationNumber().equals(record.publicationNumber())) {
            fields.add("publication number");
        }
        if (!logged.publishedAt().equals(record.publishedAt())) {
            fields.add("published at " + record.publishedAt() + ", logged " + logged.publishedAt());
        }
        if (!logged.schema().equals(record.schema())) {
            fields.add("leaf schema " + record.schema() + ", logged " + logged.schema());
        } else if (logged.facts() != null && !logged.facts().equals(record.facts())) {
            PublicationFacts l = logged.facts();
            PublicationFacts r = record.facts();
            if (!java.util.Objects.equals(l.postingFrom(), r.postingFrom()) || !java.util.Objects.equals(l.postingTo(), r.postingTo())) {
                fields.add("posting window " + r.postingFrom() + "–" + r.postingTo() + ", logged " + l.postingFrom() + "–"
                        + l.postingTo());
            }
            if (!l.villageCode().equals(r.villageCode())) {
                fields.add("village");
            }
            if (l.approvedRevision() != r.approvedRevision() || !l.approvedAt().equals(r.approvedAt())) {
                fields.add("approval " + r.approvedRevision() + " at " + r.approvedAt() + ", logged " + l.approvedRevision()
                        + " at " + l.approvedAt());
            }
            if (!java.util.Objects.equals(l.supersedes(), r.supersedes())
                    || !java.util.Objects.equals(l.correctionReasonHash(), r.correctionReasonHash())) {
                fields.add("correction (supersedes / reason)");
            }
        }
        return String.join("; ", fields);
    }

    private long checkpoints(Connection c, InMemoryLeafSource leaves, List<String> external, Map<Long, byte[]> auditAnchors,
            List<Finding> findings) throws SQLException {
        MerkleTree tree = new MerkleTree(hasher, leaves);
        List<TransparencyLog.StoredCheckpoint> stored;
        try {
            stored = TransparencyLog.all(c);
        } catch (IllegalArgumentException | NullPointerException e) {
            findings.add(new Finding("log_checkpoint", "unreadable rows (" + e.getMessage() + ")"));
            stored = List.of();
        }
        if (!checks.contains(Check.CHECKPOINTS)) {
            return stored.size();
        }
        for (TransparencyLog.StoredCheckpoint s : stored) {
            Checkpoint cp = checkpoint("log_checkpoint " + s.id(), s.signedNote(), findings);
            if (cp == null) {
                continue;
            }
            if (cp.treeSize() != s.treeSize() || !Arrays.equals(cp.rootHash(), s.rootHash())) {
                findings.add(new Finding("log_checkpoint " + s.id(), "size/root columns differ from the signed note"));
            }
            against(tree, cp, "log_checkpoint " + s.id(), findings);
            try {
                Checkpoint audit = TransparencyLog.parseVerified(auditVerifier, s.auditNote());
                byte[] earlier = auditAnchors.putIfAbsent(audit.treeSize(), audit.rootHash());
                if (earlier != null && !Arrays.equals(earlier, audit.rootHash())) {
                    findings.add(new Finding("log_checkpoint " + s.id(), "two signed audit heads disagree at "
                            + audit.treeSize() + " events"));
                }
            } catch (IllegalArgumentException e) {
                findings.add(new Finding("log_checkpoint " + s.id(), "audit head signature check failed: " + e.getMessage()));
            }
        }
        int n = 0;
        for (String note : external) {
            n++;
            Checkpoint cp = checkpoint("external checkpoint " + n, note, findings);
            if (cp != null) {
                against(tree, cp, "external checkpoint " + n + " (size " + cp.treeSize() + ")", findings);
            }
        }
        return stored.size();
    }

    private Checkpoint checkpoint(String where, String note, List<Finding> findings) {
        try {
            return TransparencyLog.parseVerified(verifier, note);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(where, "signature check failed: " + e.getMessage()));
            return null;
        }
    }

    private static void against(MerkleTree tree, Checkpoint cp, String where, List<Finding> findings) {
        if (cp.treeSize() > tree.size()) {
            findings.add(new Finding(where, "signs " + cp.treeSize() + " leaves, the log has " + tree.size()
                    + ": leaves were removed"));
        } else if (!Arrays.equals(tree.rootHash(cp.treeSize()), cp.rootHash())) {
            findings.add(new Finding(where, "the log's first " + cp.treeSize()
                    + " leaves no longer give the signed root: a leaf was changed, removed or inserted"));
        }
    }

    private long auditChain(Connection c, LedgerHead head, Map<Long, byte[]> anchors, List<Finding> findings)
            throws SQLException {
        AuditChain chain = new AuditChain();
        long[] count = {0};
        long[] expected = {0};
        String[] prev = {AuditChain.GENESIS};
        boolean on = checks.contains(Check.AUDIT_CHAIN);
        // The chain head after n events, for every n a signed audit head names.
        Map<Long, String> heads = new HashMap<>();
        heads.put(0L, AuditChain.GENESIS);
        AuditChain.readAll(c, e -> {
            count[0]++;
            if (anchors.containsKey(e.seq() + 1)) {
                heads.put(e.seq() + 1, e.entryHash());
            }
            String where = "audit_event " + e.seq();
            if (on && e.seq() != expected[0]) {
                findings.add(new Finding(where, e.seq() > expected[0]
                        ? "events " + expected[0] + "–" + (e.seq() - 1) + " are missing (deleted)" : "repeated sequence number"));
            }
            if (on && !e.prevHash().equals(prev[0])) {
                findings.add(new Finding(where, "link to the previous event is broken"));
            }
            if (on && !chain.entryHash(e.prevHash(), e.event(), e.seq()).equals(e.entryHash())) {
                findings.add(new Finding(where, "event changed: its hash no longer matches"));
            }
            expected[0] = e.seq() + 1;
            prev[0] = e.entryHash();
        }, problem -> {
            count[0]++;
            if (on) {
                findings.add(new Finding("audit_event", problem));
            }
        });
        if (on && (head.auditSize() != expected[0] || !head.auditHash().equals(prev[0]))) {
            findings.add(new Finding("ledger_head", "audit chain head (" + head.auditSize() + " events) differs from the"
                    + " stored chain (" + expected[0] + " events): events were removed or added"));
        }
        if (on) {
            for (Map.Entry<Long, byte[]> a : anchors.entrySet()) {
                String signed = HexFormat.of().formatHex(a.getValue());
                if (!signed.equals(heads.get(a.getKey()))) {
                    findings.add(new Finding("audit_event " + (a.getKey() - 1), "the chain no longer ends in the head signed"
                            + " after " + a.getKey() + " events: events up to there were changed, removed or inserted"));
                }
            }
        }
        return count[0];
    }
}
