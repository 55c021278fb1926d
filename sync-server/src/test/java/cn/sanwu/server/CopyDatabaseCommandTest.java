package cn.sanwu.server;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.payload;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.StoreCopy;
import cn.sanwu.server.store.StoreException;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a server from its H2 file to another store with {@code admin copy-database}: into
 * PostgreSQL in CI's PostgreSQL pass ({@link TestDatabases}), into a second H2 file otherwise. A
 * device enrolled before the move syncs on against the new store with its old token and cursor,
 * and sees nothing twice and nothing missing.
 */
class CopyDatabaseCommandTest {

    @TempDir
    Path dir;
    String out;
    String err;

    private int admin(ServerConfig config, String... args) throws InterruptedException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = AdminCommand.run(List.of(args), config, new ByteArrayInputStream(new byte[0]),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void aDeviceSyncsOnAgainstTheCopiedStoreWithItsOldTokenAndCursor() throws InterruptedException {
        ServerConfig source = ServerConfig.local(dir.resolve("h2"), 0);
        TestServer.Enrolled pc;
        long cursor;
        String epoch;
        List<UUID> notices = new ArrayList<>();
        try (TestServer server = TestServer.start(source)) {
            AccountFixture.create(server.server().accounts());
            pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
            for (int i = 0; i < 25; i++) {
                UUID id = UUID.randomUUID();
                notices.add(id);
                server.sync(pc.token(), push(0, newNotice(id, VILLAGE, "公告 " + i)));
            }
            UUID edited = notices.getFirst();
            server.sync(pc.token(), push(0, new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, edited, 1,
                    payload(edited, 2, VILLAGE, "改过的公告"))));
            SyncProtocol.Response last = server.sync(pc.token(), push(0));
            cursor = last.cursor();
            epoch = last.feedEpoch();
        }
        ServerConfig target = TestDatabases.config(dir.resolve("target"));

        assertThat(admin(source, "copy-database", "--to", target.databaseUrl(), "--user", target.databaseUser()))
                .as(err).isZero();
        assertThat(out).contains("both sides compared equal").contains("synced_entity: 25 行").contains("app_user: 6 行");

        try (TestServer moved = TestServer.start(target)) {
            SyncProtocol.Response again = moved.sync(pc.token(), push(cursor));
            assertThat(again.feedEpoch()).as("same epoch: the PC must not reload").isEqualTo(epoch);
            assertThat(again.changes()).as("nothing new since the cursor").isEmpty();
            SyncProtocol.Response pushed = moved.sync(pc.token(), push(cursor, newNotice(UUID.randomUUID(), VILLAGE, "搬家之后")));
            assertThat(pushed.results().getFirst().outcome()).isEqualTo(SyncProtocol.Outcome.APPLIED);
            assertThat(pushed.cursor()).isGreaterThan(cursor);
            SyncProtocol.Response snapshot = moved.sync(pc.token(), push(0));
            assertThat(snapshot.changes()).hasSize(26);
            assertThat(snapshot.changes().stream().filter(c -> c.entityId().equals(notices.getFirst())).findFirst().orElseThrow()
                    .revision()).isEqualTo(2);
            assertThat(moved.login("reviewer", AccountFixture.PASSWORD).status()).as("accounts moved too").isEqualTo(200);
        }
    }

    @Test
    void aTargetWithDataIsRefusedAndKeepsItsRows() throws InterruptedException {
        ServerConfig source = ServerConfig.local(dir.resolve("h2"), 0);
        try (TestServer server = TestServer.start(source)) {
            var pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
            server.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "公告")));
        }
        ServerConfig target = TestDatabases.config(dir.resolve("target"));
        try (TestServer other = TestServer.start(target)) {
            var pc = other.enrollNewDevice(VILLAGE, "别的电脑");
            other.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "已经在目标库里")));
        }
        assertThat(admin(source, "copy-database", "--to", target.databaseUrl(), "--user", target.databaseUser())).isEqualTo(1);
        assertThat(err).contains("目标数据库不是空的");
        try (Database db = Database.open(target.databaseUrl(), target.databaseUser(), target.databasePassword())) {
            assertThat(Rows.count(db, "synced_entity")).isEqualTo(1);
            assertThat(Rows.count(db, "device")).isEqualTo(1);
        }
    }

    @Test
    void badTargetsAreRefusedWithAReason() throws InterruptedException {
        ServerConfig source = ServerConfig.local(dir.resolve("h2"), 0);
        assertThat(admin(source, "copy-database", "--to", source.databaseUrl())).isEqualTo(1);
        assertThat(err).contains("configured database itself");
        assertThat(admin(source, "copy-database", "--to", "jdbc:mysql://127.0.0.1/sanwu")).isEqualTo(1);
        assertThat(err).contains("PostgreSQL");
        assertThatThrownBy(() -> admin(source, "copy-database")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--to");
    }

    @Test
    void theComparisonAfterTheCopyNoticesAChangedValue() {
        ServerConfig source = ServerConfig.local(dir.resolve("h2"), 0);
        try (TestServer server = TestServer.start(source)) {
            var pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
            server.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "公告")));
        }
        ServerConfig target = TestDatabases.config(dir.resolve("target"));
        try (Database from = Database.open(source.databaseUrl(), source.databaseUser(), source.databasePassword());
                Database to = Database.open(target.databaseUrl(), target.databaseUser(), target.databasePassword())) {
            StoreCopy.copy(from, to, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            to.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE synced_entity SET revision = revision + 1");
                }
            });
            assertThatThrownBy(() -> StoreCopy.verify(from, to, List.of("device", "synced_entity")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("synced_entity").hasMessageNotContaining("device");
        }
    }
}
