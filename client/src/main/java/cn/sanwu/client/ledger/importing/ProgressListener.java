package cn.sanwu.client.ledger.importing;

/**
 * Told how many rows have been read so far (called every few hundred rows and once at the end).
 * Returning {@code false} cancels the import: {@code preview} then throws an
 * {@link ImportException} with reason {@code CANCELLED}. Cancellation is cooperative on purpose:
 * interrupting a thread that is inside a zip/XML stream can leave channels closed half-way.
 * Called on the importing thread; a UI must hop to its own thread to update widgets.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = rowsRead -> true;

    boolean onProgress(int rowsRead);
}
