package cn.sanwu.server.http;

/**
 * An answer other than 200: the HTTP status, a stable error code and a Chinese message for the
 * clerk; written as {@code SyncProtocol.Error} by {@link ServerApp}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
