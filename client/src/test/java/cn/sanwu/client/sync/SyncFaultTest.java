package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 Proof: "a fault proxy on loopback (latency, bandwidth, drop response after commit,
 * truncate, reset, blackhole): ≥300 sync rounds with 30% faults, set of changes on the server =
 * set acknowledged" ({@link FaultRun}, ADR 0013). {@code -Dsanwu.fault.seed=} replays a run (the
 * plan of faults and edits; timing varies), {@code -Dsanwu.fault.rounds=} runs more rounds.
 */
class SyncFaultTest {

    @TempDir
    Path dir;

    private static long seed() {
        String given = System.getProperty("sanwu.fault.seed");
        return given != null ? Long.parseLong(given) : ThreadLocalRandom.current().nextLong(1L << 48);
    }

    @Test
    void threeHundredRoundsWithThirtyPercentFaultsLoseNothingAndDuplicateNothing() throws Exception {
        long seed = seed();
        System.out.println("SYNC-FAULT-TEST seed=" + seed + " (replay with -Dsanwu.fault.seed=" + seed + ")");
        FaultRun.Result r = new FaultRun(dir, seed, Integer.getInteger("sanwu.fault.rounds", 300), 0.30, false,
                Duration.ofMillis(1500)).run();
        System.out.println(r.summary());

        assertThat(r.problems()).as("seed " + seed).isEmpty();
        assertThat(r.rounds()).isGreaterThanOrEqualTo(300);
        int faulted = r.traffic().connections() - r.traffic().faults().getOrDefault(FaultProxy.Fault.NONE, 0);
        assertThat((double) faulted / r.traffic().connections()).as("share of faulted connections").isBetween(0.2, 0.4);
        assertThat(r.traffic().faults().keySet()).as("every kind of fault happened").containsAll(
                java.util.EnumSet.allOf(FaultProxy.Fault.class));
        assertThat(r.failedSyncs()).as("faults made syncs fail").isPositive();
        assertThat(r.acknowledged()).isEqualTo(r.feedRows()).isPositive();
    }

    @Test
    void theHarnessCatchesAClientThatCountsAChangeAcknowledgedBeforeTheAnswer() throws Exception {
        long seed = seed();
        FaultRun.Result r = new FaultRun(dir, seed, 60, 0.30, true, Duration.ofMillis(1500)).run();
        System.out.println("broken variant (acknowledged before the answer): " + r.summary());
        assertThat(r.problems()).as("seed " + seed + ": a lossy client must be caught").isNotEmpty();
    }
}
