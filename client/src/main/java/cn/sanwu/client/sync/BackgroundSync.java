package cn.sanwu.client.sync;

import cn.sanwu.client.task.BackgroundRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * Syncs in the background whenever the PC is enrolled: every {@link #INTERVAL} while it works,
 * backing off (2, 4 … 30 minutes) while the server cannot be reached, and at once on 立即同步.
 * Never on the UI thread; never two at a time. The interval keeps an idle village under 1 MB/day
 * of mobile data even over HTTPS (measured by bench/link.sh: ~2.5 KB per empty sync over TLS with
 * session resumption, ~1.2 KB over plain HTTP, TCP/IP headers included; docs/benchmarks.md) while a
 * township decision arrives within 4 minutes. At 2 minutes HTTPS cost 1.8 MB/day.
 */
public final class BackgroundSync {

    public static final Duration INTERVAL = Duration.ofMinutes(4);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final SyncService sync;
    private final BackgroundRunner runner;
    private final Supplier<Instant> now;
    private final Runnable before;
    private final Consumer<SyncService.Result> after;
    private Timeline timer;
    private boolean running;
    private int failuresInARow;
    private Instant nextAttempt = Instant.MIN;

    /**
     * @param before runs on the UI thread when a sync starts (status shows 同步中)
     * @param after  runs on the UI thread with the result (status, checklist and screens refresh)
     */
    public BackgroundSync(SyncService sync, BackgroundRunner runner, Supplier<Instant> now, Runnable before,
            Consumer<SyncService.Result> after) {
        this.sync = sync;
        this.runner = runner;
        this.now = now;
        this.before = before;
        this.after = after;
    }

    /** Starts the timer (checks every 30 s whether an attempt is due). */
    public void start() {
        timer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
        tick();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    void tick() {
        try {
            if (sync.enrolled() && !now.get().isBefore(nextAttempt)) {
                syncNow();
            }
        } catch (RuntimeException e) {
            // The store is closed (window gone, app exiting): nothing left to sync from.
            stop();
        }
    }

    /** 立即同步: runs now unless a sync is already running. */
    public void syncNow() {
        if (running) {
            return;
        }
        running = true;
        before.run();
        runner.run(sync::syncNow, result -> {
            running = false;
            if (result.ok() || result.rounds() == 0) {
                failuresInARow = 0;
                nextAttempt = now.get().plus(INTERVAL);
            } else {
                failuresInARow++;
                long minutes = Math.min(MAX_BACKOFF.toMinutes(), 1L << Math.min(failuresInARow, 5));
                nextAttempt = now.get().plus(Duration.ofMinutes(minutes));
            }
            after.accept(result);
        }, error -> {
            running = false;
            failuresInARow++;
            nextAttempt = now.get().plus(MAX_BACKOFF);
            after.accept(new SyncService.Result(0, 0, 0, false, "同步出错：" + error.getMessage()));
        });
    }
}
