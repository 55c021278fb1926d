package cn.sanwu.server.account;

/**
 * A request the account services will not carry out, with a message for the person (Chinese);
 * the HTTP layer maps {@link Kind} to a status, the command line prints the message.
 */
public final class Refusal extends RuntimeException {

    public enum Kind {
        /** The input is wrong in itself (format, length, level). */
        INVALID,
        /** The input names something that does not exist. */
        UNKNOWN,
        /** It exists, but lies outside the caller's scope or role. */
        OUT_OF_SCOPE,
        /** It would clash with something that exists. */
        CONFLICT
    }

    private final Kind kind;
    private final String code;

    public Refusal(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable machine-readable code, e.g. {@code VILLAGE_UNKNOWN}. */
    public String code() {
        return code;
    }
}
