package cn.sanwu.client.store;

/**
 * A storage failure with a message a clerk can act on (Chinese), and the technical cause kept for
 * the log. Screens show {@link #userMessage()}, never a stack trace.
 */
public class StoreException extends RuntimeException {

    private final String userMessage;

    public StoreException(String userMessage, Throwable cause) {
        super(userMessage + (cause == null ? "" : " (" + cause + ")"), cause);
        this.userMessage = userMessage;
    }

    public StoreException(String userMessage) {
        this(userMessage, null);
    }

    public String userMessage() {
        return userMessage;
    }
}
