package cn.sanwu.server.http;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.server.device.Secrets;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollAndHealthTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthAnswersWithVersionAndDatabaseState() {
        TestServer.Reply reply = server.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asText()).isEqualTo("ok");
        assertThat(reply.body().get("db").asText()).isEqualTo("ok");
        assertThat(reply.body().get("version").asText()).isNotBlank().doesNotContain("${");
    }

    @Test
    void enrollmentGivesA256BitTokenStoredOnlyAsItsHash() {
        TestServer.Enrolled pc = server.enrollNewDevice(VILLAGE, "村委会电脑");

        assertThat(pc.villageCode()).isEqualTo(VILLAGE);
        assertThat(Base64.getUrlDecoder().decode(pc.token())).hasSize(32);
        String storedHash = server.server().database().inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT token_hash FROM device")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(storedHash).isEqualTo(Secrets.hash(pc.token())).isNotEqualTo(pc.token());
    }

    @Test
    void aCodeWorksOnce() {
        String code = server.server().devices().issueCode(VILLAGE);
        String body = "{\"code\":\"" + code.toLowerCase() + "\",\"deviceName\":\"甲\"}";

        assertThat(server.postJson("/api/v1/enroll", null, body).status()).isEqualTo(200);
        TestServer.Reply second = server.postJson("/api/v1/enroll", null, body);

        assertThat(second.status()).isEqualTo(403);
        assertThat(second.body().get("code").asText()).isEqualTo("CODE_INVALID");
        assertThat(Rows.count(server.server().database(), "device")).isEqualTo(1);
    }

    @Test
    void unknownCodeAndMalformedBodyAreRefused() {
        assertThat(server.postJson("/api/v1/enroll", null, "{\"code\":\"AAAA-BBBB-CCCC\"}").status()).isEqualTo(403);
        assertThat(server.postJson("/api/v1/enroll", null, "{\"code\":").status()).isEqualTo(400);
        assertThat(Rows.count(server.server().database(), "device")).isZero();
    }

    @Test
    void villageCodeMustHaveTwelveDigits() {
        assertThatThrownBy(() -> server.server().devices().issueCode("2199")).isInstanceOf(IllegalArgumentException.class);
    }
}
