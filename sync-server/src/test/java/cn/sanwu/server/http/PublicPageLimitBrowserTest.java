package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Chromium;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resident's phone shows once its source is over the page limit (ADR 0027): headless
 * Chromium (asking for zh-CN, as WeChat does) gets the short Chinese 429 page, styled, no script.
 * With {@code -Dsanwu.screenshots=DIR} it is saved as PNG.
 */
class PublicPageLimitBrowserTest {

    @TempDir
    Path dir;

    @Test
    void aPhoneOverTheLimitSeesAShortChinesePage() throws Exception {
        SecurityConfig security = TestDatabases.config(dir).security().withPublicRequestsPerMinute(3);
        try (TestServer server = TestServer.start(TestDatabases.config(dir).withSecurity(security));
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            AccountFixture.create(server.server().accounts());
            String village = "http://127.0.0.1:" + server.server().port() + "/v/" + OWN_VILLAGE;
            for (int i = 0; i < 3; i++) {
                browser.open(village);
                assertThat(browser.evaluate("document.body.innerText").asText()).doesNotContain("访问太频繁");
            }
            browser.open(village);
            assertThat(browser.evaluate("document.documentElement.lang").asText()).isEqualTo("zh-CN");
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("访问太频繁", "秒后再试");
            assertThat(browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor").asText())
                    .as("the stylesheet is not limited").isEqualTo("rgb(187, 34, 34)");
            assertThat(browser.evaluate("document.scripts.length").asInt()).isZero();
            ResidentBrowserTest.saveScreenshot(browser, "public-rate-limited.png");
        }
    }
}
