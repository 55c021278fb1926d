package cn.sanwu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.server.testing.LedgerFixture;
import cn.sanwu.server.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own database role cannot change or remove what the tamper evidence rests on: on
 * PostgreSQL (run with {@code -Dsanwu.test.postgres=…}, as CI's second pass does) every UPDATE,
 * DELETE and TRUNCATE of published records, log leaves, checkpoints and audit rows is refused and
 * changes nothing, while appends and the head row still work. On H2 there is no guard: the same
 * statements succeed, which is why {@code admin audit} exists (ADR 0019).
 */
class AppendOnlyGuardTest {

    @TempDir
    Path dir;

    static final List<String> CHANGES = List.of(
            "UPDATE published_record SET content_json = content_json || ' '",
            "DELETE FROM published_record",
            "TRUNCATE TABLE published_record",
            "UPDATE log_leaf SET leaf_hash = '00'",
            "DELETE FROM log_leaf",
            "TRUNCATE TABLE log_leaf",
            "UPDATE log_checkpoint SET tree_size = 0",
            "DELETE FROM log_checkpoint",
            "TRUNCATE TABLE log_checkpoint",
            "UPDATE audit_event SET reason = 'x'",
            "DELETE FROM audit_event",
            "TRUNCATE TABLE audit_event");

    @Test
    void updatesDeletesAndTruncatesOfTheLedgerTablesAreRefusedOnPostgres() {
        var config = TestDatabases.config(dir);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            LedgerFixture.publish(db, config, 3, new Random(3));
            long before = rows(db);
            assertThat(before).isEqualTo(3 + 3 + 1 + 9);
            for (String sql : CHANGES) {
                if (TestDatabases.onPostgres()) {
                    assertThatThrownBy(() -> execute(db, sql)).as(sql).hasMessageContaining("append-only");
                } else {
                    execute(db, "SELECT 1"); // H2: nothing to refuse with; see the H2 case below
                }
            }
            assertThat(rows(db)).as("nothing changed").isEqualTo(before);
            // Appends and the lock row still work for the server.
            LedgerFixture.publish(db, config, 1, new Random(4));
            assertThat(rows(db)).isEqualTo(before + 1 + 1 + 1 + 3);
            if (!TestDatabases.onPostgres()) {
                // Documented limit: H2 lets its (only) user change anything.
                execute(db, "UPDATE audit_event SET reason = 'x'");
                assertThat(count(db, "SELECT COUNT(*) FROM audit_event WHERE reason = 'x'")).isEqualTo(12);
            }
        }
    }

    @Test
    void theGuardIsInstalledOnceAndSurvivesAReopen() {
        var config = TestDatabases.config(dir);
        Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword()).close();
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            if (TestDatabases.onPostgres()) {
                assertThat(count(db, "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%append_only'"))
                        .isEqualTo(AppendOnlyGuard.TABLES.size());
                assertThatThrownBy(() -> execute(db, "TRUNCATE TABLE audit_event")).hasMessageContaining("append-only");
            } else {
                assertThat(count(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS")).isZero();
            }
        }
    }

    private static long rows(Database db) {
        return count(db, "SELECT (SELECT COUNT(*) FROM published_record) + (SELECT COUNT(*) FROM log_leaf)"
                + " + (SELECT COUNT(*) FROM log_checkpoint) + (SELECT COUNT(*) FROM audit_event)");
    }

    private static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void execute(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }
}
