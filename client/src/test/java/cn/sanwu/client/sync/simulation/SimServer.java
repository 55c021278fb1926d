package cn.sanwu.client.sync.simulation;

import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real sync server's {@link SyncService} over an H2 file database, called in-process: HTTP
 * adds nothing the simulation needs, but every request and answer crosses a "wire" as JSON bytes
 * through {@link ModelJson}, so the wire format is exercised. The database stays open across
 * histories and is emptied between them ({@link #reset}). Not thread-safe.
 */
final class SimServer implements AutoCloseable {

    /** The real server, or a deliberately broken one (showing that the checks catch it; applied in {@link #handle}). */
    enum Variant {
        REAL,
        /** Forgets applied mutation ids after every request: no idempotency. */
        NO_IDEMPOTENCY
    }

    /** A stored change of the feed as the checks need it. */
    record FeedRow(long seq, UUID entityId, int revision, JsonNode payload) {
    }

    private final Database db;
    private final TickingClock clock;
    private final Variant variant;
    private SyncService sync;
    private Device[] devices;
    int bytesOnWire;

    SimServer(Path dir, TickingClock clock, Variant variant) {
        this.db = Database.open("jdbc:h2:file:" + dir.resolve("sim-server").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
        this.clock = clock;
        this.variant = variant;
    }

    /** Empties the database; a new sync service pages the feed by {@code pageBytes} (1 = one change per page). */
    void reset(long pageBytes, int clients) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of("change_feed", "feed_counter", "applied_mutation", "synced_entity")) {
                    s.execute("DELETE FROM " + table);
                }
            }
            return null;
        });
        sync = new SyncService(db, clock, pageBytes);
        devices = new Device[clients];
        for (int i = 0; i < clients; i++) {
            devices[i] = new Device(new UUID(0, i + 1), "PC " + i, TestStores.VILLAGE, clock.instant(), null, null);
        }
        bytesOnWire = 0;
    }

    /** The request as the server reads it off the wire, and its answer as the client reads it. */
    SyncProtocol.Response handle(int client, SyncProtocol.Request request) {
        SyncProtocol.Request received = overTheWire(request, SyncProtocol.Request.class);
        SyncProtocol.Response answer = sync.sync(devices[client], received);
        if (variant == Variant.NO_IDEMPOTENCY) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM applied_mutation");
                }
                return null;
            });
        }
        return overTheWire(answer, SyncProtocol.Response.class);
    }

    private <T> T overTheWire(Object body, Class<T> type) {
        try {
            byte[] bytes = ModelJson.mapper().writeValueAsBytes(body);
            bytesOnWire += bytes.length;
            return ModelJson.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("wire format broken for " + type.getSimpleName(), e);
        }
    }

    long head() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(last_seq), 0) FROM feed_counter")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    List<FeedRow> feed() {
        return rows("SELECT seq, entity_id, revision, payload FROM change_feed ORDER BY seq");
    }

    /** Current entities (seq 0). */
    List<FeedRow> entities() {
        return rows("SELECT 0, entity_id, revision, payload FROM synced_entity ORDER BY entity_id");
    }

    private List<FeedRow> rows(String sql) {
        return db.inTransaction(c -> {
            List<FeedRow> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(new FeedRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                            ModelJson.mapper().readTree(rs.getString(4))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
