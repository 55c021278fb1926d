package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static cn.sanwu.server.testing.Replies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.account.PasswordHasher;
import cn.sanwu.server.device.Secrets;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.RequestLogCapture;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, session use, logout and every refusal: status, error code, and that nothing was stored. */
class LoginApiTest {

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir), clock);
        AccountFixture.create(server.server().accounts());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long sessions() {
        return Rows.count(server.server().database(), "user_session");
    }


    @Test
    void loginGivesA256BitSessionTokenStoredOnlyAsItsHash() {
        TestServer.Reply reply = server.login("Reviewer", PASSWORD); // usernames are case-insensitive

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String token = reply.body().get("token").asText();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(reply.body().get("user").get("role").asText()).isEqualTo("township-reviewer");
        assertThat(reply.body().get("user").get("scopeCode").asText()).isEqualTo(AccountFixture.TOWNSHIP);
        String stored = server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM user_session");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).isEqualTo(Secrets.hash(token)).isNotEqualTo(token);

        TestServer.Reply me = server.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("user").get("username").asText()).isEqualTo("reviewer");
    }

    @Test
    void neitherTokensNorPasswordsReachTheRequestLog() {
        try (RequestLogCapture log = new RequestLogCapture()) {
            String token = server.sessionToken("reviewer", PASSWORD);
            server.get("/api/v1/me", token);
            server.postJson("/api/v1/logout", token, "");

            String userId = server.server().accounts().users().find("reviewer").orElseThrow().id().toString();
            List<String> lines = log.lines(3);
            assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain(token).doesNotContain(PASSWORD)
                    .doesNotContain("Bearer"));
            assertThat(lines.get(1)).contains("path=/api/v1/me").contains("user=" + userId);
        }
    }

    @Test
    void logoutEndsTheSession() {
        String token = server.sessionToken("clerk", PASSWORD);

        assertThat(server.postJson("/api/v1/logout", token, "").status()).isEqualTo(204);

        assertError(server.get("/api/v1/me", token), 401, "UNAUTHORIZED");
        assertError(server.postJson("/api/v1/logout", token, ""), 401, "UNAUTHORIZED");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswerAndNoSession() {
        TestServer.Reply wrong = server.login("clerk", "not the password");
        TestServer.Reply unknown = server.login("nobody-here", PASSWORD);

        assertError(wrong, 401, "LOGIN_FAILED");
        assertError(unknown, 401, "LOGIN_FAILED");
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(sessions()).isZero();
    }

    @Test
    void aDisabledAccountCannotLogInAndItsSessionsEnd() {
        String token = server.sessionToken("clerk", PASSWORD);
        server.server().accounts().users().setDisabled("clerk", true);

        assertError(server.get("/api/v1/me", token), 401, "UNAUTHORIZED");
        assertError(server.login("clerk", PASSWORD), 403, "ACCOUNT_DISABLED");
        assertError(server.login("clerk", "not the password"), 401, "LOGIN_FAILED"); // disabled is told only to the owner
        assertThat(sessions()).isEqualTo(1);

        server.server().accounts().users().setDisabled("clerk", false);
        assertThat(server.login("clerk", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anExpiredSessionGetsAClear401() {
        String token = server.sessionToken("oversight", PASSWORD);
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(server.get("/api/v1/me", token).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));

        TestServer.Reply reply = server.get("/api/v1/me", token);
        assertError(reply, 401, "SESSION_EXPIRED");
        assertThat(reply.body().get("message").asText()).contains("重新登录");
    }

    @Test
    void revokedSessionsAndChangedPasswordsEndSessions() {
        String first = server.sessionToken("supervisor", PASSWORD);
        assertThat(server.server().accounts().users().revokeSessions("supervisor")).isEqualTo(1);
        assertError(server.get("/api/v1/me", first), 401, "UNAUTHORIZED");

        String second = server.sessionToken("supervisor", PASSWORD);
        server.server().accounts().users().setPassword("supervisor", "a brand new password");
        assertError(server.get("/api/v1/me", second), 401, "UNAUTHORIZED");
        assertError(server.login("supervisor", PASSWORD), 401, "LOGIN_FAILED");
        assertThat(server.login("supervisor", "a brand new password").status()).isEqualTo(200);
    }

    @Test
    void badBodiesAreRefusedAndNothingIsStored() {
        assertError(server.postJson("/api/v1/login", null, "{\"username\":"), 400, "MALFORMED_JSON");
        assertError(server.postJson("/api/v1/login", null, "[1,2]"), 400, "MALFORMED_JSON");
        assertError(server.postJson("/api/v1/login", null, "{\"username\":\"clerk\"}"), 400, "CREDENTIALS_MISSING");
        assertError(server.postJson("/api/v1/login", null, "{\"username\":\"\",\"password\":\"x\"}"), 400,
                "CREDENTIALS_MISSING");
        assertError(server.postJson("/api/v1/login", null, "{\"username\":\"clerk\",\"password\":\"" + "x".repeat(20_000)
                + "\"}"), 413, "BODY_TOO_LARGE");
        assertError(server.postJson("/api/v1/login", null, "{\"username\":\"clerk\",\"password\":\"" + "x".repeat(600)
                + "\"}"), 400, "PASSWORD_TOO_LONG");

        assertThat(sessions()).isZero();
        assertThat(Rows.count(server.server().database(), "throttle")).isZero();
    }

    @Test
    void aDeviceTokenIsNoSessionAndASessionIsNoDeviceToken() {
        TestServer.Enrolled pc = server.enrollNewDevice(AccountFixture.OWN_VILLAGE, "村委会电脑");
        String session = server.sessionToken("clerk", PASSWORD);

        assertError(server.get("/api/v1/me", pc.token()), 403, "FORBIDDEN");
        assertError(server.send(server.syncRequest(session, "{\"protocol\":1,\"cursor\":0,\"mutations\":[]}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).build()), 403, "FORBIDDEN");
    }

    @Test
    void aHashMadeAtAnOlderCostIsReplacedAtTheNextLogin(@TempDir Path other) {
        server.close();
        PasswordHasher.Cost stronger = new PasswordHasher.Cost(2048, 2, 1);
        server = TestServer.start(TestDatabases.config(dir).withSecurity(
                TestDatabases.config(other).security().withPasswordCost(stronger)), clock);
        // Same H2 file (on PostgreSQL a fresh database: then the fixture is created again).
        if (server.server().accounts().users().find("clerk").isEmpty()) {
            AccountFixture.create(server.server().accounts());
            server.server().database().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = 'clerk'")) {
                    ps.setString(1, new PasswordHasher(TestDatabases.TEST_PASSWORD_COST).hash(PASSWORD));
                    ps.executeUpdate();
                }
                return null;
            });
        }
        assertThat(storedHash("clerk")).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");

        assertThat(server.login("clerk", PASSWORD).status()).isEqualTo(200);

        assertThat(storedHash("clerk")).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
        assertThat(server.login("clerk", PASSWORD).status()).isEqualTo(200);
    }

    private String storedHash(String username) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
