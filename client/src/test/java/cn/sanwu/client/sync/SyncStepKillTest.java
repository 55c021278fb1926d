package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.testsupport.Seeds;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUALITY.md "client killed at each sync step": the real client in a child JVM is SIGKILLed at
 * every named step of a sync round, against the real server on 127.0.0.1; after restart and a
 * sync, every saved change is on the server exactly once and client and server state hashes are
 * equal. {@code -Dsanwu.synckill.iterations=} sets the number of kills (default from the parent
 * POM); replay with {@code -Dseed=<printed seed>} (fixes the plan and content; timing varies).
 */
class SyncStepKillTest {

    /** Enough kills at PREPARED / IN_FLIGHT for the broken client to lose something (docs/sync-client.md). */
    private static final int BROKEN_KILLS = 8;

    @TempDir
    Path dir;

    @Test
    void everySavedChangeReachesTheServerOnceWhenTheClientIsKilledAtEachSyncStep() throws Exception {
        int kills = Integer.getInteger("sanwu.synckill.iterations", 104);
        long seed = Seeds.fromSystemProperty();
        System.out.println("SyncStepKillTest seed=" + seed + " kills=" + kills + " (replay: -Dseed=" + seed + ")");
        SyncKillHarness.Result result = new SyncKillHarness(dir, seed, "SAFE", System.out).run(kills);
        System.out.println(result.summary());
        assertThat(result.examples()).as("seed " + seed).isEmpty();
        assertThat(result.problems()).as("seed " + seed).isZero();
        assertThat(result.saves()).as("the child must actually have saved").isGreaterThan(kills);
        assertThat(result.heals()).isPositive();
        if (kills >= 2 * SyncKillHarness.Kill.values().length) {
            // Every named step must really have been hit, not just planned.
            assertThat(result.fired().keySet()).as("steps killed at, seed " + seed)
                    .containsExactlyInAnyOrder(SyncKillHarness.Kill.values());
        }
    }

    /**
     * The harness must be shown to catch loss (QUALITY.md): a client that deletes its outbox
     * entries as soon as the request is prepared loses every change whose request dies before the
     * server commits it.
     */
    @Test
    void harnessDetectsLossWhenTheClientForgetsItsOutboxBeforeTheAnswer() throws Exception {
        long seed = Seeds.fromSystemProperty();
        System.out.println("SyncStepKillTest DELETE_OUTBOX_ON_SEND seed=" + seed + " kills=" + BROKEN_KILLS);
        SyncKillHarness.Result result = new SyncKillHarness(dir, seed, "DELETE_OUTBOX_ON_SEND", System.out).run(BROKEN_KILLS);
        System.out.println(result.summary());
        assertThat(result.problems()).as("problems the harness saw with the broken client, seed " + seed).isPositive();
    }
}
