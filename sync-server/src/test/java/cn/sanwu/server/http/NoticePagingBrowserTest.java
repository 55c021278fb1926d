package cn.sanwu.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.qr.QrPayload;
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
 * A 2,000-recipient notice in a real browser (headless Chromium, phone-sized, loopback only): the
 * QR link opens page 1 of 15 with the checks, 下一页 is a plain link (no script on the page) to page
 * 2 with the paper's r and h, which checks the same paper and picks the journal up from the carried
 * balance; page 6 names the pages of the journal's rows and keeps its totals. With
 * {@code -Dsanwu.screenshots=DIR} what the phone's screen shows of page 2 (at its paging links) and of page 6 (at its tables) is saved.
 */
class NoticePagingBrowserTest {

    @TempDir
    Path dir;

    @Test
    void aResidentPagesThroughALongListByLinks() throws Exception {
        try (TestServer server = TestServer.start(TestDatabases.config(dir));
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            AccountFixture.create(server.server().accounts());
            String base = "http://127.0.0.1:" + server.server().port();
            Published p = new PublishedNotices(server).publish(NoticePagingTest.list(0, 1000, 2000));
            String printed = new QrPayload(base, p.id(), p.revision(), ContentHash.parse(p.hash())).text();

            browser.open(printed);
            String first = browser.evaluate("document.body.innerText").asText();
            assertThat(first).contains("与公开记录一致", "已记入公开日志，未被改动", "第 1 / 15 页", "发放低保金 第0户", "期初余额",
                    "本表的行在第 6–15 页。").doesNotContain("发放低保金 第200户", "村民0000");
            assertThat(browser.evaluate("document.scripts.length").asInt()).isZero();
            assertThat(browser.evaluate("document.documentElement.outerHTML.length").asInt()).isLessThan(NoticePagingTest.BUDGET);

            browser.evaluate("[...document.querySelectorAll('.paging a')].find(a => a.textContent === '下一页').click()");
            browser.waitFor("location.search.includes('page=2') && document.readyState === 'complete'", Duration.ofSeconds(20));
            assertThat(browser.evaluate("location.search").asText())
                    .isEqualTo("?r=" + p.revision() + "&h=" + p.hash() + "&page=2");
            String second = browser.evaluate("document.body.innerText").asText();
            assertThat(second).contains("与公开记录一致", "已记入公开日志，未被改动", "第 2 / 15 页", "承前页余额", "上一页",
                    "下一页", "发放低保金 第200户").doesNotContain("发放低保金 第199户", "不一致");
            browser.evaluate("document.querySelector('.paging').scrollIntoView()");
            ResidentBrowserTest.save(browser.viewportPng(), "public-notice-paged.png");

            // Page 6: the journal's rows are on pages 1–5, its totals stay; the recipients begin.
            browser.open(printed + "&page=6");
            assertThat(browser.evaluate("document.body.innerText").asText()).contains("第 6 / 15 页", "本表的行在第 1–5 页。",
                    "本期合计 / 期末余额", "村民0000", "村民0199").doesNotContain("村民0200");
            browser.evaluate("document.querySelectorAll('h2')[2].scrollIntoView()"); // the journal's heading
            ResidentBrowserTest.save(browser.viewportPng(), "public-notice-paged-6.png");
        }
    }
}
