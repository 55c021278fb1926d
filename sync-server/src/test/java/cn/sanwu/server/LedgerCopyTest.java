package cn.sanwu.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.ledger.LedgerAudit;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.LedgerFixture;
import cn.sanwu.server.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger survives {@code admin copy-database} (into PostgreSQL in CI's PostgreSQL pass, a
 * second H2 file otherwise): the copy audits clean with the same key file, and the moved server
 * publishes and signs on without colliding with copied rows.
 */
class LedgerCopyTest {

    @TempDir
    Path dir;

    @Test
    void theCopiedLedgerAuditsCleanAndGrowsOn() throws Exception {
        ServerConfig source = ServerConfig.local(dir.resolve("h2"), 0);
        try (Database db = Database.open(source.databaseUrl(), source.databaseUser(), source.databasePassword())) {
            LedgerFixture.publish(db, source, 12, new Random(7));
            LedgerFixture.log(db, source).signNow();
        }
        ServerConfig target = TestDatabases.config(dir.resolve("target"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AdminCommand.run(List.of("copy-database", "--to", target.databaseUrl(), "--user", target.databaseUser()),
                source, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("published_record: 12 行", "log_checkpoint: 2 行");

        // The operator copies the key file with the data (docs/operations.md).
        Files.createDirectories(target.log().keyFile().getParent());
        Files.copy(source.log().keyFile(), target.log().keyFile());
        try (Database db = Database.open(target.databaseUrl(), target.databaseUser(), target.databasePassword())) {
            LedgerAudit audit = new LedgerAudit(new PublicationLedger(), target.log().origin(),
                    LogSigningKeys.load(target.log()).allVerifiers());
            LedgerAudit.Report copied = audit.run(db, List.of());
            assertThat(copied.findings()).isEmpty();
            assertThat(copied.records()).isEqualTo(12);

            LedgerFixture.publish(db, target, 3, new Random(8), LedgerFixture.START.plus(java.time.Duration.ofDays(30)));
            LedgerAudit.Report grown = audit.run(db, List.of());
            assertThat(grown.findings()).isEmpty();
            assertThat(grown.leaves()).isEqualTo(15);
            assertThat(grown.checkpoints()).isEqualTo(3);
        }
    }
}
