package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ask/report form and the status page over real HTTP: a question goes in without login and
 * comes back by its code; the page frame carries its security headers and stays small; honeypot,
 * fill time and bad input are refused with a message and store nothing; hostile text is stored as
 * sent and rendered escaped.
 */
class FeedbackFormTest {

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;
    Residents phone;

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir), clock);
        AccountFixture.createRegions(server.server().accounts());
        phone = new Residents(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aQuestionGoesInWithoutLoginAndItsStatusPageShowsProgressAndDeadline() {
        Residents.Page form = phone.get("/feedback?village=" + OWN_VILLAGE + "&notice=HQ-2026-001");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("红旗村", "询问", "反映问题", "enctype=\"multipart/form-data\"", "HQ-2026-001")
                .doesNotContain("<script");
        assertSecurityHeaders(form);
        assertThat(form.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);

        Map<String, String> fields = phone.filled(OWN_VILLAGE, "QUESTION", "修路的钱花在哪里了？\n请公布明细。", "13800138000");
        fields.put("notice", "HQ-2026-001");
        clock.advance(Duration.ofSeconds(5));
        Residents.Page sent = phone.post(fields, null, null, null);
        String code = Residents.codeFrom(sent);
        assertThat(sent.header("Location")).isEqualTo("/t/" + code + "?new=1");

        Residents.Page status = phone.get("/t/" + code + "?new=1");
        assertThat(status.status()).isEqualTo(200);
        assertSecurityHeaders(status);
        assertThat(status.header("Cache-Control")).isEqualTo("no-store");
        assertThat(status.body()).contains(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8),
                "已收到", "办理中", "目前由", "村办理", "修路的钱花在哪里了？<br>请公布明细。", "已提交", "尚未答复");
        assertThat(status.body()).as("the contact is never on the public page").doesNotContain("13800138000");
        String due = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(java.time.ZoneId.of("Asia/Shanghai"))
                .format(clock.instant().plus(Duration.ofDays(10)));
        assertThat(status.body()).contains("答复期限</dt><dd>" + due);
        assertThat(status.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(50 * 1024);
        assertThat(count("SELECT COUNT(*) FROM ticket_contact")).isEqualTo(1);

        Residents.Page lookedUp = phone.get("/t?code=" + code.toLowerCase());
        assertThat(lookedUp.status()).isEqualTo(303);
        assertThat(lookedUp.header("Location")).isEqualTo("/t/" + code);
        Residents.Page css = phone.get("/public.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("Cache-Control")).contains("max-age=86400");
    }

    @Test
    void honeypotTooFastStaleUnknownVillageAndEmptyTextAreRefusedAndStoreNothing() {
        Map<String, String> fields = phone.filled(OWN_VILLAGE, "QUESTION", "问题", "");
        Residents.Page tooFast = phone.post(fields, null, null, null);
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.body()).contains("提交太快了").contains(">问题</textarea>");

        clock.advance(Duration.ofSeconds(5));
        Map<String, String> bot = new java.util.HashMap<>(fields);
        bot.put("website", "http://spam.example");
        assertThat(phone.post(bot, null, null, null).status()).isEqualTo(400);

        Map<String, String> forged = new java.util.HashMap<>(fields);
        forged.put("token", "1.00000000000000000000000000000000");
        assertThat(phone.post(forged, null, null, null).body()).contains("页面已过期");

        Map<String, String> empty = new java.util.HashMap<>(fields);
        empty.put("text", "   ");
        assertThat(phone.post(empty, null, null, null).body()).contains("请填写问题内容");

        Map<String, String> noKind = new java.util.HashMap<>(fields);
        noKind.put("kind", "SPAM");
        assertThat(phone.post(noKind, null, null, null).body()).contains("请选择");

        Map<String, String> long_ = new java.util.HashMap<>(fields);
        long_.put("text", "长".repeat(2001));
        assertThat(phone.post(long_, null, null, null).body()).contains("太长");

        Map<String, String> otherVillage = new java.util.HashMap<>(fields);
        otherVillage.put("village", "999999999999");
        assertThat(phone.post(otherVillage, null, null, null).status()).isEqualTo(400);

        clock.advance(Duration.ofHours(25));
        assertThat(phone.post(fields, null, null, null).body()).contains("页面已过期");

        assertThat(count("SELECT COUNT(*) FROM ticket")).isZero();
        assertThat(phone.get("/feedback?village=999999999999").status()).isEqualTo(404);
        assertThat(phone.get("/feedback").status()).isEqualTo(404);
    }

    @Test
    void hostileTextIsStoredAsSentAndRenderedEscaped() {
        for (String hostile : Residents.HOSTILE) {
            Map<String, String> fields = phone.filled(OWN_VILLAGE, "PROBLEM", hostile, hostile);
            fields.put("notice", hostile.length() > 64 ? hostile.substring(0, 64) : hostile);
            clock.advance(Duration.ofSeconds(5));
            Residents.Page sent = phone.post(fields, null, null, null);
            String code = Residents.codeFrom(sent);
            Residents.Page page = phone.get("/t/" + code);
            // Stored as sent, except control characters (a NUL cannot even be stored in PostgreSQL).
            String expected = hostile.replace("\u0000", "").strip();
            assertThat(storedBody(code)).isEqualTo(expected);
            // The page masks personal data and drops invisible characters (bidi overrides) as every public page does.
            assertThat(page.body()).as("escaped: %s", hostile)
                    .contains(Html.escape(cn.sanwu.model.mask.Masking.freeText(expected)).replace("\n", "<br>"));
            assertThat(page.body()).doesNotContain("<script>document", "<img src=x", "<svg/onload", "<a href=\"https://evil");
        }
        // A refused form echoes what was typed, escaped as well.
        Map<String, String> fields = phone.filled(OWN_VILLAGE, "QUESTION", "</textarea><script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>");
        Residents.Page echoed = phone.post(fields, null, null, null);
        assertThat(echoed.status()).isEqualTo(400);
        assertThat(echoed.body()).contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>")
                .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"").doesNotContain("<script>alert");
    }

    @Test
    void idBankAndPhoneNumbersAreMaskedOnTheStatusPageButKeptForStaff() {
        String id = withCheck("11010519491231002");
        String text = "我的身份证 " + id + "，手机 13912345678，卡号 6222 0202 0011 2233 445？";
        Map<String, String> fields = phone.filled(OWN_VILLAGE, "QUESTION", text, "");
        clock.advance(Duration.ofSeconds(5));
        String code = Residents.codeFrom(phone.post(fields, null, null, null));
        String page = phone.get("/t/" + code).body();
        assertThat(cn.sanwu.model.mask.PersonalDataScanner.scan(page)).as("findings on the public page").isEmpty();
        assertThat(page).doesNotContain(id, "13912345678").contains("我的身份证");
        assertThat(storedBody(code)).isEqualTo(text);
        assertThat(cn.sanwu.model.mask.PersonalDataScanner.scan(text)).as("the scanner sees the original").isNotEmpty();
    }

    /** An 18-character resident ID number: 17 digits and their GB 11643 check character. */
    private static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    @Test
    void unknownAndMistypedCodesFindNothing() {
        assertThat(phone.get("/t/0000-0000-0000").status()).isEqualTo(404);
        assertThat(phone.get("/t/" + cn.sanwu.server.feedback.TicketCode.generate()).status()).isEqualTo(404);
        Residents.Page bad = phone.get("/t?code=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(bad.status()).isEqualTo(404);
        assertThat(bad.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    static void assertSecurityHeaders(Residents.Page page) {
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Type")).startsWith("text/html;").containsIgnoringCase("charset=utf-8");
    }

    private String storedBody(String code) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM ticket WHERE code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private long count(String sql) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
