package cn.sanwu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions come from script names and every missing one is applied: branches given numbers up
 * front may land in any order (V3 before V2), and a database that has a later version still gets
 * an earlier one that arrives after it.
 */
class MigrationsTest {

    @Test
    void versionsAreReadFromNames() {
        assertThat(Migrations.version("V1__initial.sql")).isEqualTo(1);
        assertThat(Migrations.version("V12__x.sql")).isEqualTo(12);
        assertThat(Migrations.SCRIPTS.stream().map(Migrations::version).toList()).isSorted().doesNotHaveDuplicates();
    }

    /** V0__gap_test.sql (test resources) stands for a script that lands after a higher version was installed. */
    @Test
    void aVersionMissingBelowTheNewestIsStillApplied(@TempDir Path dir) {
        var config = TestDatabases.config(dir);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            assertThat(versions(db)).containsExactlyElementsOf(Migrations.SCRIPTS.stream().map(Migrations::version).toList());
            List<String> withEarlier = new ArrayList<>(Migrations.SCRIPTS);
            withEarlier.addFirst("V0__gap_test.sql");
            Migrations.migrate(db, withEarlier);
            assertThat(versions(db)).contains(0);
            int rows = db.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gap_test")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
            Migrations.migrate(db, withEarlier); // and only once
            assertThat(versions(db)).hasSize(withEarlier.size());
        }
    }

    private static List<Integer> versions(Database db) {
        return db.inTransaction(c -> {
            List<Integer> versions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        });
    }
}
