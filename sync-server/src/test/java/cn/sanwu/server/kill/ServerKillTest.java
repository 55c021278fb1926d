package cn.sanwu.server.kill;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUALITY.md "server killed mid-batch": the real server in a child JVM is SIGKILLed while devices
 * push, {@code sanwu.serverkill.iterations} times (default 50), on H2 — or on PostgreSQL when
 * {@code -Dsanwu.test.postgres=} is set, as in CI's second pass. Replay with
 * {@code -Dseed=<printed seed>} (fixes the plan and content; timing varies).
 */
class ServerKillTest {

    /** Kills for the broken variant; it lost acknowledged mutations in most kills when measured (docs/durability.md). */
    private static final int BROKEN_KILLS = 8;

    @TempDir
    Path dir;

    private static long seed() {
        String given = System.getProperty("seed");
        return given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.strip());
    }

    @Test
    void everyAcknowledgedMutationSurvivesServerKillsExactlyOnce() throws Exception {
        int kills = Integer.getInteger("sanwu.serverkill.iterations", 50);
        long seed = seed();
        ServerConfig config = TestDatabases.config(dir.resolve("server"));
        System.out.println("ServerKillTest seed=" + seed + " kills=" + kills + " postgres=" + TestDatabases.onPostgres()
                + " (replay: -Dseed=" + seed + ")");
        ServerKillHarness.Result result = new ServerKillHarness(dir, config, true, seed, System.out).run(kills);
        System.out.println(result.summary());
        assertThat(result.examples()).as("seed " + seed).isEmpty();
        assertThat(result.problems()).as("seed " + seed).isZero();
        assertThat(result.acked()).as("the devices must actually have pushed").isGreaterThan(kills);
        assertThat(result.killsWithRequestsInFlight()).as("kills that hit a request in flight").isGreaterThan(kills / 2);
    }

    /**
     * The harness must be shown to catch loss (QUALITY.md): H2 with its default 500 ms write delay
     * and no {@code CHECKPOINT SYNC} before the answer acknowledges mutations that a kill loses.
     */
    @Test
    void harnessDetectsLossWhenTheServerAcknowledgesBeforeForcingToDisk() throws Exception {
        long seed = seed();
        Path data = dir.resolve("server");
        // Deliberately without WRITE_DELAY=0 (and, below, without CHECKPOINT SYNC): the broken
        // variant whose acknowledged-then-lost mutations the harness must catch (STACK.md).
        ServerConfig unsafe = ServerConfig.local(data, 0)
                .withDatabase("jdbc:h2:file:" + data.resolve("sanwu-server").toAbsolutePath() + ";LOCK_TIMEOUT=10000", "sa", "");
        System.out.println("ServerKillTest NO_FORCE_TO_DISK seed=" + seed + " kills=" + BROKEN_KILLS);
        ServerKillHarness.Result result = new ServerKillHarness(dir, unsafe, false, seed, System.out).run(BROKEN_KILLS);
        System.out.println(result.summary());
        assertThat(result.problems()).as("problems the harness saw with the broken server, seed " + seed).isPositive();
    }
}
