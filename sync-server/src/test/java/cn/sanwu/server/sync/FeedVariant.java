package cn.sanwu.server.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A way to write and read a change feed, so one harness can test the real feed and a naive one. */
interface FeedVariant {

    record Entry(long seq, String key) {
    }

    /** Appends a change named {@code key} inside the caller's open transaction. */
    void append(Connection c, String key) throws SQLException;

    /** Committed changes after {@code cursor}, in seq order. */
    List<Entry> pullAfter(Connection c, long cursor) throws SQLException;
}
