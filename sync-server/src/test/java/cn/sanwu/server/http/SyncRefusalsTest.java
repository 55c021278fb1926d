package cn.sanwu.server.http;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a sync request is refused: the status, the error body, and that nothing was written. */
class SyncRefusalsTest {

    /** A small limit so the tests need not send megabytes; the mechanism is the same at 8 MB. */
    static final long LIMIT = 64 * 1024;

    @TempDir
    Path dir;
    TestServer server;
    TestServer.Enrolled pc;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir).withMaxBodyBytes(LIMIT));
        pc = server.enrollNewDevice(VILLAGE, "村委会电脑");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private byte[] oneNotice(int protocol) {
        return TestServer.json(new SyncProtocol.Request(protocol, 0,
                java.util.List.of(newNotice(UUID.randomUUID(), VILLAGE, "公告"))));
    }

    private void assertError(TestServer.Reply reply, int status, String code) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body().get("code").asText()).isEqualTo(code);
        assertThat(reply.body().get("message").asText()).isNotBlank();
        assertThat(Rows.written(server.server().database())).isZero();
    }

    @Test
    void otherProtocolInTheBodyIs426AndNothingStored() {
        TestServer.Reply reply = server.send(server.syncRequest(pc.token(), oneNotice(SyncProtocol.VERSION + 1))
                .setHeader("X-Sanwu-Protocol", String.valueOf(SyncProtocol.VERSION)).build());

        assertError(reply, 426, "UPGRADE_REQUIRED");
        assertThat(reply.body().get("message").asText()).contains("升级");
    }

    @Test
    void otherProtocolInTheHeaderIs426BeforeTheBodyIsRead() {
        TestServer.Reply reply = server.send(server.syncRequest(pc.token(), oneNotice(SyncProtocol.VERSION))
                .setHeader("X-Sanwu-Protocol", "0").build());

        assertError(reply, 426, "UPGRADE_REQUIRED");
    }

    @Test
    void malformedJsonIs400WithAChineseMessage() {
        byte[] truncated = Arrays.copyOf(oneNotice(SyncProtocol.VERSION), 60);

        TestServer.Reply reply = server.send(server.syncRequest(pc.token(), truncated).build());

        assertError(reply, 400, "MALFORMED_JSON");
        assertThat(reply.body().get("message").asText()).contains("格式无效");
    }

    @Test
    void wrongJsonTypesAre400() {
        TestServer.Reply reply = server.send(server.syncRequest(pc.token(),
                "{\"protocol\":1,\"cursor\":\"abc\",\"mutations\":{}}".getBytes(StandardCharsets.UTF_8)).build());

        assertError(reply, 400, "MALFORMED_JSON");
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeItIsSent() {
        byte[] body = new byte[(int) LIMIT + 1];
        Arrays.fill(body, (byte) ' ');

        // With Expect: 100-continue the client waits for the server's go-ahead; the server
        // answers 413 from the Content-Length alone, so the body never crosses the wire.
        TestServer.Reply reply = server.send(server.syncRequest(pc.token(), body).expectContinue(true).build());

        assertError(reply, 413, "BODY_TOO_LARGE");
    }

    @Test
    void gzipBombIs413OnceTheDecompressedSizePassesTheLimit() {
        StringBuilder json = new StringBuilder("{\"protocol\":1,\"cursor\":0,\"mutations\":[],\"pad\":\"");
        json.append("x".repeat((int) LIMIT * 4)).append("\"}");
        byte[] gz = TestServer.gzip(json.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(gz.length).isLessThan((int) LIMIT);

        TestServer.Reply reply = server.send(server.syncRequest(pc.token(), gz).header("Content-Encoding", "gzip").build());

        assertError(reply, 413, "BODY_TOO_LARGE");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] big = new byte[(int) LIMIT * 2];
        Arrays.fill(big, (byte) ' ');
        HttpRequest request = server.syncRequest(pc.token(), new byte[0])
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();

        assertError(server.send(request), 413, "BODY_TOO_LARGE");
    }

    @Test
    void missingTokenIs401() {
        assertError(server.send(server.syncRequest(null, oneNotice(SyncProtocol.VERSION)).build()), 401, "UNAUTHORIZED");
    }

    @Test
    void unknownTokenIs401() {
        assertError(server.send(server.syncRequest("not-a-token", oneNotice(SyncProtocol.VERSION)).build()), 401,
                "UNAUTHORIZED");
    }

    @Test
    void revokedTokenIs401() {
        assertThat(server.sync(pc.token(), push(0)).changes()).isEmpty();

        assertThat(server.server().devices().revoke(UUID.fromString(pc.deviceId()))).isTrue();

        assertError(server.send(server.syncRequest(pc.token(), oneNotice(SyncProtocol.VERSION)).build()), 401,
                "UNAUTHORIZED");
    }
}
