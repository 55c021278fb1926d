package cn.sanwu.model.log;

import cn.sanwu.model.log.CheckpointVerification.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Checks signed checkpoints of one log: well formed, the expected origin, and signed by at least
 * one trusted key, with no trusted key's signature failing. Signatures by unknown keys (witnesses,
 * a rotated-out key) are ignored, as c2sp.org/signed-note requires. Thread-safe.
 */
public final class CheckpointVerifier {

    private final String origin;
    private final int hashSize;
    private final List<NoteVerifier> trustedKeys;

    /**
     * @param origin      the log's origin line this verifier accepts
     * @param hasher      the log's Merkle hasher (fixes the root hash length)
     * @param trustedKeys the log's public keys; one is normal, two during a key rotation
     */
    public CheckpointVerifier(String origin, MerkleHasher hasher, Collection<? extends NoteVerifier> trustedKeys) {
        this.origin = NoteKeys.requireValidKeyName(origin);
        this.hashSize = hasher.hashSize();
        this.trustedKeys = List.copyOf(trustedKeys);
        if (this.trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint verifier needs at least one trusted key");
        }
    }

    public CheckpointVerification verify(String note) {
        return verify(Objects.requireNonNull(note, "note").getBytes(StandardCharsets.UTF_8));
    }

    public CheckpointVerification verify(byte[] note) {
        SignedNote parsed;
        Checkpoint checkpoint;
        try {
            parsed = SignedNote.parse(note);
            checkpoint = Checkpoint.parseNoteText(parsed.text(), hashSize);
        } catch (IllegalArgumentException e) {
            return CheckpointVerification.rejected(Outcome.MALFORMED, e.getMessage());
        }
        if (!checkpoint.origin().equals(origin)) {
            return CheckpointVerification.rejected(Outcome.WRONG_ORIGIN,
                    "checkpoint of \"" + checkpoint.origin() + "\", expected \"" + origin + "\"");
        }
        byte[] text = parsed.text().getBytes(StandardCharsets.UTF_8);
        int verified = 0;
        for (SignedNote.Signature signature : parsed.signatures()) {
            for (NoteVerifier key : trustedKeys) {
                if (!key.keyName().equals(signature.keyName()) || key.keyId() != signature.keyId()) {
                    continue;
                }
                if (!key.verify(text, signature.signature())) {
                    return CheckpointVerification.rejected(Outcome.BAD_SIGNATURE,
                            "signature by " + signature.keyName() + " does not match the checkpoint");
                }
                verified++;
            }
        }
        if (verified == 0) {
            return CheckpointVerification.rejected(Outcome.UNKNOWN_KEY, "no signature by a trusted key of " + origin);
        }
        return new CheckpointVerification(Outcome.VALID, checkpoint, "signed by " + verified + " trusted key(s)");
    }
}
