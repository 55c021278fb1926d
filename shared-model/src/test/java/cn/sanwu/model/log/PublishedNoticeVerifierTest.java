package cn.sanwu.model.log;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.Sha256;
import cn.sanwu.model.log.PublishedNoticeVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The resident's QR check end to end, with the sizes and roots taken from a signed checkpoint:
 * here every single-bit change of any input is rejected, tree sizes included (compare
 * MerkleProofMutationTest, where a bare size can be ambiguous).
 */
class PublishedNoticeVerifierTest {

    private static final String ORIGIN = "sanwu.example/log/330102";
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final Ed25519NoteSigner LOG_KEY = Ed25519NoteSigner.of(ORIGIN, Ed25519NoteSigner.generateKeyPair());
    private static final CheckpointVerifier CHECKPOINTS = new CheckpointVerifier(ORIGIN, HASHER, List.of(LOG_KEY.verifier()));
    private static final PublishedNoticeVerifier VERIFIER = new PublishedNoticeVerifier(HASHER, CHECKPOINTS);
    private static final Instant NOW = Instant.parse("2026-11-28T08:30:00Z");

    /** A log of {@code size} publications; leaf i is notice i's first revision. */
    private record Log(List<LogLeaf> leaves, MerkleTree tree, String signedCheckpoint) {
        static Log of(int size) {
            List<LogLeaf> leaves = new ArrayList<>();
            InMemoryLeafSource source = new InMemoryLeafSource();
            for (int i = 0; i < size; i++) {
                LogLeaf leaf = new LogLeaf(new UUID(0x0190a6b23c4d7e8fL, 0x9a0b000000000000L + i), 1, contentHash(i),
                        "330102001001-2026-" + String.format("%04d", i + 1), NOW.minusSeconds(3600L * (size - i)));
                leaves.add(leaf);
                source.append(leaf.leafHash(HASHER));
            }
            MerkleTree tree = new MerkleTree(HASHER, source);
            String note = new Checkpoint(ORIGIN, size, tree.rootHash(size), NOW).sign(LOG_KEY);
            return new Log(leaves, tree, note);
        }
    }

    private static ContentHash contentHash(int i) {
        return ContentHash.of(Sha256.INSTANCE, Sha256.INSTANCE.digest(("notice " + i).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGenuinePrintedNoticeVerifies() {
        Log log = Log.of(11);
        LogLeaf leaf = log.leaves().get(4);
        PublishedNoticeVerifier.Result result = VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf,
                log.tree().inclusionProof(4, 11), log.signedCheckpoint());
        assertThat(result.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(result.checkpoint().treeSize()).isEqualTo(11);
        assertThat(result.outcome().label()).contains("一致");
    }

    @Test
    void eachFailureHasItsOwnReason() {
        Log log = Log.of(5);
        LogLeaf leaf = log.leaves().get(2);
        InclusionProof proof = log.tree().inclusionProof(2, 5);
        assertThat(VERIFIER.verify(leaf.noticeId(), contentHash(3), leaf, proof, log.signedCheckpoint()).outcome())
                .isEqualTo(Outcome.CONTENT_DIFFERS);
        assertThat(VERIFIER.verify(log.leaves().get(1).noticeId(), leaf.contentHash(), leaf, proof, log.signedCheckpoint())
                .outcome()).isEqualTo(Outcome.OTHER_NOTICE);
        assertThat(VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, log.tree().inclusionProof(3, 5),
                log.signedCheckpoint()).outcome()).isEqualTo(Outcome.NOT_IN_LOG);
        Ed25519NoteSigner forger = Ed25519NoteSigner.of(ORIGIN, Ed25519NoteSigner.generateKeyPair());
        String forged = new Checkpoint(ORIGIN, 5, log.tree().rootHash(5), NOW).sign(forger);
        PublishedNoticeVerifier.Result result = VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, proof, forged);
        assertThat(result.outcome()).isEqualTo(Outcome.CHECKPOINT_INVALID);
        assertThat(result.detail()).startsWith("检查点未经可信密钥签名");
        // A republished (edited) notice appended later does not hide the original: both stay provable.
        assertThat(VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, log.tree().inclusionProof(2, 4),
                log.signedCheckpoint()).outcome()).isEqualTo(Outcome.NOT_IN_LOG);
    }

