package cn.sanwu.client.sync;

/**
 * Named points of one sync round, reported to a listener so the kill test can stop the process
 * exactly there (docs/sync-client.md "Kill test of the sync steps", ADR 0014). The app never sets
 * a listener: {@link #NONE} does nothing. Package-private on purpose: only code in this package
 * (the test's child process) can observe the steps.
 */
interface SyncSteps {

    enum Step {
        /** The request is built and its entries are SENT on disk; nothing has left the PC yet. */
        PREPARED,
        /** The server's answer is in memory; nothing of it is written yet. */
        RESPONSE_RECEIVED,
        /** Inside the apply transaction: results and pulled changes written, cursor not yet, nothing committed. */
        BEFORE_CURSOR_SAVE,
        /** A page was applied and forced to disk, and the server said more pages wait. */
        BETWEEN_PAGES,
        /** The last page of this sync was applied and forced to disk. */
        APPLIED
    }

    SyncSteps NONE = step -> { };

    void reached(Step step);
}
