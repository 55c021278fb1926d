package cn.sanwu.client.ledger.importing;

/** Streams rows one at a time so memory stays bounded whatever the file holds. */
interface RowSource extends AutoCloseable {

    /** The next row, or {@code null} at the end. */
    RawRow next() throws ImportException;

    @Override
    void close();
}
