package cn.sanwu.server.review;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where each review action is also written tamper-evidently (the hash-chained audit log of the
 * ledger work, {@code cn.sanwu.server.audit.AuditChain#append}); called in the action's
 * transaction, so the action and its audit entry commit or roll back together.
 */
@FunctionalInterface
public interface AuditSink {

    void append(Connection c, ReviewEvent event) throws SQLException;

    /** Until the audit chain is wired: {@code review_event} alone holds the history. */
    AuditSink NONE = (c, event) -> {
    };
}
