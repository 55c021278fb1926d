package cn.sanwu.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo server's accounts: printed credentials work, on every start (seeding twice is harmless). */
class DemoAccountsTest {

    @Test
    void printedDemoCredentialsLogInAndTheReviewerIssuesCodesForTheDemoVillage(@TempDir Path dir) {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            DemoAccounts.seed(server.server().accounts(), new PrintStream(printed, true, StandardCharsets.UTF_8));
            server.server().accounts().users().setDisabled("hongqi-clerk", true);
            DemoAccounts.seed(server.server().accounts(), new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("demo: user hongqi-reviewer password hongqi-review-pass (township-reviewer, scope 219901101000)");
            for (DemoAccounts.DemoUser user : DemoAccounts.USERS) {
                assertThat(server.login(user.username(), user.password()).status()).as(user.username()).isEqualTo(200);
            }
            String reviewer = server.sessionToken("hongqi-reviewer", "hongqi-review-pass");
            assertThat(server.postJson("/api/v1/enrollment-codes", reviewer, "{\"villageCode\":\"" + Main.DEMO_VILLAGE + "\"}")
                    .status()).isEqualTo(201);
            assertThat(server.postJson("/api/v1/enrollment-codes", reviewer, "{\"villageCode\":\"219901102201\"}").status())
                    .as("前进村 lies in 五一乡, not 红旗镇").isEqualTo(403);
        }
    }
}
