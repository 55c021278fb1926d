package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.SIBLING_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.notices.VillageListing;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.DirectEdits;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.Residents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The village page over real HTTP: everything the village published, grouped by category and
 * period with the newest period first, corrected and withdrawn notices marked, a search over
 * titles and 公开编号, pages for big villages, nothing of other villages, nothing unmasked.
 */
class VillagePageTest extends ResidentsServerTest {

    PublishedNotices notices;

    @BeforeEach
    void seedPublisher() {
        notices = new PublishedNotices(server);
    }

    static NoticeContent notice(String village, String item, String period, String title) {
        return new NoticeContent(village, item, Period.parse(period), title, "正文", List.of(), null, null);
    }

    @Test
    void listsByCategoryAndPeriodNewestFirstWithMarksAndLinks() {
        Published q2 = notices.publish(notice(OWN_VILLAGE, "F11", "2026-Q2", "二季度上级补助收支"));
        Published q3 = notices.publish(notice(OWN_VILLAGE, "F11", "2026-Q3", "三季度上级补助收支"));
        Published party = notices.publish(notice(OWN_VILLAGE, "P03", "2026-Q3", "发展党员公示 联系电话13800138000"));
        Published fixedFirst = notices.publish(notice(OWN_VILLAGE, "V12", "2026-Q3", "修路工程"));
        Published fixed = notices.correct(fixedFirst.id(), notice(OWN_VILLAGE, "V12", "2026-Q3", "修路工程（更正）"), "金额有误");
        Published gone = notices.publish(notice(OWN_VILLAGE, "V08", "2026-Q3", "村民代表会议决议"));
        notices.withdraw(gone.id(), OWN_VILLAGE, "决议撤销");
        notices.publish(notice(SIBLING_VILLAGE, "F11", "2026-Q3", "新民村的公告"));

        Residents.Page page = phone.get("/v/" + OWN_VILLAGE);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(PublicPage.CSP);
        String b = page.body();
        assertThat(b).contains("红旗村 公开栏", "共 5 份", "href=\"/n/" + fixed.id() + "?r=" + fixed.revision() + "\"",
                "修路工程（更正）", "已更正", "已撤回", q3.number(), "/feedback?village=" + OWN_VILLAGE)
                .doesNotContain("新民村的公告", "修路工程</a>", "13800138000", "<script");
        assertThat(b.indexOf("<h2>党务</h2>")).isLessThan(b.indexOf("<h2>村(居)务</h2>")).isPositive();
        assertThat(b.indexOf("<h2>村(居)务</h2>")).isLessThan(b.indexOf("<h2>财务</h2>"));
        assertThat(b.indexOf(q3.number())).as("newest period first").isLessThan(b.indexOf(q2.number()));
        assertThat(b.indexOf("2026年第三季度")).isLessThan(b.indexOf("2026年第二季度"));
        assertThat(b).contains(party.number());
        assertThat(PersonalDataScanner.scan(b)).isEmpty();
        assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);

