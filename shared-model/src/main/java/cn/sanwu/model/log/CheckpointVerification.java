package cn.sanwu.model.log;

import java.util.Objects;

/**
 * Outcome of checking a signed checkpoint. {@link #checkpoint} is set only when the outcome is
 * {@link Outcome#VALID}: the text of an unverified note must not be used.
 */
public record CheckpointVerification(Outcome outcome, Checkpoint checkpoint, String detail) {

    public enum Outcome {
        VALID("签名有效"),
        /** Not a well-formed signed checkpoint (encoding, layout, sizes, base64). */
        MALFORMED("检查点格式错误"),
        /** Well formed, but from another log than the one asked about. */
        WRONG_ORIGIN("检查点不属于本日志"),
        /** No signature by a key this verifier trusts. */
        UNKNOWN_KEY("检查点未经可信密钥签名"),
        /** A trusted key's signature does not match the text: the note was altered or forged. */
        BAD_SIGNATURE("检查点签名无效");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** Chinese text for users. */
        public String label() {
            return label;
        }
    }

    public CheckpointVerification {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        if ((outcome == Outcome.VALID) != (checkpoint != null)) {
            throw new IllegalArgumentException("a checkpoint goes with, and only with, a valid outcome");
        }
    }

    static CheckpointVerification rejected(Outcome outcome, String detail) {
        return new CheckpointVerification(outcome, null, detail);
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }
}
