package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.qr.QrImage;
import cn.sanwu.model.qr.QrPayload;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Chromium;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident's scan in a real browser (Debian Chromium, headless, phone-sized, loopback only):
 * the QR code of a real publication, drawn by shared-model {@link QrImage} and read back, opens
 * the notice page, which says 一致 and 已记入公开日志; the page's own link leads to the ask form
 * with the 公开编号 filled in, a question is submitted with the form's button and its status page
 * opens. A QR with another hash says 不一致. Hostile notice text runs nothing. The village page
 * lists the notice. With {@code -Dsanwu.screenshots=DIR} the pages are saved as PNG.
 */
class NoticeBrowserTest {

    @TempDir
    Path dir;

    @Test
    void aResidentScansChecksAsksAndSeesTheStatusPage() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(TestDatabases.config(dir), clock);
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            AccountFixture.create(server.server().accounts());
            String base = "http://127.0.0.1:" + server.server().port();
            PublishedNotices notices = new PublishedNotices(server);
            Published p = notices.publish(NoticePageTest.personal(OWN_VILLAGE));
            notices.publish(new NoticeContent(OWN_VILLAGE, "P03", Period.parse("2026-Q3"),
                    ResidentBrowserTest.PAYLOAD, ResidentBrowserTest.PAYLOAD, List.of(), null, null));

            // The sheet's QR code, as printed, read back by a phone.
            String printed = new QrPayload(base, p.id(), p.revision(), ContentHash.parse(p.hash())).text();
            String scanned = QrImage.decode(QrImage.render(printed, 4)).orElseThrow();
            assertThat(scanned).isEqualTo(printed);

            browser.open(scanned);
            String text = browser.evaluate("document.body.innerText").asText();
            assertThat(text).contains("与公开记录一致", "已记入公开日志，未被改动", "低保对象名单公示", p.number(), "张三",
                    "110105********1232").doesNotContain(NoticePageTest.ID, NoticePageTest.MOBILE, "不一致");
            assertThat(browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor").asText())
                    .isEqualTo("rgb(187, 34, 34)");
            assertThat(browser.evaluate("document.scripts.length").asInt()).isZero();
            ResidentBrowserTest.saveScreenshot(browser, "public-notice-page.png");

            // The page's own link to the form, carrying the 公开编号.
            browser.evaluate("document.querySelector('a.button').click()");
            browser.waitFor("location.pathname === '/feedback' && document.readyState === 'complete'", Duration.ofSeconds(20));
            assertThat(browser.evaluate("document.querySelector('input[name=notice]').value").asText()).isEqualTo(p.number());
            browser.evaluate("document.querySelector('#text').value = " + Chromium.quote("赵六的金额为什么是450.50元？"));
            clock.advance(Duration.ofSeconds(5));
            browser.evaluate("document.querySelector('button[type=submit]').click()");
            browser.waitFor("location.pathname.startsWith('/t/') && document.readyState === 'complete'", Duration.ofSeconds(20));
            String code = browser.evaluate("location.pathname.substring(3)").asText();
            assertThat(code).matches("[0-9A-Z]{12}");
            browser.open(base + "/t/" + code);
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("办理进度", "办理中", "赵六的金额为什么是450.50元？");

            // Another paper's hash: 不一致, with what to do.
            String other = NoticeHasher.sha256().hash(p.id(), NoticePageTest.personal(AccountFixture.SIBLING_VILLAGE)).toString();
            browser.open(base + "/n/" + p.id() + "?r=" + p.revision() + "&h=" + other);
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("不一致", "反映问题");
            ResidentBrowserTest.saveScreenshot(browser, "public-notice-mismatch.png");

            browser.open(base + "/v/" + OWN_VILLAGE);
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("红旗村 公开栏", "低保对象名单公示",
                    ResidentBrowserTest.PAYLOAD);
            assertThat(ResidentBrowserTest.inert(browser)).isTrue();
            ResidentBrowserTest.saveScreenshot(browser, "public-village-page.png");
            browser.evaluate("[...document.querySelectorAll('a')].find(a => a.textContent.includes('pwned')).click()");
            browser.waitFor("location.pathname.startsWith('/n/') && document.readyState === 'complete'", Duration.ofSeconds(20));
            assertThat(browser.evaluate("document.body.innerText").asText()).contains(ResidentBrowserTest.PAYLOAD,
                    "已记入公开日志，未被改动");
            assertThat(ResidentBrowserTest.inert(browser)).isTrue();
        }
    }
}
