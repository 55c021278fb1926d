package cn.sanwu.server.store;

/** A storage failure; the message is for operators' logs, not for clients. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
