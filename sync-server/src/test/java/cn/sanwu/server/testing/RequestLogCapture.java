package cn.sanwu.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures the server's request log (logger {@code cn.sanwu.server.requests}) at INFO while open,
 * for tests that check what never reaches it (tokens, passwords, ticket codes).
 */
public final class RequestLogCapture implements AutoCloseable {

    private final Logger requests = (Logger) LoggerFactory.getLogger("cn.sanwu.server.requests");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Level before;

    public RequestLogCapture() {
        log.start();
        before = requests.getLevel();
        requests.setLevel(Level.INFO);
        requests.addAppender(log);
    }

    /**
     * The lines logged so far, after waiting up to 5 s for at least {@code expected} of them: the
     * request log is written after the answer has gone out.
     */
    public List<String> lines(int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.list.size() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        requests.detachAppender(log);
        requests.setLevel(before);
    }
}
