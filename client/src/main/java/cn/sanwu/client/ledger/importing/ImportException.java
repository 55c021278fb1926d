package cn.sanwu.client.ledger.importing;

/**
 * The whole file cannot be previewed. {@link #userMessage()} is Chinese text meant to be shown
 * as-is in a dialog; {@link #reason()} lets the UI react (e.g. ask for a year and retry).
 */
public final class ImportException extends Exception {

    /** Why the import was refused. */
    public enum Reason {
        FILE_NOT_FOUND,
        FILE_UNREADABLE,
        FILE_EMPTY,
        FILE_TOO_LARGE,
        LEGACY_XLS,
        ENCRYPTED_WORKBOOK,
        CORRUPT_XLSX,
        NOT_A_WORKBOOK,
        UNRECOGNIZED_FORMAT,
        UNKNOWN_ENCODING,
        MALFORMED_CSV,
        LINE_TOO_LONG,
        NO_HEADER,
        YEAR_REQUIRED,
        TOO_MANY_ROWS,
        CANCELLED
    }

    private final Reason reason;
    private final String userMessage;

    public ImportException(Reason reason, String userMessage) {
        this(reason, userMessage, null);
    }

    public ImportException(Reason reason, String userMessage, Throwable cause) {
        super(reason + ": " + userMessage, cause);
        this.reason = reason;
        this.userMessage = userMessage;
    }

    public Reason reason() {
        return reason;
    }

    /** Chinese, complete sentence, no technical detail. */
    public String userMessage() {
        return userMessage;
    }
}
