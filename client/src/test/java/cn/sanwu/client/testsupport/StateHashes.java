package cn.sanwu.client.testsupport;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.StateHash;
import cn.sanwu.model.sync.SyncProtocol;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link StateHash} of a village as a client store and as the server's database hold it (QUALITY.md I2). */
public final class StateHashes {

    private StateHashes() {
    }

    /** The client's notices of {@code village}: id, revision, status, stored content hash. */
    public static ContentHash client(cn.sanwu.client.store.Database db, String village) {
        return db.read(c -> {
            List<StateHash.Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, revision, status, content_hash FROM notice WHERE village_code = ?")) {
                ps.setString(1, village);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new StateHash.Entry(SyncProtocol.ENTITY_NOTICE, rs.getObject(1, UUID.class), rs.getInt(2),
                                rs.getString(3), ContentHash.parse(rs.getString(4))));
                    }
                }
            }
            return StateHash.of(entries);
        });
    }

    /** The server's entities of scope {@code village}, hashed from their stored payloads. */
    public static ContentHash server(cn.sanwu.server.store.Database db, String village) {
        return db.inTransaction(c -> {
            List<StateHash.Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entity_type, entity_id, revision, payload FROM synced_entity WHERE scope = ?")) {
                ps.setString(1, village);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Notice n = NoticePayload.fromJson(rs.getString(4), Instant.EPOCH);
                        entries.add(new StateHash.Entry(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3),
                                n.status().name(), NoticeHasher.sha256().hash(n.id(), n.content())));
                    }
                }
            }
            return StateHash.of(entries);
        });
    }
}
