package cn.sanwu.model.log;

import java.util.Objects;

/**
 * Outcome of checking a Merkle proof: valid, or the reason it was rejected. {@link Problem#label}
 * is the Chinese text for users; {@link #detail} is an English explanation for logs.
 */
public record ProofVerdict(Problem problem, String detail) {

    public enum Problem {
        /** Sizes or index out of range, or a hash of the wrong length. */
        MALFORMED("证明格式错误"),
        /** The proof has more or fewer hashes than a proof for these sizes must have. */
        WRONG_PROOF_LENGTH("证明长度不符"),
        /** The hashes do not lead to the expected root: the data or the log differs. */
        ROOT_MISMATCH("与日志记录不一致");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final ProofVerdict VALID = new ProofVerdict(null, "valid");

    public ProofVerdict {
        Objects.requireNonNull(detail, "detail");
    }

    public static ProofVerdict valid() {
        return VALID;
    }

    static ProofVerdict rejected(Problem problem, String detail) {
        return new ProofVerdict(Objects.requireNonNull(problem, "problem"), detail);
    }

    public boolean isValid() {
        return problem == null;
    }
}
