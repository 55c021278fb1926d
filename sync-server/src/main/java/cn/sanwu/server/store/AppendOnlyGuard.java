package cn.sanwu.server.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * On PostgreSQL, makes the tamper-evidence tables append-only for every role that does not own
 * the triggers' table: a BEFORE UPDATE OR DELETE row trigger and a BEFORE TRUNCATE statement
 * trigger raise an exception, so the server's own role (and anything using it: an SQL injection, a
 * careless script) cannot change or remove published records, log leaves, checkpoints or audit
 * rows. Installed (idempotently) at every start after the migrations. A superuser or the table
 * owner can still drop the triggers; that is what {@code admin audit} and the signed checkpoints
 * held outside the server are for (ADR 0019). H2 has no guard: it runs embedded, whoever can
 * write its file can change anything, and the audit command is the check there.
 */
final class AppendOnlyGuard {

    static final List<String> TABLES = List.of("published_record", "log_leaf", "log_checkpoint", "audit_event");

    private AppendOnlyGuard() {
    }

    static void install(Database db) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                // Already there (every start after the first): leave it, so instances starting
                // together do not replace the function under each other.
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
                        + " AND (tgname LIKE '%\\_append\\_only' OR tgname LIKE '%\\_no\\_truncate')")) {
                    if (rs.next() && rs.getInt(1) >= 2 * TABLES.size()) {
                        return null;
                    }
                }
                // Dollar-quoted body: one statement for the driver, not split like migration scripts.
                s.execute("CREATE OR REPLACE FUNCTION sanwu_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN RAISE EXCEPTION 'sanwu: % on % is refused: published records, log leaves, checkpoints"
                        + " and audit rows are append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';"
                        + " END $$");
                for (String table : TABLES) {
                    s.execute("DROP TRIGGER IF EXISTS " + table + "_append_only ON " + table);
                    s.execute("CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE ON " + table
                            + " FOR EACH ROW EXECUTE FUNCTION sanwu_refuse_change()");
                    s.execute("DROP TRIGGER IF EXISTS " + table + "_no_truncate ON " + table);
                    s.execute("CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table
                            + " FOR EACH STATEMENT EXECUTE FUNCTION sanwu_refuse_change()");
                }
            }
            return null;
        });
    }
}
