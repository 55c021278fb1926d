package cn.sanwu.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The database's feed epoch (migration V3): a random id sent with every sync response. A restore
 * from a backup renews it, so every client notices that the feed it followed is gone — its cursor
 * may point past what the restored server holds, or at seqs the server will now reuse for other
 * changes — reloads from cursor 0 and re-sends what the restored server lacks. Stateless.
 */
public final class FeedEpoch {

    private FeedEpoch() {
    }

    /** Creates the epoch if the database has none (first start). */
    static void ensure(Database db) {
        db.inTransaction(c -> {
            if (read(c) == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_meta(id, feed_epoch) VALUES (1, ?)")) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // Another instance inserted it at the same moment: fine if it is there now.
                    if (read(c) == null) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    /** The current epoch, as this transaction sees it. */
    public static String current(Connection c) throws SQLException {
        String epoch = read(c);
        if (epoch == null) {
            throw new SQLException("server_meta has no feed epoch");
        }
        return epoch;
    }

    /** A new epoch: after restoring a backup (also by hand after a PostgreSQL restore). */
    public static String renew(Database db) {
        String epoch = UUID.randomUUID().toString();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE server_meta SET feed_epoch = ? WHERE id = 1")) {
                ps.setString(1, epoch);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("server_meta has no row to renew");
                }
            }
            return null;
        });
        db.forceToDisk();
        return epoch;
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT feed_epoch FROM server_meta WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