        Residents.Page finance = phone.get("/v/" + OWN_VILLAGE + "?c=FINANCE");
        assertThat(finance.body()).contains(q2.number(), q3.number(), "符合条件 2 份").doesNotContain(party.number());
    }

    @Test
    void searchesTitlesAndNumbersAndEchoesTheQueryEscaped() {
        Published road = notices.publish(notice(OWN_VILLAGE, "V12", "2026-Q3", "修路工程"));
        Published water = notices.publish(notice(OWN_VILLAGE, "V28", "2026-Q3", "水费收缴情况"));
        Residents.Page byTitle = phone.get("/v/" + OWN_VILLAGE + "?q=" + enc("水费"));
        assertThat(byTitle.body()).contains(water.number(), "符合条件 1 份").doesNotContain(road.number());
        Residents.Page byNumber = phone.get("/v/" + OWN_VILLAGE + "?q=" + enc(road.number().substring(road.number().length() - 4)));
        assertThat(byNumber.body()).contains(road.number()).doesNotContain(water.number());
        Residents.Page hostile = phone.get("/v/" + OWN_VILLAGE + "?q=" + enc("\"><script>alert(1)</script>"));
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).contains("没有找到符合条件的公开内容", "value=\"&quot;&gt;&lt;script&gt;")
                .doesNotContain("<script");
    }

    @Test
    void bigVillagesArePaged() {
        int n = VillageListing.PAGE_SIZE + 3;
        for (int i = 0; i < n; i++) {
            notices.publish(notice(OWN_VILLAGE, "F11", "2026-" + String.format("%02d", 1 + i % 12), "月度公开 " + i));
        }
        Residents.Page first = phone.get("/v/" + OWN_VILLAGE);
        assertThat(first.body()).contains("第 1 / 2 页", "href=\"/v/" + OWN_VILLAGE + "?page=2\"");
        assertThat(count(first.body(), "<li>")).isEqualTo(VillageListing.PAGE_SIZE);
        Residents.Page second = phone.get("/v/" + OWN_VILLAGE + "?page=2");
        assertThat(count(second.body(), "<li>")).isEqualTo(3);
        assertThat(second.body()).contains("上一页");
        assertThat(phone.get("/v/" + OWN_VILLAGE + "?page=9").body()).as("past the end: the last page").contains("第 2 / 2 页");
    }

    @Test
    void aRecordEditedInTheDatabaseShowsItsCurrentTitleAtOnce() {
        Published p = notices.publish(notice(OWN_VILLAGE, "F11", "2026-Q3", "三季度上级补助收支"));
        Published other = notices.publish(notice(OWN_VILLAGE, "F11", "2026-Q2", "二季度上级补助收支"));
        assertThat(phone.get("/v/" + OWN_VILLAGE).body()).contains("三季度上级补助收支", "二季度上级补助收支");

        // The title changed with its hash, as an edit covering its tracks would: the list follows.
        String json = DirectEdits.query(server, "SELECT content_json FROM published_record WHERE notice_id = ?", p.id());
        String changed = json.replace("三季度上级补助收支", "三季度补助收支（改） 13800138000");
        assertThat(changed).isNotEqualTo(json);
        DirectEdits.update(server, "UPDATE published_record SET content_json = ?, content_hash = ? WHERE notice_id = ?",
                changed, new PublicationLedger().contentHash(changed).toString(), p.id());
        String after = phone.get("/v/" + OWN_VILLAGE).body();
        assertThat(after).contains("三季度补助收支（改）", "二季度上级补助收支")
                .doesNotContain("三季度上级补助收支", "13800138000");

        // The content alone changed (hash left, same length): still the current title, not the remembered one.
        String json2 = DirectEdits.query(server, "SELECT content_json FROM published_record WHERE notice_id = ?", other.id());
        String changed2 = json2.replace("二季度上级补助收支", "二季度上级补贴收支");
        assertThat(changed2).hasSameSizeAs(json2).isNotEqualTo(json2);
        DirectEdits.update(server, "UPDATE published_record SET content_json = ? WHERE notice_id = ?", changed2, other.id());
        assertThat(phone.get("/v/" + OWN_VILLAGE).body()).contains("二季度上级补贴收支").doesNotContain("二季度上级补助收支");

        // Content that no longer reads is listed as unreadable, not under its old title.
        DirectEdits.update(server, "UPDATE published_record SET content_json = ? WHERE notice_id = ?", "{", other.id());
        assertThat(phone.get("/v/" + OWN_VILLAGE).body()).contains("该记录无法读取").doesNotContain("二季度上级补贴收支");
    }

    @Test
    void unknownVillagesAre404AndBadParameters400() {
        assertThat(phone.get("/v/219901101299").status()).isEqualTo(404);
        assertThat(phone.get("/v/" + AccountFixture.TOWNSHIP).status()).as("a township has no board").isEqualTo(404);
        Residents.Page junk = phone.get("/v/%3Cscript%3E");
        assertThat(junk.status()).isEqualTo(404);
        assertThat(junk.body()).contains("没有找到这个村").doesNotContain("<script>");
        assertThat(phone.get("/v/" + OWN_VILLAGE + "?page=abc").status()).isEqualTo(400);
        assertThat(phone.get("/v/" + OWN_VILLAGE + "?c=NOPE").status()).isEqualTo(400);
        Residents.Page empty = phone.get("/v/" + SIBLING_VILLAGE);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("本村尚无经乡镇审核公开的内容");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
