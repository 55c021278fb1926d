package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Chromium;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The English pages in headless Chromium, whose browser asks for Chinese (zh-CN): {@code ?lang=en}
 * wins, and the notice page's button leads to an English form. With {@code -Dsanwu.screenshots=DIR}
 * both pages are saved as PNG.
 */
class PublicPagesEnglishBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theParameterWinsOverAChineseBrowserAndTheButtonKeepsIt() throws Exception {
        try (TestServer server = TestServer.start(TestDatabases.config(dir));
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            AccountFixture.create(server.server().accounts());
            Published p = new PublishedNotices(server).publish(PublicPagesLanguageTest.english(OWN_VILLAGE));
            String base = "http://127.0.0.1:" + server.server().port();

            browser.open(base + NoticePageTest.qr(p) + "&lang=en");
            assertThat(browser.evaluate("document.documentElement.lang").asText()).isEqualTo("en");
            assertThat(browser.evaluate("document.body.innerText").asText())
                    .contains("Matches the public record", "Recorded in the public log, unaltered", "Road repair budget");
            ResidentBrowserTest.saveScreenshot(browser, "public-notice-page-en.png");

            browser.evaluate("document.querySelector('a.button').click()");
            browser.waitFor("location.pathname === '/feedback' && document.readyState === 'complete'", Duration.ofSeconds(20));
            assertThat(browser.evaluate("document.title").asText()).isEqualTo("Ask a question / Report a problem");
            assertThat(browser.evaluate("document.querySelector('form').getAttribute('action')").asText())
                    .isEqualTo("/feedback?lang=en");
            ResidentBrowserTest.saveScreenshot(browser, "public-feedback-form-en.png");

            browser.open(base + NoticePageTest.qr(p));
            assertThat(browser.evaluate("document.documentElement.lang").asText()).as("the browser's zh-CN").isEqualTo("zh-CN");
        }
    }
}
