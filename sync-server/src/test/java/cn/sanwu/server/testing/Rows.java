package cn.sanwu.server.testing;

import cn.sanwu.server.store.Database;
import java.sql.ResultSet;
import java.sql.Statement;

/** Counts rows straight from the store, to prove what was (not) written. */
public final class Rows {

    private Rows() {
    }

    public static long count(Database db, String table) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Rows in every table a sync may write. */
    public static long written(Database db) {
        return count(db, "synced_entity") + count(db, "change_feed") + count(db, "applied_mutation");
    }
}
