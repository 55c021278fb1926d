package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static cn.sanwu.server.testing.AccountFixture.SIBLING_VILLAGE;
import static cn.sanwu.server.testing.Replies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/enrollment-codes: who may issue a code for which village, and the refusals. */
class EnrollmentCodeApiTest {

    @TempDir
    Path dir;
    TestServer server;
    String reviewer;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir));
        AccountFixture.create(server.server().accounts());
        reviewer = server.sessionToken("reviewer", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Reply issue(String token, String village) {
        return server.postJson("/api/v1/enrollment-codes", token, "{\"villageCode\":\"" + village + "\"}");
    }

    private long codes() {
        return Rows.count(server.server().database(), "enrollment_code");
    }


    @Test
    void aReviewerIssuesACodeThatEnrollsAPcOfTheVillage() {
        TestServer.Reply reply = issue(reviewer, SIBLING_VILLAGE);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.body().get("villageCode").asText()).isEqualTo(SIBLING_VILLAGE);
        assertThat(reply.body().get("expiresAt").asText()).isNotBlank();
        String code = reply.body().get("code").asText();
        UUID issuedBy = server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT issued_by FROM enrollment_code");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
        assertThat(issuedBy).isEqualTo(server.server().accounts().users().find("reviewer").orElseThrow().id());

        TestServer.Reply enrolled = server.postJson("/api/v1/enroll", null, "{\"code\":\"" + code + "\",\"deviceName\":\"新民村电脑\"}");
        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(enrolled.body().get("villageCode").asText()).isEqualTo(SIBLING_VILLAGE);
    }

    @Test
    void aReviewerCannotIssueForAnotherTownshipButAnAdminCan() {
        assertError(issue(reviewer, OTHER_TOWNSHIP_VILLAGE), 403, "OUT_OF_SCOPE");
        assertThat(codes()).isZero();

        String admin = server.sessionToken("admin", PASSWORD);
        assertThat(issue(admin, OTHER_TOWNSHIP_VILLAGE).status()).isEqualTo(201);
        assertThat(issue(admin, OWN_VILLAGE).status()).isEqualTo(201);
    }

    @Test
    void otherRolesAndNoSessionAreRefused() {
        for (String person : new String[] {"clerk", "supervisor", "oversight"}) {
            assertError(issue(server.sessionToken(person, PASSWORD), OWN_VILLAGE), 403, "FORBIDDEN");
        }
        assertError(issue(null, OWN_VILLAGE), 401, "UNAUTHORIZED");
        assertError(issue("not-a-token", OWN_VILLAGE), 401, "UNAUTHORIZED");
        assertThat(codes()).isZero();
    }

    @Test
    void badVillageCodesAreRefusedClearly() {
        assertError(issue(reviewer, "2199"), 400, "VILLAGE_CODE_INVALID");
        assertError(issue(reviewer, "219901101299"), 422, "VILLAGE_UNKNOWN");
        assertError(issue(reviewer, AccountFixture.TOWNSHIP), 400, "NOT_A_VILLAGE");
        assertError(server.postJson("/api/v1/enrollment-codes", reviewer, "{\"villageCode\":"), 400, "MALFORMED_JSON");
        assertError(server.postJson("/api/v1/enrollment-codes", reviewer, "{}"), 400, "VILLAGE_CODE_INVALID");
        assertError(server.postJson("/api/v1/enrollment-codes", reviewer, "{\"villageCode\":\"" + "1".repeat(20_000) + "\"}"),
                413, "BODY_TOO_LARGE");
        assertThat(codes()).isZero();
    }
}
