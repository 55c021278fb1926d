package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.Residents;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notice page's row paging over real HTTP (ADR 0026): a 2,000-recipient list with a 1,000-row
 * journal comes in pages under 50 KB that together hold every row exactly once, each with the
 * checks of the whole record and the totals; links keep the QR's {@code r} and {@code h}; a bad or
 * past-the-end page is a 400 page in Chinese.
 */
class NoticePagingTest extends ResidentsServerTest {

    static final int BUDGET = 50 * 1024;
    private static final Pattern RECIPIENT = Pattern.compile("<td>(村民\\d{4})</td>");

    PublishedNotices notices;

    @BeforeEach
    void seedPublisher() {
        notices = new PublishedNotices(server);
    }

    /** {@code rows} recipients named 村民0000…, a journal of {@code entries} rows and an own table of {@code tableRows}. */
    static NoticeContent list(int tableRows, int entries, int rows) {
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < tableRows; i++) {
            table.add(List.of("项目" + i, String.valueOf(10_000 + i)));
        }
        List<LedgerEntry> journal = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            journal.add(new LedgerEntry(LocalDate.of(2026, 7, 1 + i % 28), "记-" + i, "发放低保金 第" + i + "户",
                    i % 10 == 0 ? 500_000 : 0, 30_000 + i));
        }
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            recipients.add(new Recipient(String.format("村民%04d", i), (1 + i % 6) + "组", 1 + i % 5, 30_000 + 137L * i,
                    "110105199001011232"));
        }
        List<NoticeTable> tables = tableRows == 0 ? List.of() : List.of(new NoticeTable("项目明细",
                List.of(new TableColumn("项目", ColumnType.TEXT), new TableColumn("金额", ColumnType.MONEY_FEN)), table));
        return new NoticeContent(OWN_VILLAGE, "V15", Period.parse("2026-Q3"), "2026年第三季度低保金发放名单",
                "以上名单公示七天，如有异议请向村务监督委员会反映。", tables,
                new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 5_000_000, journal),
                new RecipientList("2026年低保金", recipients));
    }

    static String qr(Published p) {
        return NoticePageTest.qr(p);
    }

    static int bytes(Residents.Page page) {
        return page.body().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void twoThousandRecipientsComeInPagesUnderTheBudgetWithEveryRowOnceAndTheChecksOnEach() {
        NoticeContent content = list(0, 1000, 2000);
        Published p = notices.publish(content);
        String qr = qr(p);
        int pages = 15; // 3,000 rows, 200 a page
        String total = MoneyFormat.grouped(content.recipients().totalAmountFen());
        String closing = MoneyFormat.grouped(content.journal().closingBalanceFen());
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            Residents.Page page = phone.get(qr + "&page=" + n);
            assertThat(page.status()).as("page %d", n).isEqualTo(200);
            sizes.add(bytes(page));
            assertThat(bytes(page)).as("page %d", n).isLessThan(BUDGET);
            assertThat(page.body()).as("page %d", n).contains("与公开记录一致", "已记入公开日志，未被改动",
                    "第 " + n + " / " + pages + " 页", total, closing, "2026年低保金", "现金日记账");
            // Neighbour links keep r and h, so the next page checks the same paper.
            String link = qr.replace("&", "&amp;") + "&amp;page=";
            if (n > 1) {
                assertThat(page.body()).contains("<a href=\"" + link + (n - 1) + "\">上一页</a>");
            } else {
                assertThat(page.body()).doesNotContain("上一页");
            }
            if (n < pages) {
                assertThat(page.body()).contains("<a href=\"" + link + (n + 1) + "\">下一页</a>");
            } else {
                assertThat(page.body()).doesNotContain("下一页");
            }
            Matcher m = RECIPIENT.matcher(page.body());
            while (m.find()) {
                seen.add(m.group(1));
            }
        }
        System.out.println("2,000 recipients + 1,000 journal rows, bytes per page: " + sizes);
        assertThat(seen).hasSize(2000);
        assertThat(new HashSet<>(seen)).hasSize(2000);
        assertThat(seen.getFirst()).isEqualTo("村民0000");
        assertThat(seen.getLast()).isEqualTo("村民1999");

        // No page number is page 1, the page the QR opens.
        Residents.Page first = phone.get(qr);
        assertThat(first.body()).isEqualTo(phone.get(qr + "&page=1").body());
        assertThat(bytes(first)).isLessThan(BUDGET);
        // Page 2 picks the journal up from the balance page 1 ended with.
        String carried = MoneyFormat.grouped(content.journal().runningBalancesFen().get(199));
        assertThat(phone.get(qr + "&page=2").body()).contains("承前页余额</td><td></td><td></td><td class=\"n\">" + carried);
    }

    @Test
    void aTableWhoseRowsAreOnOtherPagesSaysWhereTheyAre() {
        // 250 rows of the notice's own table (pages 1–2), 100 journal rows (page 2), 300 recipients (pages 2–4).
        Published p = notices.publish(list(250, 100, 300));
        String qr = qr(p);
        Residents.Page one = phone.get(qr);
        assertThat(one.body()).contains("第 1 / 4 页", "以上名单公示七天", "项目199<", "本表的行在第 2 页。",
                "本表的行在第 2–4 页。").doesNotContain("项目200<", "村民0000");
        Residents.Page two = phone.get(qr + "&page=2");
        assertThat(two.body()).contains("公告正文在第 1 页。", "项目200<", "项目249<", "期初余额", "村民0000", "村民0049<")
                .doesNotContain("以上名单公示七天", "村民0050<");
        Residents.Page four = phone.get(qr + "&page=4");
        assertThat(four.body()).contains("本表的行在第 1–2 页。", "本表的行在第 2 页。", "村民0250", "村民0299")
                .doesNotContain("村民0249<");
    }

    @Test
    void aShortNoticeHasNoPagingAndOnlyPageOne() {
        Published p = notices.publish(list(3, 10, 60));
        Residents.Page page = phone.get(qr(p));
        assertThat(page.body()).doesNotContain("上一页", "下一页", "/ 1 页");
        assertThat(phone.get(qr(p) + "&page=1").status()).isEqualTo(200);
        Residents.Page beyond = phone.get(qr(p) + "&page=2");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body()).contains("这份公告没有第 2 页，一共 1 页。", "打开最后一页（第 1 页）");
    }

    @Test
    void badPageNumbersAreRefusedInChineseAndNamed() {
        Published p = notices.publish(list(0, 300, 300));
        String qr = qr(p);
        for (String bad : List.of("0", "-1", "abc", "1.5", "%EF%BC%92", "9999999999", "01", "+2")) {
            Residents.Page page = phone.get(qr + "&page=" + bad);
            assertThat(page.status()).as(bad).isEqualTo(400);
            assertThat(page.body()).as(bad).contains("页码“").contains("”不正确，应为从 1 开始的数字").doesNotContain("Exception");
        }
        Residents.Page beyond = phone.get(qr + "&page=4");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body()).contains("这份公告没有第 4 页，一共 3 页。",
                "href=\"" + qr.replace("&", "&amp;") + "&amp;page=3\"");
        assertThat(phone.get(qr + "&page=3").status()).isEqualTo(200);
    }

    @Test
    void linksKeepAnExplicitLanguageAndTheEnglishPageHasNoChineseInItsPaging() {
        Published p = notices.publish(list(0, 300, 300));
        Residents.Page page = phone.get(qr(p) + "&page=2&lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("page 2 of 3", "&amp;page=1&amp;lang=en\">Previous</a>",
                "&amp;page=3&amp;lang=en\">Next</a>", "The text of the notice is on page 1.", "Balance brought forward");
        assertThat(phone.get(qr(p) + "&page=x&lang=en").body()).contains("The page number &quot;x&quot; is not valid");
    }

    @Test
    void withoutRAndHTheLinksCarryNeither() {
        Published p = notices.publish(list(0, 300, 300));
        Residents.Page page = phone.get("/n/" + p.id() + "?page=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<a href=\"/n/" + p.id() + "?page=1\">上一页</a>",
                "<a href=\"/n/" + p.id() + "?page=3\">下一页</a>");
    }
}
