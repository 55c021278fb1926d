package cn.sanwu.client.task;

/**
 * Runs an action once things have been quiet for a moment (autosave after typing stops).
 * ViewModels see only this interface; the app uses {@link FxDebounce}, tests a manual one.
 */
public interface Debounce {

    /** (Re)starts the quiet-period timer; {@code action} runs when it expires. */
    void request(Runnable action);

    /** Forgets a pending action. */
    void cancel();

    /** Never runs anything by itself; {@link #runPending()} fires the pending action. For tests. */
    static Manual manual() {
        return new Manual();
    }

    final class Manual implements Debounce {
        private Runnable pending;

        @Override
        public void request(Runnable action) {
            pending = action;
        }

        @Override
        public void cancel() {
            pending = null;
        }

        public boolean hasPending() {
            return pending != null;
        }

        public void runPending() {
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        }
    }
}
