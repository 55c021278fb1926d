package cn.sanwu.client.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * One background thread for all database work (the store is single-connection anyway) and
 * Platform.runLater for results. Shutdown waits for queued saves: a closing window never drops a
 * save that was already handed over. Tasks are never interrupted (STACK.md: an interrupt inside H2
 * closes its file).
 */
public final class FxBackgroundRunner implements BackgroundRunner, AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sanwu-db");
        t.setDaemon(false);
        return t;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception | Error e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        Platform.runLater(action);
    }

    /** Runs {@code work} on the database thread and waits for it (used when the window closes). */
    public void runAndWait(Runnable work) {
        try {
            executor.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
