package cn.sanwu.client.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and delivers the result on it. ViewModels depend on this interface,
 * so tests use {@link #direct()} and see results synchronously (JabRef's same-thread executor idea).
 */
public interface BackgroundRunner {

    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Delivers a plain action on the UI thread. */
    void onUiThread(Runnable action);

    /** Runs everything immediately on the calling thread. For tests and command-line use. */
    static BackgroundRunner direct() {
        return new BackgroundRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
    }
}
