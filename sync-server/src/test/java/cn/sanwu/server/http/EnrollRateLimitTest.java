package cn.sanwu.server.http;

import static cn.sanwu.server.testing.Notices.VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code guessing: per client address, failed enrollments are limited per hour, in the database. */
class EnrollRateLimitTest {

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Set<String> trustedProxies) {
        SecurityConfig security = TestDatabases.config(dir).security().withTrustedProxies(trustedProxies);
        server = TestServer.start(TestDatabases.config(dir).withSecurity(security), clock);
    }

    private TestServer.Reply enroll(String code, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/v1/enroll")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"deviceName\":\"电脑\"}"));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return server.send(b.build());
    }

    @Test
    void twentyWrongCodesAnHourThen429EvenForARightCode() {
        start(Set.of());
        for (int i = 0; i < 20; i++) {
            assertThat(enroll("WRONG-CODE-" + i, null).status()).isEqualTo(403);
        }
        String good = server.server().devices().issueCode(VILLAGE);

        TestServer.Reply blocked = enroll(good, null);

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(blocked.body().get("message").asText()).isEqualTo("登记码尝试次数过多，请 60 分钟后再试。");
        assertThat(blocked.header("Retry-After")).isEqualTo("3600");
        assertThat(enroll("WRONG-X", "10.9.9.9").status()).as("a forged X-Forwarded-For changes nothing").isEqualTo(429);

        clock.advance(Duration.ofHours(1));
        assertThat(enroll(good, null).status()).isEqualTo(200);
    }

    @Test
    void successfulEnrollmentsDoNotCount() {
        start(Set.of());
        for (int i = 0; i < 19; i++) {
            assertThat(enroll("WRONG-CODE-" + i, null).status()).isEqualTo(403);
        }
        for (int i = 0; i < 25; i++) {
            assertThat(enroll(server.server().devices().issueCode(VILLAGE), null).status()).isEqualTo(200);
        }
        assertThat(enroll("WRONG-LAST", null).status()).isEqualTo(403);
        assertThat(enroll("WRONG-BLOCKED", null).status()).isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimitAndNoAddressIsStored() {
        start(Set.of("127.0.0.1"));
        for (int i = 0; i < 20; i++) {
            assertThat(enroll("WRONG-" + i, "203.0.113.7").status()).isEqualTo(403);
        }
        assertThat(enroll("WRONG-A", "203.0.113.7").status()).isEqualTo(429);
        // Left of the proxy's own entry is client-written: "1.2.3.4, 203.0.113.7" is still 203.0.113.7.
        assertThat(enroll("WRONG-B", "1.2.3.4, 203.0.113.7").status()).isEqualTo(429);
        assertThat(enroll("WRONG-C", "198.51.100.20").status()).isEqualTo(403);

        List<String> stored = server.server().database().inTransaction(c -> {
            List<String> values = new java.util.ArrayList<>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT key_hash, rule FROM throttle")) {
                while (rs.next()) {
                    values.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return values;
        });
        assertThat(stored).hasSize(2).allSatisfy(row -> assertThat(row)
                .doesNotContain("203.0.113").doesNotContain("198.51.100").doesNotContain("127.0.0.1")
                .matches("[0-9a-f]{64} enroll-source"));
    }
}
