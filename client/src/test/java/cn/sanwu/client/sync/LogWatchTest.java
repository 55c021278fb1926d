package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The village PC as keeper of the log (docs/sync-client.md), against the real sync server on
 * loopback: it pins the log's key and stores the checkpoint on its first sync, accepts a grown log
 * with a consistency proof, and warns in the sync message — keeping its old checkpoint as evidence
 * and warning again on every sync — once the server's log was rewritten (a fork the server signs
 * with its own key, the case a resident's QR check alone cannot see).
 */
class LogWatchTest {

    @TempDir
    Path dir;
    private SyncServer server;
    private ServerConfig config;
    private AppContext pc;
    private ServerLog log;

    @BeforeEach
    void start() throws Exception {
        config = ServerConfig.local(dir.resolve("server"), 0);
        server = SyncServer.create(config.withSecurity(
                SecurityConfig.DEFAULTS.withPasswordCost(new cn.sanwu.server.account.PasswordHasher.Cost(1024, 1, 1))),
                Clock.systemUTC()).start();
        for (Region r : DemoData.regions()) {
            server.accounts().regions().create(r);
        }
        log = new ServerLog(server, DemoData.VILLAGE);
        pc = new AppContext(dir.resolve("pc"), Clock.systemUTC());
        pc.syncService().enroll("http://127.0.0.1:" + server.port(), server.devices().issueCode(DemoData.VILLAGE), "村委会电脑",
                null);
        pc.syncService().checkLogEvery(java.time.Duration.ZERO);
    }

    @AfterEach
    void stop() {
        pc.close();
        server.close();
    }

    @Test
    void aGrowingLogIsAcceptedAndARewrittenOneIsReportedOnEverySync() throws Exception {
        log.publish(3, "原文");
        SyncService.Result first = pc.syncService().syncNow();
        assertThat(first.ok()).isTrue();
        assertThat(first.message()).startsWith("已同步");
        assertThat(storedSize()).isEqualTo(3);
        assertThat(pc.settings().get(LogWatch.KEYS).orElse("")).startsWith(config.log().origin() + "+");

        log.publish(4, "原文");
        assertThat(pc.syncService().syncNow().message()).startsWith("已同步");
        assertThat(storedSize()).as("grown with a consistency proof").isEqualTo(7);
        assertThat(pc.syncService().syncNow().message()).as("unchanged log: same root").startsWith("已同步");

        // Someone with the database and the key file rewrites history and lets the server sign it.
        log.wipe();
        log.publish(9, "改写");
        SyncService.Result forked = pc.syncService().syncNow();
        assertThat(forked.ok()).as("the sync itself worked").isTrue();
        assertThat(forked.message()).contains("防篡改日志校验失败", "前 7 条");
        assertThat(storedSize()).as("the PC keeps the checkpoint it trusted").isEqualTo(7);
        assertThat(pc.syncService().syncNow().message()).as("warned again on the next sync").contains("防篡改日志校验失败");

        // A log rolled back below what the PC saw is reported as such.
        log.wipe();
        log.publish(2, "回滚");
        assertThat(pc.syncService().syncNow().message()).contains("本机曾见过 7 条", "只有 2 条");
    }

    /**
     * 导出日志检查点: the checkpoint the PC kept is what the auditor's {@code admin audit --checkpoint}
     * reads (the server's own LedgerAudit here): accepted while the log extends it, and after the log
     * was rewritten — which the server's own tables no longer show — it is the finding.
     */
    @Test
    void theExportedCheckpointIsTheEvidenceTheAuditUsesAgainstARewrittenLog() throws Exception {
        Path none = dir.resolve("none.txt");
        assertThat(LogCheckpointExport.export(pc.settings(), none)).as("never synced: nothing to export").isEmpty();
        assertThat(none).doesNotExist();

        log.publish(5, "原文");
        assertThat(pc.syncService().syncNow().message()).startsWith("已同步");
        LogCheckpointExport.Exported kept = LogCheckpointExport.export(pc.settings(), dir.resolve("export/pc-checkpoint.txt"))
                .orElseThrow();
        assertThat(kept.treeSize()).isEqualTo(5);
        String exported = java.nio.file.Files.readString(kept.file());
        assertThat(exported).isEqualTo(pc.settings().get(LogWatch.CHECKPOINT).orElseThrow());
        assertThat(LogCheckpointExport.treeSize(exported)).isEqualTo(5);
        assertThat(LogCheckpointExport.defaultFileName(exported, Clock.systemUTC())).startsWith("sanwu-checkpoint-5-").endsWith(".txt");
        assertThat(audit(exported).findings()).as("the log extends the PC's checkpoint").isEmpty();

        log.wipe();
        log.publish(6, "改写");
        assertThat(audit(null).findings()).as("the rewritten tables agree with themselves").isEmpty();
        assertThat(pc.syncService().syncNow().message()).contains("防篡改日志校验失败");
        String evidence = java.nio.file.Files.readString(
                LogCheckpointExport.export(pc.settings(), dir.resolve("export/after.txt")).orElseThrow().file());
        assertThat(evidence).as("the PC kept the checkpoint it trusted").isEqualTo(exported);
        assertThat(audit(evidence).findings()).as("the PC's checkpoint exposes the rewrite").isNotEmpty();
    }

    private cn.sanwu.server.ledger.LedgerAudit.Report audit(String externalCheckpoint) {
        return new cn.sanwu.server.ledger.LedgerAudit(new cn.sanwu.server.ledger.PublicationLedger(), config.log().origin(),
                cn.sanwu.server.ledger.LogSigningKeys.load(config.log()).allVerifiers())
                .run(server.database(), externalCheckpoint == null ? java.util.List.of() : java.util.List.of(externalCheckpoint));
    }

    /** When all is well the log is checked once an hour, not on every idle sync (metered links). */
    @Test
    void aHealthyLogIsCheckedAtMostHourly() {
        log.publish(2, "原文");
        pc.syncService().checkLogEvery(SyncService.LOG_CHECK_INTERVAL);
        assertThat(pc.syncService().syncNow().message()).startsWith("已同步");
        assertThat(storedSize()).isEqualTo(2);
        log.publish(3, "原文");
        assertThat(pc.syncService().syncNow().message()).startsWith("已同步");
        assertThat(storedSize()).as("not due yet: the stored checkpoint stays").isEqualTo(2);
        pc.syncService().checkLogEvery(java.time.Duration.ZERO);
        pc.syncService().syncNow();
        assertThat(storedSize()).isEqualTo(5);
    }

    private long storedSize() {
        return LogCheckpointExport.treeSize(pc.settings().get(LogWatch.CHECKPOINT).orElseThrow());
    }
}
