package cn.sanwu.server.store;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's H2 file only grows while it runs ({@code REUSE_SPACE=FALSE}, ADR 0020); a clean
 * stop gives the space back ({@code SHUTDOWN COMPACT}) and keeps every row.
 */
class CompactOnStopTest {

    @TempDir
    Path dir;

    @Test
    void aCleanStopCompactsTheGrownFileAndKeepsEveryRow() throws IOException {
        ServerConfig config = ServerConfig.local(dir, 0);
        Path file = dir.resolve(ServerBackup.DB_FILE);
        long running;
        try (TestServer server = TestServer.start(config)) {
            var pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
            for (int i = 0; i < 200; i++) {
                server.sync(pc.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "公告 " + i)));
            }
            running = Files.size(file);
        }
        long stopped = Files.size(file);
        System.out.printf("H2 server file after 200 one-notice pushes: %,d bytes running, %,d bytes after a clean stop%n",
                running, stopped);
        assertThat(stopped).as("compacted on stop").isLessThan(running / 2);
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            assertThat(Rows.count(db, "synced_entity")).isEqualTo(200);
            assertThat(Rows.count(db, "applied_mutation")).isEqualTo(200);
        }
    }
}
