package cn.sanwu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0020: on H2 no two units of work that may write overlap, and none overlaps a checkpoint —
 * an MVStore store during another thread's transaction can persist it half. Reads do not wait.
 * Always on H2 (the lock is H2's; PostgreSQL takes none).
 */
class DatabaseWriteLockTest {

    @TempDir
    Path dir;

    @Test
    void writersAndCheckpointsWaitForTheRunningWriterReadsDoNot() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Own threads: the common pool has one thread on a 2-core machine.
        try (Database db = Database.open(ServerConfig.h2Url(dir), "sa", "");
                ExecutorService threads = Executors.newCachedThreadPool();
                AutoCloseable releaseFirst = release::countDown) { // a failed assertion must not leave the holder waiting
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> db.inTransaction(c -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return null;
            }), threads);
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> db.inTransaction(c -> 1), threads);
            CompletableFuture<Void> checkpoint = CompletableFuture.runAsync(db::forceToDisk, threads);
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> db.inReadTransaction(c -> 2), threads);

            assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            Thread.sleep(300);
            assertThat(writer).as("a second writer waits for the first").isNotDone();
            assertThat(checkpoint).as("CHECKPOINT SYNC waits for the writer").isNotDone();

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            checkpoint.get(10, TimeUnit.SECONDS);
        }
    }
}
