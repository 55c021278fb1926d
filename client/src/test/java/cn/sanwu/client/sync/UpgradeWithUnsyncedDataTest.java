package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QUALITY.md "upgrade with unsynced data": a schema-1 store with waiting changes migrates and syncs them. */
class UpgradeWithUnsyncedDataTest {

    @TempDir
    Path dir;

    @Test
    void outboxWrittenBySchema1IsSentAfterTheMigration() throws Exception {
        var item = TestStores.CATALOG.find("V13").orElseThrow();
        Notice draft = new Notice(UUID.randomUUID(), new NoticeContent(TestStores.VILLAGE, "V13", new Period.Quarter(2026, 3),
                "宅基地审批", "升级前写的", List.of(), null, null), NoticeStatus.DRAFT, 3, "", TestStores.CLOCK.instant());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("sanwu").toAbsolutePath()
                + ";WRITE_DELAY=0;FILE_LOCK=FS", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                for (String statement : schema1().split(";\\s*\\n")) {
                    if (!statement.strip().lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
                        s.execute(statement);
                    }
                }
                s.execute("INSERT INTO schema_version(version, script) VALUES (1, 'V1__initial.sql')");
            }
            new NoticeRepository(NoticeHasher.sha256()).insert(c, draft, item.category(), item.nameZh());
            try (var ps = c.prepareStatement("INSERT INTO outbox(mutation_id, entity_type, entity_id, base_revision, payload,"
                    + " state, created_at) VALUES (?, 'notice', ?, 0, ?, 'PENDING', CURRENT_TIMESTAMP)")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, draft.id());
                ps.setString(3, NoticePayload.toJson(draft));
                ps.executeUpdate();
            }
        }

        String current;
        try (SyncFixture fresh = new SyncFixture(dir.resolve("fresh"))) {
            current = fresh.firstString("SELECT MAX(version) FROM schema_version");
        }
        try (SyncFixture f = new SyncFixture(dir)) {
            assertThat(current).as("the current schema has more than version 1").isNotEqualTo("1");
            assertThat(f.firstString("SELECT MAX(version) FROM schema_version")).as("migrated to the current schema")
                    .isEqualTo(current);
            assertThat(f.engine.status().waiting()).isEqualTo(1);
            SyncProtocol.Request request = f.engine.prepare();
            assertThat(request.mutations()).singleElement().satisfies(m -> {
                assertThat(m.entityId()).isEqualTo(draft.id());
                assertThat(m.baseRevision()).isZero();
                assertThat(m.payload().path("revision").asInt()).isEqualTo(3);
            });
            ModelServer server = new ModelServer(10);
            f.engine.apply(request, server.handle(request));
            assertThat(f.outboxRows()).isEmpty();
            assertThat(server.entities().get(draft.id()).payload().path("content").path("body").asText()).isEqualTo("升级前写的");
        }
    }

    private static String schema1() throws Exception {
        try (InputStream in = UpgradeWithUnsyncedDataTest.class.getResourceAsStream(
                "/cn/sanwu/client/store/migrations/V1__initial.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
