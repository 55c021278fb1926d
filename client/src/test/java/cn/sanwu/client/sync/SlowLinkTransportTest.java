package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.bench.SearchBenchmark;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport's timeouts on a weak link, through {@link FaultProxy}: an answer that stops
 * mid-body must end the sync after the timeout (the JDK client has no timeout after the headers),
 * and a request that takes longer to upload than the base timeout must not be cut (the timeout
 * runs until the answer's headers, so it grows with the request).
 */
class SlowLinkTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private SyncServer server;
    private FaultProxy proxy;
    private AppContext pc;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        proxy = new FaultProxy(server.port(), FaultProxy.Link.LOOPBACK, new FaultProxy.Settings(0, 0), 1);
        pc = new AppContext(dir.resolve("pc"), Clock.systemUTC());
        pc.syncService().enroll(proxy.url(), server.devices().issueCode(TestStores.VILLAGE), "pc", TestStores.VILLAGE);
        pc.syncService().useTimeout(TIMEOUT);
    }

    @AfterEach
    void stop() {
        pc.close();
        proxy.close();
        server.close();
    }

    @Test
    void anAnswerThatStallsMidBodyEndsTheSyncAfterTheTimeoutAndTheNextSyncDeliversIt() {
        pc.notices().save(SyncKillWorker.newNotice(pc.notices(), "停顿的回答", new Random(1)));
        proxy.plan(n -> FaultProxy.Fault.STALL_RESPONSE);

        long t0 = System.nanoTime();
        SyncService.Result stalled = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pc.syncService().syncNow(),
                "a stalled answer must not block the sync");
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(stalled.ok()).isFalse();
        assertThat(stalled.message()).startsWith("离线");
        assertThat(seconds).as("gave up after about the timeout").isBetween(0.9, 10.0);
        assertThat(pc.sync().status().waiting()).as("the change waits for the resend").isEqualTo(1);

        proxy.plan(FaultProxy.Plan.NONE);
        assertThat(pc.syncService().syncNow().ok()).isTrue();
        assertThat(pc.sync().status().waiting()).isZero();
    }

    @Test
    void aRequestThatTakesLongerToUploadThanTheTimeoutIsNotCut() {
        Random random = new Random(2);
        for (int i = 0; i < 120; i++) {
            var n = SyncKillWorker.newNotice(pc.notices(), "大批上传 " + i, random);
            pc.notices().save(n.withContent(SyncFixture.withBody(n, SearchBenchmark.text(random, 1500))));
        }
        proxy.link(new FaultProxy.Link(0, 256_000)); // 32 KB/s

        long t0 = System.nanoTime();
        SyncService.Result result = pc.syncService().syncNow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        FaultProxy.Counters traffic = proxy.counters();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(pc.sync().status().waiting()).isZero();
        assertThat(traffic.bytesUp()).as("the upload alone needs more than the timeout").isGreaterThan(2 * 32_000);
        assertThat(seconds).isGreaterThan(TIMEOUT.toSeconds() * 2.0);
    }
}
