package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.qr.QrPayload;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.testing.DirectEdits;
import cn.sanwu.server.testing.PublishedNotices;
import cn.sanwu.server.testing.PublishedNotices.Published;
import cn.sanwu.server.testing.ReviewSetup;
import cn.sanwu.server.testing.Residents;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notice page behind the QR code over real HTTP (docs/public-pages.md): the published content
 * masked, the paper checked against the record and the log, a tampered record or a wrong hash
 * shown as 不一致, corrections and withdrawals in the history, hostile text inert, bad input
 * refused with a message.
 */
class NoticePageTest extends ResidentsServerTest {

    static final String ID = "110105199001011232";
    static final String CARD = "6222021234567890128";
    static final String MOBILE = "13800138000";

    PublishedNotices notices;

    @BeforeEach
    void seedPublisher() {
        notices = new PublishedNotices(server);
    }

    /** A 低保 list with ID, bank and phone numbers in every place they can hide. */
    static NoticeContent personal(String village) {
        NoticeTable table = new NoticeTable("发放明细 联系人 " + MOBILE, List.of(new TableColumn("姓名", ColumnType.PERSON_NAME),
                new TableColumn("身份证号", ColumnType.ID_NUMBER), new TableColumn("银行卡号", ColumnType.BANK_ACCOUNT),
                new TableColumn("电话", ColumnType.PHONE), new TableColumn("金额", ColumnType.MONEY_FEN),
                new TableColumn("备注", ColumnType.TEXT)),
                List.of(List.of("王五", ID, CARD, MOBILE, "123456", "卡号 " + CARD + " 电话 " + MOBILE)));
        CashJournal journal = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 1_000_000, List.of(
                new LedgerEntry(LocalDate.of(2026, 7, 3), "记-1", "付李四修路款 身份证" + ID, 0, 250_000)));
        RecipientList recipients = new RecipientList("2026年第三季度低保金", List.of(
                new Recipient("张三", "一组", 3, 120_000, ID), new Recipient("赵六", "二组", 1, 45_050, "110105198505051233")));
        return new NoticeContent(village, "V15", Period.parse("2026-Q3"), "低保对象名单公示",
                "如有异议请联系 " + MOBILE + "，或致电 010-12345678。收款账户 " + CARD + "。", List.of(table), journal, recipients);
    }

    static String qr(Published p) {
        return new QrPayload("http://unused", p.id(), p.revision(), ContentHash.parse(p.hash())).text()
                .substring("http://unused".length());
    }

    @Test
    void thePaperMatchesAndTheContentIsMaskedWithNamesKept() {
        Published p = notices.publish(personal(OWN_VILLAGE));
        Residents.Page page = phone.get(qr(p));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(PublicPage.CSP);
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("与公开记录一致", "已记入公开日志，未被改动", "低保对象名单公示", "红旗村", p.number(),
                "第 " + p.revision() + " 版", "张三", "赵六", "王五", "110105********1232", "****0128", "1,200.00", "1,234.56",
                "2026年12月1日 至 2026年12月31日", "乡镇审核通过", "村(居)务", "2026年第三季度",
                "/feedback?village=" + OWN_VILLAGE + "&amp;notice=" + p.number(), "/v/" + OWN_VILLAGE)
                .doesNotContain("不一致", "<script", ID, CARD, MOBILE, "12345678");
        assertThat(PersonalDataScanner.scan(page.body())).as("nothing personal left on the page").isEmpty();
        assertThat(page.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);
    }

    @Test
    void theScannerWouldSeeTheNumbersIfTheyWereNotMasked() {
        assertThat(PersonalDataScanner.scan(ID + " " + CARD + " " + MOBILE)).hasSize(3);
    }

    @Test
    void aWrongHashOrAnUnknownRevisionIsNotConsistent() {
        Published p = notices.publish(personal(OWN_VILLAGE));
        String other = NoticeHasher.sha256().hash(p.id(), ReviewSetup.content(OWN_VILLAGE, "别的内容")).toString();
        Residents.Page wrong = phone.get("/n/" + p.id() + "?r=" + p.revision() + "&h=" + other);
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("不一致", "纸质公告与公开记录不一致", "反映问题", "已记入公开日志，未被改动")
                .doesNotContain("与公开记录一致</b>");
        Residents.Page unknown = phone.get("/n/" + p.id() + "?r=" + (p.revision() + 7) + "&h=" + p.hash());
        assertThat(unknown.body()).contains("不一致", "第 " + (p.revision() + 7) + " 版没有公开记录");
    }

    @Test
    void aRecordChangedInTheDatabaseIsNotConsistent() throws Exception {
        Published p = notices.publish(personal(OWN_VILLAGE));
        String json = query("SELECT content_json FROM published_record WHERE notice_id = ?", p.id());
        String changed = json.replace("\"amountFen\":120000", "\"amountFen\":920000");
        assertThat(changed).isNotEqualTo(json);
        // Amount and hash changed together, as someone covering their tracks would.
        update("UPDATE published_record SET content_json = ?, content_hash = ? WHERE notice_id = ?", changed,
                new PublicationLedger().contentHash(changed).toString(), p.id());
        Residents.Page page = phone.get(qr(p));
        assertThat(page.body()).contains("不一致", "纸质公告与公开记录不一致", "未能证明这条公开记录在防篡改日志中")
                .doesNotContain("与公开记录一致</b>", "未被改动</b>");

        // The content alone changed, the hash left as published: the record no longer hashes to it.
        Published q = notices.publish(personal(OWN_VILLAGE));
        String json2 = query("SELECT content_json FROM published_record WHERE notice_id = ?", q.id());
        update("UPDATE published_record SET content_json = ? WHERE notice_id = ?",
                json2.replace("\"amountFen\":45050", "\"amountFen\":95050"), q.id());
        Residents.Page page2 = phone.get(qr(q));
        assertThat(page2.body()).contains("不一致", "公开记录的内容与它的内容指纹不符").doesNotContain("与公开记录一致</b>");
        assertThat(page2.body()).as("the changed record is shown, under the warning").contains("950.50");
    }

    @Test
    void aCorrectionShowsInTheHistoryAndTheOldPaperLinksToTheNewRevision() {
        NoticeContent first = personal(OWN_VILLAGE);
        Published p = notices.publish(first);
        NoticeContent fixed = new NoticeContent(OWN_VILLAGE, "V15", first.period(), "低保对象名单公示（更正）", "金额已更正",
                List.of(), null, first.recipients());
        Published p2 = notices.correct(p.id(), fixed, "赵六金额录入有误 电话" + MOBILE);
        Residents.Page old = phone.get(qr(p));
        assertThat(old.body()).contains("与公开记录一致", "这份公告已经更正", "href=\"/n/" + p.id() + "?r=" + p2.revision() + "\"",
                "更正原因：赵六金额录入有误", p2.number(), p.number()).doesNotContain(MOBILE);
        Residents.Page oldSheetWithoutR = phone.get("/n/" + p.id() + "?h=" + p.hash());
        assertThat(oldSheetWithoutR.body()).as("a sheet printed before r: found by its hash").contains("与公开记录一致",
                "这份公告已经更正", "第 " + p.revision() + " 版（本页）");
        Residents.Page current = phone.get(qr(p2));
        assertThat(current.body()).contains("与公开记录一致", "本版为更正，更正原因：赵六金额录入有误", "低保对象名单公示（更正）",
                "第 " + p2.revision() + " 版（本页）").doesNotContain("这份公告已经更正");
    }

    @Test
    void aWithdrawnNoticeSaysSoWithItsReason() {
        Published p = notices.publish(personal(OWN_VILLAGE));
        notices.withdraw(p.id(), OWN_VILLAGE, "村民代表会议决定撤回");
        Residents.Page page = phone.get(qr(p));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("已撤回", "村民代表会议决定撤回", "与公开记录一致");
    }

    @Test
    void hostileTextInTheNoticeIsShownAsText() {
        StringBuilder body = new StringBuilder();
        for (String s : Residents.HOSTILE) {
            if (!s.contains("\u0000")) {
                body.append(s).append('\n');
            }
        }
        NoticeContent c = new NoticeContent(OWN_VILLAGE, "P03", Period.parse("2026-Q3"),
                "<script>document.title='pwned'</script>标题", body.toString(),
                List.of(new NoticeTable("<img src=x onerror=alert(1)>", List.of(new TableColumn("<b>列</b>", ColumnType.TEXT)),
                        List.of(List.of("\"><svg/onload=alert(1)>")))), null, null);
        Published p = notices.publish(c);
        Residents.Page page = phone.get(qr(p));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script", "<img", "<svg", "<b>列", "href=\"https://evil", "<a href=\"javascript")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;标题", "&lt;svg/onload=alert(1)&gt;");
    }

    @Test
    void unknownNoticesAreA404PageAndBadQrParametersA400() {
        assertThat(phone.get("/n/" + UUID.randomUUID() + "?r=1&h=sha256:" + "ab".repeat(32)).status()).isEqualTo(404);
        Residents.Page notFound = phone.get("/n/not-a-uuid");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).contains("没有找到这份公告");
        assertThat(notFound.header("Content-Security-Policy")).isEqualTo(PublicPage.CSP);
        ReviewSetup.Stored draft = ReviewSetup.notice(server, OWN_VILLAGE, "APPROVED");
        assertThat(phone.get("/n/" + draft.id() + "?h=" + draft.hash()).status()).as("approved but not published").isEqualTo(404);

        Published p = notices.publish(personal(OWN_VILLAGE));
        for (String bad : List.of("?r=abc&h=" + p.hash(), "?r=0&h=" + p.hash(), "?r=-1", "?r=1&h=md5", "?h=sha256:XYZ",
                "?r=99999999999")) {
            Residents.Page page = phone.get("/n/" + p.id() + bad);
            assertThat(page.status()).as(bad).isEqualTo(400);
            assertThat(page.body()).as(bad).containsAnyOf("版本号", "内容指纹").contains("不正确").doesNotContain("Exception");
        }
        Residents.Page noParameters = phone.get("/n/" + p.id());
        assertThat(noParameters.status()).isEqualTo(200);
        assertThat(noParameters.body()).contains("没有纸质公告可核对", "已记入公开日志，未被改动");
    }

    private String query(String sql, UUID id) {
        return DirectEdits.query(server, sql, id);
    }

    private void update(String sql, Object... args) {
        DirectEdits.update(server, sql, args);
    }
}
