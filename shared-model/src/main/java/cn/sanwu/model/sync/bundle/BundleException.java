package cn.sanwu.model.sync.bundle;

/**
 * A bundle file refused, with a stable {@link Reason} for scripts and tests and a Chinese message
 * for the clerk or township staff. Whoever throws it has changed nothing.
 */
public final class BundleException extends Exception {

    /** Why a file was refused; the name is printed beside the message (docs/sync-protocol.md). */
    public enum Reason {
        NOT_A_BUNDLE,
        FORMAT_UNSUPPORTED,
        TRUNCATED,
        CORRUPT,
        TOO_LARGE,
        WRONG_KIND,
        BAD_SIGNATURE,
        UNKNOWN_DEVICE,
        DEVICE_REVOKED,
        NO_DEVICE_KEY,
        WRONG_VILLAGE,
        OUT_OF_SCOPE,
        PROTOCOL_MISMATCH,
        OTHER_SERVER,
        OTHER_DEVICE,
        UNKNOWN_BUNDLE,
        NOT_ENROLLED,
        ENROLL_REFUSED
    }

    private final Reason reason;

    public BundleException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
