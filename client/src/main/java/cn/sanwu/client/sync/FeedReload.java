package cn.sanwu.client.sync;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reloading after the server lost part of what it had acknowledged — it was restored from a
 * backup (its feed epoch changed) or answered {@code rebootstrap}. The cursor and every known
 * server revision are forgotten and the village is pulled again from cursor 0 (a snapshot, the
 * feed being compacted); when that pull is complete, every local notice the server now holds at
 * a lower revision or not at all — and that has nothing waiting or in conflict — is queued again
 * on the revision the server holds. So what this PC had synced before the loss reaches the server
 * again and nothing acknowledged is lost for good. The flag survives restarts (a setting), so a
 * reload interrupted mid-way resumes. Works inside the sync engine's transaction. Stateless.
 */
final class FeedReload {

    /** The feed epoch last seen from the server (absent before the first answer that carried one). */
    static final String EPOCH = "sync.feedEpoch";
    /** Present while a reload from cursor 0 is under way. */
    static final String RELOADING = "sync.reloading";

    private final NoticeService notices;
    private final OutboxRepository outbox;
    private final SyncStateRepository state;
    private final UuidV7 ids;

    FeedReload(NoticeService notices, OutboxRepository outbox, SyncStateRepository state, UuidV7 ids) {
        this.notices = notices;
        this.outbox = outbox;
        this.state = state;
        this.ids = ids;
    }

    /**
     * True when this response's changes must not be applied: the epoch changed, so they were
     * chosen by a cursor that meant something else on the old database. Records the new epoch.
     */
    boolean epochChanged(Connection c, SyncProtocol.Response response) throws SQLException {
        if (response.feedEpoch() == null) {
            return false;
        }
        Optional<String> known = SettingsRepository.get(c, EPOCH);
        SettingsRepository.put(c, EPOCH, response.feedEpoch());
        return known.isPresent() && !known.get().equals(response.feedEpoch());
    }

    /** Forget what the server was known to hold; the next pull starts from 0. */
    void start(Connection c, Instant now) throws SQLException {
        state.forgetServerState(c);
        state.recordSuccess(c, 0, now);
        SettingsRepository.put(c, RELOADING, now.toString());
    }

    boolean underWay(Connection c) throws SQLException {
        return SettingsRepository.get(c, RELOADING).isPresent();
    }

    /** The reload pull is complete: queue what the server lacks; returns how many notices were queued. */
    int finish(Connection c, Instant now) throws SQLException {
        List<UUID> lacking = new ArrayList<>();
        List<Integer> serverRevisions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.id, s.server_revision FROM notice n"
                + " LEFT JOIN notice_sync s ON s.notice_id = n.id"
                + " WHERE (s.server_revision IS NULL OR s.server_revision < n.revision)"
                + " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = n.id AND o.state IN ('PENDING', 'SENT', 'REJECTED'))"
                + " AND NOT EXISTS (SELECT 1 FROM sync_conflict k WHERE k.notice_id = n.id AND k.resolved_at IS NULL)"
                + " ORDER BY n.id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lacking.add(rs.getObject(1, UUID.class));
                serverRevisions.add(rs.getInt(2)); // 0 when NULL: the server does not hold it
            }
        }
        for (int i = 0; i < lacking.size(); i++) {
            Notice local = notices.find(c, lacking.get(i)).orElseThrow();
            outbox.insertPending(c, ids.next(), NoticeService.ENTITY_TYPE, local.id(), serverRevisions.get(i),
                    NoticePayload.toJson(local), now);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM setting WHERE k = ?")) {
            ps.setString(1, RELOADING);
            ps.executeUpdate();
        }
        return lacking.size();
    }
}
