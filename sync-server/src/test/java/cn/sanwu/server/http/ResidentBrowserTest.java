package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Chromium;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The residents' pages in a real browser (Debian Chromium, headless, loopback only): open the
 * form, type a question that is also an XSS payload, submit it with the form's own button (a
 * plain POST, the page has no script), follow the redirect to the status page and see the
 * question shown as text with nothing executed; then a reply by staff appears there. The inertness
 * check is first shown to catch a page that does execute the payload. With
 * {@code -Dsanwu.screenshots=DIR} the form and the status page are saved as PNG.
 */
class ResidentBrowserTest {

    static final String PAYLOAD = "路灯坏了<img src=x onerror=\"document.title='pwned'\">"
            + "<script>document.title='pwned';window.sanwuMarker=1</script>\"'><svg/onload=\"document.title='pwned'\">";

    @TempDir
    Path dir;

    @Test
    void theInertnessCheckCatchesAPageThatRunsThePayload() throws Exception {
        HttpServer broken = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broken.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><html><head><title>ok</title></head><body><div>" + PAYLOAD
                    + "</div></body></html>").getBytes(StandardCharsets.UTF_8); // deliberately not escaped
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        broken.start();
        try (Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            browser.open("http://127.0.0.1:" + broken.getAddress().getPort() + "/");
            browser.waitFor("document.title === 'pwned'", Duration.ofSeconds(10));
            assertThat(inert(browser)).as("the check must fail on a page that runs the payload").isFalse();
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void aResidentAsksInTheBrowserSeesTheStatusPageAndLaterTheReply() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(TestDatabases.config(dir), clock);
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            AccountFixture.create(server.server().accounts());
            String base = "http://127.0.0.1:" + server.server().port();

            browser.open(base + "/feedback?village=" + OWN_VILLAGE + "&notice=HQ-2026-007");
            assertThat(browser.evaluate("document.title").asText()).isEqualTo("询问 / 反映问题");
            assertThat(browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor").asText())
                    .as("the cached style sheet is allowed by the CSP").isEqualTo("rgb(187, 34, 34)");
            assertThat(browser.evaluate("document.querySelector('.hp').getBoundingClientRect().left < 0").asBoolean())
                    .as("the honeypot is off screen").isTrue();
            browser.evaluate("document.querySelector('#text').value = " + Chromium.quote(PAYLOAD));
            saveScreenshot(browser, "public-feedback-form.png");

            clock.advance(Duration.ofSeconds(5)); // a person takes a while to type
            browser.evaluate("document.querySelector('button[type=submit]').click()");
            browser.waitFor("location.pathname.startsWith('/t/') && document.readyState === 'complete'", Duration.ofSeconds(20));

            String code = browser.evaluate("location.pathname.substring(3)").asText();
            assertThat(code).matches("[0-9A-Z]{12}");
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("已收到", "办理中", "答复期限", PAYLOAD);
            assertThat(inert(browser)).isTrue();
            assertThat(browser.dom()).contains("&lt;script&gt;document.title=").doesNotContain("<script>");
            saveScreenshot(browser, "public-ticket-status.png");

            String token = server.sessionToken("clerk", PASSWORD);
            assertThat(server.postJson("/api/v1/tickets/" + code + "/reply", token,
                    "{\"text\":\"路灯已于本周修好。<script>document.title='pwned'</script>\"}").status()).isEqualTo(204);
            browser.open(base + "/t/" + code);
            assertThat(browser.evaluate("document.body.innerText").asText())
                    .contains("已答复", "路灯已于本周修好。<script>document.title='pwned'</script>");
            assertThat(inert(browser)).isTrue();
            saveScreenshot(browser, "public-ticket-answered.png");
        }
    }

    /** Nothing the payload tried happened: no element it carried, no title change, no marker. */
    static boolean inert(Chromium browser) {
        return browser.evaluate("document.title !== 'pwned' && window.sanwuMarker === undefined"
                + " && document.querySelectorAll('script, img, svg, iframe').length === 0").asBoolean();
    }

    static void saveScreenshot(Chromium browser, String name) throws IOException {
        save(browser.screenshotPng(), name);
    }

    static void save(byte[] png, String name) throws IOException {
        String target = System.getProperty("sanwu.screenshots");
        assertThat(png).hasSizeGreaterThan(1000);
        if (target != null && !target.isBlank()) {
            Files.createDirectories(Path.of(target));
            Files.write(Path.of(target, name), png);
        }
    }
}
