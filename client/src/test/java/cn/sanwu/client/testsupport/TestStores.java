package cn.sanwu.client.testsupport;

import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.outbox.PayloadRevision;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.id.UuidV7;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Typical fixtures: a real H2 file database in a temp directory and the services on top of it. */
public final class TestStores {

    public static final String VILLAGE = "219901101201";
    public static final Catalog CATALOG = CatalogJson.defaultCatalog();
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private TestStores() {
    }

    public static Database open(Path dir) {
        return Database.open(dir, Durability.SAFE);
    }

    /** Outbox rows as "STATE base->payloadRevision", oldest first. */
    public static List<String> outboxRows(Database db) {
        return db.read(c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT state, base_revision, payload FROM outbox ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + "->" + PayloadRevision.of(rs.getString(3)));
                }
            }
            return rows;
        });
    }

    public static NoticeService notices(Database db, Clock clock) {
        return new NoticeService(db, new NoticeRepository(NoticeHasher.sha256()), new OutboxRepository(), () -> CATALOG,
                new UuidV7(clock), clock);
    }
}
