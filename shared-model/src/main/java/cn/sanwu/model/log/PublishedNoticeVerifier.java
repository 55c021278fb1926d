package cn.sanwu.model.log;

import cn.sanwu.model.hash.ContentHash;
import java.util.Objects;
import java.util.UUID;

/**
 * The check behind a resident's QR scan (docs/transparency-log.md): the QR code on the printed
 * sheet carries the notice id and content hash; the server answers with the log leaf of that
 * publication, an inclusion proof and its latest signed checkpoint. The paper is genuine and
 * still on record when the leaf is for this notice and this content, and the proof puts the leaf
 * in the tree the log signed. Stateless and thread-safe.
 */
public final class PublishedNoticeVerifier {

    public enum Outcome {
        VERIFIED("纸质公告与公开记录一致，并已收录于防篡改日志"),
        /** The checkpoint is malformed, from another log or not signed by the log's key. */
        CHECKPOINT_INVALID("日志检查点无效"),
        /** The record served is for another notice than the printed one. */
        OTHER_NOTICE("记录与二维码上的公告不符"),
        /** The printed content hash differs from the published record's. */
        CONTENT_DIFFERS("纸质公告与公开记录不一致"),
        /** The record is not proven to be in the signed log. */
        NOT_IN_LOG("未能证明该记录收录于防篡改日志");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** Chinese text for the public page. */
        public String label() {
            return label;
        }
    }

    /** {@code checkpoint} is the verified checkpoint the proof was checked against, when there is one. */
    public record Result(Outcome outcome, Checkpoint checkpoint, String detail) {
        public boolean isVerified() {
            return outcome == Outcome.VERIFIED;
        }
    }

    private final MerkleHasher hasher;
    private final MerkleVerifier proofs;
    private final CheckpointVerifier checkpoints;

    public PublishedNoticeVerifier(MerkleHasher hasher, CheckpointVerifier checkpoints) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.proofs = new MerkleVerifier(hasher);
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** Verifies the signed checkpoint, then the record against it. */
    public Result verify(UUID printedNoticeId, ContentHash printedHash, LogLeaf leaf, InclusionProof proof, String signedCheckpoint) {
        return verify(printedNoticeId, printedHash, leaf, proof, checkpoints.verify(signedCheckpoint));
    }

    /**
     * Checks the record against a checkpoint already verified (a server caches its latest one
     * instead of re-checking the signature for every scan).
     */
    public Result verify(UUID printedNoticeId, ContentHash printedHash, LogLeaf leaf, InclusionProof proof,
            CheckpointVerification verifiedCheckpoint) {
        if (!verifiedCheckpoint.isValid()) {
            return new Result(Outcome.CHECKPOINT_INVALID, null,
                    verifiedCheckpoint.outcome().label() + ": " + verifiedCheckpoint.detail());
        }
        Checkpoint checkpoint = verifiedCheckpoint.checkpoint();
        if (!leaf.noticeId().equals(printedNoticeId)) {
            return new Result(Outcome.OTHER_NOTICE, checkpoint, "record of " + leaf.noticeId() + ", printed " + printedNoticeId);
        }
        if (!leaf.contentHash().equals(printedHash)) {
            return new Result(Outcome.CONTENT_DIFFERS, checkpoint, "printed " + printedHash + ", published " + leaf.contentHash());
        }
        if (proof.treeSize() != checkpoint.treeSize()) {
            return new Result(Outcome.NOT_IN_LOG, checkpoint,
                    "proof is for a tree of " + proof.treeSize() + " leaves, the checkpoint has " + checkpoint.treeSize());
        }
        ProofVerdict verdict = proofs.verifyInclusion(leaf.leafHash(hasher), proof, checkpoint.rootHash());
        if (!verdict.isValid()) {
            return new Result(Outcome.NOT_IN_LOG, checkpoint, verdict.problem().label() + ": " + verdict.detail());
        }
        return new Result(Outcome.VERIFIED, checkpoint,
                "leaf " + proof.leafIndex() + " of " + checkpoint.treeSize() + " in " + checkpoint.origin());
    }
}
