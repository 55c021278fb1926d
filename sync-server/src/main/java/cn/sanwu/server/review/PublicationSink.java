package cn.sanwu.server.review;

import cn.sanwu.model.log.LogLeaf;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a publication is appended to the transparency log (the ledger work's
 * {@code cn.sanwu.server.ledger.PublicationLedger#publish}); called in the publishing transaction.
 */
@FunctionalInterface
public interface PublicationSink {

    /** {@code contentJson} is the published NoticeContent as JSON; {@code approvalReference} names the approval. */
    void publish(Connection c, LogLeaf leaf, String villageCode, String contentJson, String approvalReference)
            throws SQLException;

    /** Until the ledger is wired: the {@code publication} table alone holds the record. */
    PublicationSink NONE = (c, leaf, village, content, approval) -> {
    };
}
