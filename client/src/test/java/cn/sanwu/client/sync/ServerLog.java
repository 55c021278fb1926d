package cn.sanwu.client.sync;

import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.ledger.PublicationRequest;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The real server's transparency log for client tests: publications written straight into its
 * ledger (as its review workflow writes them), and the log wiped — what someone with the H2 file
 * can do (H2 has no append-only guard), after which the server signs whatever is there.
 */
public final class ServerLog {

    private final SyncServer server;
    private final String village;
    private int published;

    public ServerLog(SyncServer server, String village) {
        this.server = server;
        this.village = village;
    }

    /** {@code n} publications of new notices whose text starts with {@code body}. */
    public void publish(int n, String body) {
        PublicationLedger ledger = new PublicationLedger();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            NoticeContent content = new NoticeContent(village, "CW-01", Period.parse("2026-Q3"), "财务公开 " + i, body + " " + i,
                    List.of(), null, null);
            int number = ++published;
            server.database().inTransaction(c -> ledger.publish(c, new PublicationRequest(id, 1, village,
                    CanonicalJson.toText(NoticeHasher.canonicalTree(id, content)), NoticeHasher.sha256().hash(id, content),
                    village + "-2026-" + String.format("%04d", number), "approval:" + id, LocalDate.of(2026, 12, 1),
                    LocalDate.of(2026, 12, 31), Instant.now())));
        }
    }

    /** Empties the log, its records and its checkpoints. */
    public void wipe() {
        server.database().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String t : List.of("log_checkpoint", "log_leaf", "published_record")) {
                    s.executeUpdate("DELETE FROM " + t);
                }
                s.executeUpdate("UPDATE ledger_head SET log_size = 0");
            }
            return null;
        });
        published = 0;
    }
}
