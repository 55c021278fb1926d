package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.catalog.CatalogJson;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public pages in English over real HTTP (docs/public-pages.md, "Language"): the form, the
 * status page, the notice page and the village page, chosen by {@code ?lang=en} or by
 * {@code Accept-Language}, carry no Chinese but the names people typed; Chinese stays the default.
 */
class PublicPagesLanguageTest {

    static final String ENGLISH_BROWSER = "en-US,en;q=0.9";
    static final String CHINESE_BROWSER = "zh-CN,zh;q=0.9,en;q=0.8";

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;
    Residents phone;
    PublishedNotices notices;
    /** Names that are data, not page text: the village's and the catalogue item's. */
    List<String> names;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir), clock);
        AccountFixture.create(server.server().accounts());
        phone = new Residents(server);
        notices = new PublishedNotices(server);
        names = List.of("红旗村", CatalogJson.defaultCatalog().find("V15").orElseThrow().nameZh());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A notice whose own text is English, so any Chinese left on the page is the page's. */
    static NoticeContent english(String village) {
        NoticeTable table = new NoticeTable("Costs", List.of(new TableColumn("Item", ColumnType.TEXT),
                new TableColumn("Amount", ColumnType.MONEY_FEN)), List.of(List.of("Cement", "123456")));
        CashJournal journal = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 1_000_000, List.of(
                new LedgerEntry(LocalDate.of(2026, 7, 3), "V-1", "Cement", 0, 250_000)));
        RecipientList recipients = new RecipientList("Relief", List.of(
                new Recipient("Zhang San", "G1", 3, 120_000, "110105199001011232")));
        return new NoticeContent(village, "V15", Period.parse("2026-Q3"), "Road repair budget", "Budget: 1000 yuan.",
                List.of(table), journal, recipients);
    }

    /** The four pages (and the look-up box), each with a text only the English page has. */
    private Map<String, String> pages() {
        Published p = notices.publish(english(OWN_VILLAGE));
        notices.correct(p.id(), english(OWN_VILLAGE), "Typo in the amount");
        Map<String, String> fields = phone.filled(OWN_VILLAGE, "PROBLEM", "Where did the money go?", "");
        clock.advance(Duration.ofSeconds(5)); // the form's minimum fill time
        String code = Residents.codeFrom(phone.post(fields, null, null, null));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/feedback?village=" + OWN_VILLAGE, "Ask a question / Report a problem");
        pages.put("/t/" + code, "Progress");
        pages.put(NoticePageTest.qr(p), "Matches the public record");
        pages.put("/v/" + OWN_VILLAGE, "public notices");
        pages.put("/t", "Check progress");
        return pages;
    }

    private Residents.Page get(String path, String acceptLanguage) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return phone.send(b.build());
    }

    private String withoutNames(String body) {
        for (String n : names) {
            body = body.replace(n, "");
        }
        return body;
    }

    private static String firstChinese(String body) {
        Matcher m = PublicPagesBundleTest.HAN.matcher(body);
        return m.find() ? body.substring(Math.max(0, m.start() - 60), Math.min(body.length(), m.end() + 20)) : null;
    }

    @Test
    void englishByParameterOrBrowserHasNoChineseButNamesAndKeepsAnExplicitChoiceInLinks() {
        for (Map.Entry<String, String> page : pages().entrySet()) {
            String path = page.getKey();
            String byParameter = path + (path.contains("?") ? "&" : "?") + "lang=en";
            for (String[] request : new String[][] {{byParameter, null}, {path, ENGLISH_BROWSER}}) {
                Residents.Page r = get(request[0], request[1]);
                String b = r.body();
                assertThat(r.status()).as(request[0]).isEqualTo(200);
                assertThat(b).as(request[0]).contains("<html lang=\"en\">", page.getValue(),
                        "This page uses no scripts").doesNotContain("lang=\"zh-CN\"", "<script");
                assertThat(firstChinese(withoutNames(b))).as("Chinese page text on " + request[0]).isNull();
                if (request[1] == null) {
                    if (b.contains("<a ") || b.contains("<form method=\"get\"")) { // the status page has no links
                        assertThat(b).as("links keep the chosen language: " + path)
                                .containsAnyOf("lang=en", "<input type=\"hidden\" name=\"lang\" value=\"en\">");
                    }
                    assertThat(b).doesNotContain("href=\"/t\"", "href=\"/v/" + OWN_VILLAGE + "\"",
                            "action=\"/feedback\"");
                } else {
                    assertThat(b).as("no language forced into links: " + path).doesNotContain("lang=en", "name=\"lang\"");
                }
            }
        }
        assertThat(get("/v/" + OWN_VILLAGE + "?lang=en", null).body()).as("links and the search form")
                .contains("href=\"/t?lang=en\"", "href=\"/feedback?village=" + OWN_VILLAGE + "&amp;lang=en\"",
                        "<input type=\"hidden\" name=\"lang\" value=\"en\">", "?c=FINANCE&amp;lang=en");
        // the page text really is checked: the Chinese page fails the same test
        assertThat(firstChinese(withoutNames(get("/v/" + OWN_VILLAGE, null).body()))).isNotNull();
    }

    @Test
    void englishNoticePageShowsEnglishFactsDatesAndTables() {
        Published p = notices.publish(english(OWN_VILLAGE));
        String b = get(NoticePageTest.qr(p) + "&lang=en", null).body();
        assertThat(b).contains("Village affairs", "Q3 2026", "Recorded in the public log, unaltered",
                "Cash journal (Villagers&#39; committee, in yuan)", "Opening balance", "Relief (in yuan)", "1,200.00",
                "2026-12-01 to 2026-12-31", "href=\"/v/" + OWN_VILLAGE + "?lang=en\"")
                .containsPattern("Published</dt><dd>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</dd>")
                .doesNotContain("年", "110105199001011232");
    }

    @Test
    void chineseForAChineseBrowserAndForNoHeader() {
        Map<String, String> pages = pages();
        for (String path : pages.keySet()) {
            for (String header : new String[] {CHINESE_BROWSER, null}) {
                Residents.Page r = get(path, header);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path + " " + header).contains("<html lang=\"zh-CN\">", "阳光三务 · 村务公开",
                        "本页不使用任何脚本").doesNotContain(pages.get(path), "lang=en", "lang=zh", "name=\"lang\"", "This page uses no scripts");
            }
        }
        assertThat(get("/v/" + OWN_VILLAGE + "?lang=zh", ENGLISH_BROWSER).body()).contains("<html lang=\"zh-CN\">",
                "红旗村 公开栏", "href=\"/t?lang=zh\"");
    }

    @Test
    void theFormPostAnswersInTheChosenLanguageAndKeepsIt() {
        Map<String, String> empty = phone.filled(OWN_VILLAGE, "QUESTION", "", "");
        Map<String, String> tooLong = phone.filled(OWN_VILLAGE, "QUESTION", "x".repeat(2001), "");
        Map<String, String> fine = phone.filled(OWN_VILLAGE, "QUESTION", "When is the meeting?", "");
        clock.advance(Duration.ofSeconds(5)); // the form's minimum fill time
        Residents.Page refused = phone.postTo("/feedback?lang=en", empty, null, null, Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Please write your question or report. (Nothing was saved.)",
                "action=\"/feedback?lang=en\"");
        assertThat(firstChinese(withoutNames(refused.body()))).isNull();
        Residents.Page byBrowser = phone.postTo("/feedback", tooLong,
                null, null, Map.of("Accept-Language", ENGLISH_BROWSER));
        assertThat(byBrowser.body()).contains("The text is too long (at most 2000 characters).");
        Residents.Page chinese = phone.postTo("/feedback", empty, null, null, Map.of("Accept-Language", CHINESE_BROWSER));
        assertThat(chinese.body()).contains("请填写问题内容。（未保存任何内容）");

        Residents.Page ok = phone.postTo("/feedback?lang=en", fine, null, null, Map.of());
        String code = Residents.codeFrom(ok);
        assertThat(ok.header("Location")).isEqualTo("/t/" + code + "?new=1&lang=en");
        Residents.Page status = get(ok.header("Location"), null);
        assertThat(status.body()).contains("Received. Please note down your lookup code:", "Your question",
                "When is the meeting?", "submitted", "village");
        Residents.Page lookup = get("/t?lang=en&code=" + code, null);
        assertThat(lookup.status()).isEqualTo(303);
        assertThat(lookup.header("Location")).isEqualTo("/t/" + code + "?lang=en");
        assertThat(get("/t?lang=en&code=nonsense", null).body()).contains("The lookup code &quot;nonsense&quot; is not valid",
                "name=\"lang\" value=\"en\"");
    }
}
