package cn.sanwu.client.sync;

import cn.sanwu.client.testsupport.ChildJvm;
import cn.sanwu.client.testsupport.ChildOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@link SyncKillWorker} as the parent sees it: a reader thread collects its complete lines
 * (saves, steps, syncs) and SIGKILLs it the moment it reports {@code HALTED}. The kill goes
 * through {@link ProcessHandle} so our end of the stdout pipe stays open and no line the child
 * had written is lost (see durability.KillChild).
 */
final class SyncKillProcess {

    /** A save the child reported as done (the clerk saw 已保存). */
    record Saved(UUID id, int revision, String hash) {
    }

    private final Process process;
    private final Path stderrLog;
    private final List<Saved> saves = new ArrayList<>();
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch halted = new CountDownLatch(1);
    private final Thread reader;
    private volatile String readerFailure;
    private volatile int steps;
    private volatile int syncs;
    private volatile int okSyncs;

    private SyncKillProcess(Process process, Path stderrLog) {
        this.process = process;
        this.stderrLog = stderrLog;
        this.reader = new Thread(this::readLoop, "sync-kill-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static SyncKillProcess start(Path dataDir, long seed, String mode, Path stderrLog) throws IOException {
        ProcessBuilder pb = ChildJvm.builder(SyncKillWorker.class, dataDir.toString(), Long.toString(seed), mode);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        return new SyncKillProcess(pb.start(), stderrLog);
    }

    /** Lets the warmed-up child open the store; it halts at the {@code occurrence}-th {@code step} (NONE: never). */
    void go(String step, int occurrence) throws IOException, InterruptedException {
        await(waiting, "get ready");
        OutputStream in = process.getOutputStream();
        in.write(("GO " + step + " " + occurrence + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        await(open, "open its store");
    }

    private void await(CountDownLatch latch, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!latch.await(20, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new AssertionError("child did not " + what + " (exit " + (process.isAlive() ? "none" : process.exitValue())
                        + ")\n" + stderrTail());
            }
        }
    }

    /** Waits up to {@code millis} for the child to halt at its step (it is killed by then); false if it did not. */
    boolean awaitHalt(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!halted.await(20, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return halted.getCount() == 0;
            }
        }
        return true;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hooks, no database close. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Kills the child if still alive, waits for it and returns every complete save line. */
    List<Saved> finish() throws InterruptedException {
        kill();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (readerFailure != null) {
            throw new AssertionError(readerFailure);
        }
        synchronized (saves) {
            return List.copyOf(saves);
        }
    }

    int steps() {
        return steps;
    }

    int syncs() {
        return syncs;
    }

    int okSyncs() {
        return okSyncs;
    }

    /** Disposes of a child that was started but never used. */
    void discard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void readLoop() {
        readerFailure = ChildOutput.readCompleteLines(process.getInputStream(), this::onLine);
    }

    private void onLine(String line) {
        String[] parts = line.split(" ");
        switch (parts[0]) {
            case "WAITING" -> waiting.countDown();
            case "OPEN" -> open.countDown();
            case "SAVED" -> {
                synchronized (saves) {
                    saves.add(new Saved(UUID.fromString(parts[1]), Integer.parseInt(parts[2]), parts[3]));
                }
            }
            case "STEP" -> steps++;
            case "SYNCED" -> {
                syncs++;
                if (parts[1].equals("true")) {
                    okSyncs++;
                }
            }
            case "HALTED" -> {
                kill();
                halted.countDown();
            }
            default -> { }
        }
    }

    String stderrTail() {
        return ChildOutput.tail(stderrLog);
    }
}
