package cn.sanwu.client.durability;

import cn.sanwu.client.store.Durability;
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
 * One {@link SaveWorker} process as seen by the parent: collects complete ACK lines from its
 * stdout on a reader thread (never a thread inside H2, so interrupting nothing matters) and can
 * kill it with SIGKILL either from the test thread or right after the n-th ack.
 */
final class KillChild {

    /** What the child reported as saved. */
    record Ack(UUID id, int revision, String hash) {
        static Ack parse(String line) {
            String[] parts = line.split(" ");
            if (parts.length != 4 || !parts[0].equals("ACK")) {
                throw new IllegalArgumentException("malformed ack line: " + line);
            }
            return new Ack(UUID.fromString(parts[1]), Integer.parseInt(parts[2]), parts[3]);
        }
    }

    private final Process process;
    private final Path stderrLog;
    private final List<Ack> acks = new ArrayList<>();
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CountDownLatch firstAck = new CountDownLatch(1);
    private final Thread reader;
    private volatile int killAtAck;
    private volatile String readerFailure;

    private KillChild(Process process, Path stderrLog) {
        this.process = process;
        this.stderrLog = stderrLog;
        this.reader = new Thread(this::readLoop, "kill-child-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static KillChild start(Path dataDir, Durability durability, long seed, Path stderrLog) throws IOException {
        ProcessBuilder pb = ChildJvm.builder(SaveWorker.class, dataDir.toString(), durability.name(), Long.toString(seed));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        return new KillChild(pb.start(), stderrLog);
    }

    /** Lets the warmed-up child open the database; with {@code killAtAck > 0} it is killed right after that ack. */
    void go(int killAtAck) throws IOException, InterruptedException {
        if (!waiting.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child never got ready\n" + stderrTail());
        }
        this.killAtAck = killAtAck;
        OutputStream in = process.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    void awaitFirstAck() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!firstAck.await(50, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("child died or hung before its first save (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")\n" + stderrTail());
            }
        }
    }

    /**
     * SIGKILL on Linux: no shutdown hooks, no H2 close. Sent through the {@link ProcessHandle}
     * because {@link Process#destroyForcibly()} also closes our end of the stdout pipe, dropping
     * ack lines the child had already written — those are saves the user was told about, and the
     * check must see every one of them.
     */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the child to be dead (killing it if the ack-count trigger never fired) and returns every complete ack. */
    List<Ack> finish() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
            process.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (readerFailure != null) {
            throw new AssertionError(readerFailure);
        }
        synchronized (acks) {
            return List.copyOf(acks);
        }
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
        if (line.equals("WAITING")) {
            waiting.countDown();
        } else if (line.startsWith("ACK ")) {
            int count;
            synchronized (acks) {
                acks.add(Ack.parse(line));
                count = acks.size();
            }
            firstAck.countDown();
            int trigger = killAtAck;
            if (trigger > 0 && count >= trigger) {
                kill();
            }
        }
    }

    String stderrTail() {
        return ChildOutput.tail(stderrLog);
    }
}