    /**
     * A log written before and after leaf schema v2 (ADR 0025): every leaf of either schema
     * verifies; a v2 record served with any other posting window, village, approval or correction
     * facts — or passed off as a v1 leaf without them — is not in the log.
     */
    @Test
    void aMixedV1AndV2LogVerifiesBothAndEveryChangedV2FactIsNotInTheLog() {
        int n = 12;
        List<LogLeaf> leaves = new ArrayList<>();
        InMemoryLeafSource source = new InMemoryLeafSource();
        for (int i = 0; i < n; i++) {
            Instant at = NOW.minusSeconds(3600L * (n - i));
            LogLeaf leaf = new LogLeaf(new UUID(0x0190a6b23c4d7e8fL, 0x9a0b000000000000L + i), 1, contentHash(i),
                    "330102001001-2026-" + String.format("%04d", i + 1), at,
                    i < n / 2 ? null : new PublicationFacts("330102001001", java.time.LocalDate.of(2026, 12, 1),
                            java.time.LocalDate.of(2026, 12, 31), 1, at.minusSeconds(60), i % 3 == 0 ? "330102001001-2026-0001" : null,
                            i % 3 == 0 ? PublicationFacts.reasonHash("金额更正") : null));
            leaves.add(leaf);
            source.append(leaf.leafHash(HASHER));
        }
        MerkleTree tree = new MerkleTree(HASHER, source);
        CheckpointVerification checkpoint = CHECKPOINTS.verify(new Checkpoint(ORIGIN, n, tree.rootHash(n), NOW).sign(LOG_KEY));
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < n; i++) {
            LogLeaf leaf = leaves.get(i);
            InclusionProof proof = tree.inclusionProof(i, n);
            assertThat(VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, proof, checkpoint).isVerified())
                    .as("leaf %d (%s)", i, leaf.schema()).isTrue();
            if (leaf.facts() == null) {
                continue;
            }
            PublicationFacts f = leaf.facts();
            List<PublicationFacts> changed = new ArrayList<>();
            for (int days = -400; days <= 400; days++) {
                if (days == 0) {
                    continue;
                }
                java.time.LocalDate to = f.postingTo().plusDays(days);
                if (!to.isBefore(f.postingFrom())) {
                    changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), to, f.approvedRevision(), f.approvedAt(),
                            f.supersedes(), f.correctionReasonHash()));
                }
                java.time.LocalDate from = f.postingFrom().plusDays(days);
                if (!f.postingTo().isBefore(from)) {
                    changed.add(new PublicationFacts(f.villageCode(), from, f.postingTo(), f.approvedRevision(), f.approvedAt(),
                            f.supersedes(), f.correctionReasonHash()));
                }
            }
            changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), null, f.approvedRevision(), f.approvedAt(),
                    f.supersedes(), f.correctionReasonHash()));
            changed.add(new PublicationFacts("330102001002", f.postingFrom(), f.postingTo(), f.approvedRevision(), f.approvedAt(),
                    f.supersedes(), f.correctionReasonHash()));
            changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), 2, f.approvedAt(), f.supersedes(),
                    f.correctionReasonHash()));
            for (int bit = 0; bit < 42; bit++) {
                Instant approved = Instant.ofEpochMilli(f.approvedAt().toEpochMilli() ^ (1L << bit));
                changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), f.approvedRevision(), approved,
                        f.supersedes(), f.correctionReasonHash()));
            }
            changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), f.approvedRevision(), f.approvedAt(),
                    f.supersedes() == null ? "330102001001-2026-0002" : null, f.correctionReasonHash()));
            changed.add(new PublicationFacts(f.villageCode(), f.postingFrom(), f.postingTo(), f.approvedRevision(), f.approvedAt(),
                    f.supersedes(), PublicationFacts.reasonHash("另一个理由")));
            List<LogLeaf> forged = new ArrayList<>();
            changed.forEach(c -> forged.add(new LogLeaf(leaf.noticeId(), leaf.revision(), leaf.contentHash(),
                    leaf.publicationNumber(), leaf.publishedAt(), c)));
            forged.add(new LogLeaf(leaf.noticeId(), leaf.revision(), leaf.contentHash(), leaf.publicationNumber(), leaf.publishedAt()));
            for (LogLeaf attempt : forged) {
                checked++;
                if (VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), attempt, proof, checkpoint).isVerified()) {
                    accepted.add("leaf " + i + ": " + attempt);
                }
            }
        }
        System.out.println("v2 fact changes checked: " + checked);
        assertThat(checked).isGreaterThan(5000);
        assertThat(accepted).isEmpty();
    }

    /** Single-bit changes of the record, the printed hash and the proof, for logs of 1..16 leaves. */
    @Test
    void everySingleBitChangeOfTheRecordOrProofIsRejected() {
        List<String> accepted = new ArrayList<>();
        long checked = 0;
        for (int n = 1; n <= 16; n++) {
            Log log = Log.of(n);
            CheckpointVerification checkpoint = CHECKPOINTS.verify(log.signedCheckpoint());
            assertThat(checkpoint.isValid()).isTrue();
            for (int i : leavesToCheck(n)) {
                LogLeaf leaf = log.leaves().get(i);
                InclusionProof proof = log.tree().inclusionProof(i, n);
                assertThat(VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, proof, checkpoint).isVerified()).isTrue();
                List<Function<Integer, Attempt>> mutations = mutations(leaf, proof);
                int[] bitCounts = {64, 64, 128, 256, 31, 42, 8 * leaf.publicationNumber().length(), 8 * HASHER.hashSize() * proof.path().size()};
                for (int kind = 0; kind < mutations.size(); kind++) {
                    for (int bit = 0; bit < bitCounts[kind]; bit++) {
                        Attempt attempt = mutations.get(kind).apply(bit);
                        if (attempt == null) {
                            continue; // not a constructible record (e.g. revision 0); nothing to verify
                        }
                        checked++;
                        if (VERIFIER.verify(leaf.noticeId(), attempt.printed(), attempt.leaf(), attempt.proof(), checkpoint).isVerified()) {
                            accepted.add(attempt.name() + " bit " + bit + " (leaf " + i + " of " + n + ")");
                        }
                    }
                }
            }
        }
        System.out.println("QR check mutations checked: " + checked);
        assertThat(accepted).isEmpty();
    }

    /**
     * The first, middle and last leaf by default (left edge, inner, right edge of the tree); every
     * leaf with {@code -Dsanwu.log.exhaustive=true}. The bare proofs of every leaf are tampered with
     * exhaustively in MerkleProofMutationTest.
     */
    private static SortedSet<Integer> leavesToCheck(int n) {
        SortedSet<Integer> leaves = new TreeSet<>(List.of(0, n / 2, n - 1));
        if (Boolean.getBoolean("sanwu.log.exhaustive")) {
            IntStream.range(0, n).forEach(leaves::add);
        }
        return leaves;
    }

    private record Attempt(String name, ContentHash printed, LogLeaf leaf, InclusionProof proof) {
    }

    private static List<Function<Integer, Attempt>> mutations(LogLeaf leaf, InclusionProof proof) {
        ContentHash printed = leaf.contentHash();
        return List.of(
                bit -> new Attempt("leaf index", printed, leaf, new InclusionProof(proof.leafIndex() ^ (1L << bit), proof.treeSize(), proof.path())),
                bit -> new Attempt("proof tree size", printed, leaf, new InclusionProof(proof.leafIndex(), proof.treeSize() ^ (1L << bit), proof.path())),
                bit -> new Attempt("notice id", printed, withLeaf(leaf, flipUuid(leaf.noticeId(), bit), leaf.revision(), leaf.contentHash(),
                        leaf.publicationNumber(), leaf.publishedAt()), proof),
                bit -> {
                    ContentHash changed = flipHash(printed, bit);
                    // The QR and the record changed alike: the record no longer matches the log.
                    return new Attempt("content hash", changed, withLeaf(leaf, leaf.noticeId(), leaf.revision(), changed,
                            leaf.publicationNumber(), leaf.publishedAt()), proof);
                },
                bit -> {
                    int revision = leaf.revision() ^ (1 << bit);
                    return revision < 1 ? null : new Attempt("revision", printed, withLeaf(leaf, leaf.noticeId(), revision,
                            leaf.contentHash(), leaf.publicationNumber(), leaf.publishedAt()), proof);
                },
                bit -> new Attempt("published at", printed, withLeaf(leaf, leaf.noticeId(), leaf.revision(), leaf.contentHash(),
                        leaf.publicationNumber(), Instant.ofEpochMilli(leaf.publishedAt().toEpochMilli() ^ (1L << bit))), proof),
                bit -> {
                    char[] chars = leaf.publicationNumber().toCharArray();
                    chars[bit / 8] ^= (char) (1 << (bit % 8));
                    String number = new String(chars);
                    return number.isBlank() || !number.equals(number.strip()) ? null : new Attempt("publication number", printed,
                            withLeaf(leaf, leaf.noticeId(), leaf.revision(), leaf.contentHash(), number, leaf.publishedAt()), proof);
                },
                bit -> {
                    int size = HASHER.hashSize() * 8;
                    List<byte[]> path = new ArrayList<>(proof.path());
                    byte[] element = path.get(bit / size).clone();
                    element[(bit % size) / 8] ^= (byte) (1 << (bit % 8));
                    path.set(bit / size, element);
                    return new Attempt("proof hash", printed, leaf, new InclusionProof(proof.leafIndex(), proof.treeSize(), path));
                });
    }

    private static LogLeaf withLeaf(LogLeaf original, UUID id, int revision, ContentHash hash, String number, Instant at) {
        return new LogLeaf(id, revision, hash, number, at);
    }

    private static UUID flipUuid(UUID id, int bit) {
        return bit < 64 ? new UUID(id.getMostSignificantBits() ^ (1L << bit), id.getLeastSignificantBits())
                : new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() ^ (1L << (bit - 64)));
    }

    private static ContentHash flipHash(ContentHash hash, int bit) {
        byte[] digest = HexFormat.of().parseHex(hash.hex());
        digest[bit / 8] ^= (byte) (1 << (bit % 8));
        return new ContentHash(hash.algorithm(), HexFormat.of().formatHex(digest));
    }

    /**
     * Every single-bit change of the signed checkpoint of a log of 6 leaves; logs of 1 and 16 leaves
     * too with {@code -Dsanwu.log.exhaustive=true} (each change costs an Ed25519 check).
     */
    @Test
    void everySingleBitChangeOfTheCheckpointIsRejected() {
        List<String> accepted = new ArrayList<>();
        int[] sizes = Boolean.getBoolean("sanwu.log.exhaustive") ? new int[] {1, 6, 16} : new int[] {6};
        for (int n : sizes) {
            Log log = Log.of(n);
            LogLeaf leaf = log.leaves().get(n - 1);
            InclusionProof proof = log.tree().inclusionProof(n - 1, n);
            byte[] note = log.signedCheckpoint().getBytes(StandardCharsets.UTF_8);
            for (int bit = 0; bit < note.length * 8; bit++) {
                byte[] changed = note.clone();
                changed[bit / 8] ^= (byte) (1 << (bit % 8));
                CheckpointVerification checkpoint = CHECKPOINTS.verify(changed);
                if (VERIFIER.verify(leaf.noticeId(), leaf.contentHash(), leaf, proof, checkpoint).isVerified()) {
                    accepted.add("checkpoint bit " + bit + " (log of " + n + ")");
                }
            }
        }
        assertThat(accepted).isEmpty();
    }
}
