package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.RequestLogCapture;
import cn.sanwu.server.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop on the staff side: a question reaches its village and township, a problem report the
 * township and city oversight but never the village; staff classify, reply and close, every step
 * timestamped; the 10-day clock escalates an unanswered ticket village → township → city, driven
 * by a {@link MutableClock}; the reporter's contact is for city oversight only.
 */
class TicketRoutingTest extends ResidentsServerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

    @Override
    java.time.Clock serverClock() {
        return clock;
    }

    private String submit(String village, String kind, String text, String contact) {
        var fields = phone.filled(village, kind, text, contact);
        clock.advance(Duration.ofSeconds(5));
        return Residents.codeFrom(phone.post(fields, null, null, null));
    }

    private List<String> codesSeenBy(String username) {
        TestServer.Reply reply = server.get("/api/v1/tickets", server.sessionToken(username, PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        reply.body().get("tickets").forEach(t -> codes.add(t.get("code").asText()));
        return codes;
    }

    private JsonNode seenBy(String username, String code) {
        TestServer.Reply reply = server.get("/api/v1/tickets", server.sessionToken(username, PASSWORD));
        for (JsonNode t : reply.body().get("tickets")) {
            if (t.get("code").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError(username + " does not see " + code);
    }

    private TestServer.Reply post(String username, String path, String body) {
        return server.postJson(path, server.sessionToken(username, PASSWORD), body);
    }

    @Test
    void questionsReachVillageAndTownshipProblemReportsNeverTheVillage() {
        String question = submit(OWN_VILLAGE, "QUESTION", "低保名单怎么评的？", "");
        String problem = submit(OWN_VILLAGE, "PROBLEM", "村主任亲属冒领补贴", "王五 13900000000");
        String elsewhere = submit(OTHER_TOWNSHIP_VILLAGE, "QUESTION", "别的乡的问题", "");

        assertThat(codesSeenBy("clerk")).containsExactly(question);
        assertThat(codesSeenBy("supervisor")).containsExactly(question);
        assertThat(codesSeenBy("reviewer")).containsExactlyInAnyOrder(question, problem);
        assertThat(codesSeenBy("reviewer-other")).containsExactly(elsewhere);
        assertThat(codesSeenBy("oversight")).containsExactlyInAnyOrder(question, problem, elsewhere);

        // The village does not learn the report exists: acting on it looks like an unknown code.
        TestServer.Reply clerkReply = post("clerk", "/api/v1/tickets/" + problem + "/reply", "{\"text\":\"没有的事\"}");
        assertThat(clerkReply.status()).isEqualTo(422);
        assertThat(clerkReply.code()).isEqualTo("TICKET_UNKNOWN");
        assertThat(post("reviewer-other", "/api/v1/tickets/" + question + "/classify", "{\"category\":\"OTHER\"}").status())
                .isEqualTo(422);

        // The reporter's contact: city oversight only, and the read is recorded.
        String listed = server.get("/api/v1/tickets", server.sessionToken("reviewer", PASSWORD)).body().toString();
        assertThat(listed).doesNotContain("13900000000", "王五");
        assertThat(server.get("/api/v1/tickets/" + problem + "/contact", server.sessionToken("reviewer", PASSWORD)).status())
                .isEqualTo(403);
        assertThat(server.get("/api/v1/tickets/" + problem + "/contact", server.sessionToken("clerk", PASSWORD)).status())
                .isEqualTo(403);
        TestServer.Reply contact = server.get("/api/v1/tickets/" + problem + "/contact", server.sessionToken("oversight", PASSWORD));
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.body().get("contact").asText()).isEqualTo("王五 13900000000");
        assertThat(server.get("/api/v1/tickets/" + question + "/contact", server.sessionToken("oversight", PASSWORD))
                .body().get("contact").isNull()).isTrue();
        assertThat(steps(problem)).containsExactly("SUBMITTED", "CONTACT_READ");
        assertThat(phone.get("/t/" + problem).body()).doesNotContain("CONTACT_READ", "13900000000");
    }

    @Test
    void staffClassifyReplyAndCloseEachStepTimestampedAndTheResidentSeesTheReply() {
        String code = submit(OWN_VILLAGE, "QUESTION", "修路款什么时候公示？", "");
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/close", "").code()).isEqualTo("TICKET_UNANSWERED");
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/classify", "{\"category\":\"NONSENSE\"}").status())
                .isEqualTo(400);

        clock.advance(Duration.ofHours(1));
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/classify", "{\"category\":\"POLICY_QUERY\"}").status())
                .isEqualTo(204);
        clock.advance(Duration.ofDays(2));
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/reply",
                "{\"text\":\"下周一在公示栏公布。<b>谢谢</b>\\n欢迎监督\"}").status()).isEqualTo(204);
        clock.advance(Duration.ofDays(1));
        assertThat(post("reviewer", "/api/v1/tickets/" + code + "/close", "").status()).isEqualTo(204);
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/reply", "{\"text\":\"改\"}").code()).isEqualTo("TICKET_CLOSED");

        JsonNode t = seenBy("reviewer", code);
        assertThat(t.get("category").asText()).isEqualTo("POLICY_QUERY");
        assertThat(t.get("overdue").asBoolean()).isFalse();
        assertThat(Instant.parse(t.get("repliedAt").asText())).isEqualTo(Instant.parse("2026-03-04T02:00:05Z"));
        assertThat(Instant.parse(t.get("closedAt").asText())).isEqualTo(Instant.parse("2026-03-05T02:00:05Z"));
        assertThat(steps(code)).containsExactly("SUBMITTED", "CLASSIFIED", "REPLIED", "CLOSED");

        String page = phone.get("/t/" + code).body();
        assertThat(page).contains("已办结", "政策咨询", "下周一在公示栏公布。&lt;b&gt;谢谢&lt;/b&gt;<br>欢迎监督",
                "2026年3月4日 10:00", "已答复", "已分类").doesNotContain("<b>谢谢");
    }

    @Test
    void anUnansweredTicketEscalatesEveryTenDaysAndTheResidentSeesWhereItWaits() {
        String question = submit(OWN_VILLAGE, "QUESTION", "没人回答", "");
        String problem = submit(OWN_VILLAGE, "PROBLEM", "也没人回答", "");
        assertThat(seenBy("oversight", question).get("waitingAt").asText()).isEqualTo("VILLAGE");
        assertThat(seenBy("oversight", problem).get("waitingAt").asText()).isEqualTo("TOWNSHIP");

        clock.advance(Duration.ofDays(10).minusMinutes(1));
        assertThat(seenBy("oversight", question).get("waitingAt").asText()).isEqualTo("VILLAGE");
        assertThat(seenBy("oversight", question).get("overdue").asBoolean()).isFalse();
        assertThat(phone.get("/t/" + question).body()).contains("村办理").doesNotContain("已超期");

        clock.advance(Duration.ofMinutes(1));
        assertThat(seenBy("oversight", question).get("waitingAt").asText()).isEqualTo("TOWNSHIP");
        assertThat(seenBy("oversight", question).get("overdue").asBoolean()).isTrue();
        assertThat(seenBy("oversight", problem).get("waitingAt").asText()).isEqualTo("CITY");
        assertThat(phone.get("/t/" + question).body()).contains("已超期，已转乡镇督办", "乡镇办理");

        clock.advance(Duration.ofDays(10));
        assertThat(seenBy("reviewer", question).get("waitingAt").asText()).isEqualTo("CITY");
        assertThat(phone.get("/t/" + question).body()).contains("已转市级监督督办");
        clock.advance(Duration.ofDays(100));
        assertThat(seenBy("oversight", problem).get("waitingAt").asText()).as("the city is the top").isEqualTo("CITY");

        // Answered: the clock stops where the answer came.
        assertThat(post("oversight", "/api/v1/tickets/" + question + "/reply", "{\"text\":\"迟到的答复\"}").status())
                .isEqualTo(204);
        clock.advance(Duration.ofDays(30));
        JsonNode answered = seenBy("oversight", question);
        assertThat(answered.get("overdue").asBoolean()).isFalse();
        assertThat(answered.get("waitingAt").asText()).isEqualTo("CITY");
        assertThat(phone.get("/t/" + question).body()).contains("迟到的答复", "已答复").doesNotContain("已超期");
    }

    @Test
    void theLargestStatusPageStaysUnderFiftyKilobytes() {
        String code = submit(OWN_VILLAGE, "QUESTION", "问".repeat(2000), "");
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/reply", "{\"text\":\"" + "答".repeat(2000) + "\"}").status())
                .isEqualTo(204);
        assertThat(post("clerk", "/api/v1/tickets/" + code + "/classify", "{\"category\":\"OTHER\"}").status()).isEqualTo(204);
        int bytes = phone.get("/t/" + code).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("largest status page: " + bytes + " bytes");
        assertThat(bytes).isLessThan(50 * 1024);
    }

    @Test
    void ticketCodesDoNotReachTheRequestLog() {
        try (RequestLogCapture log = new RequestLogCapture()) {
            String code = submit(OWN_VILLAGE, "QUESTION", "日志里不该有查询码", "");
            phone.get("/t/" + code);
            server.get("/api/v1/tickets/" + code + "/contact", server.sessionToken("oversight", PASSWORD));
            List<String> lines = log.lines(5);
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("path=/t/{code}"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("path=/api/v1/tickets/{code}/contact"));
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(code));
        }
    }

    private List<String> steps(String code) {
        return server.server().database().inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT step, happened_at FROM ticket_event WHERE ticket_code = ? ORDER BY seq")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getObject(2)).isNotNull();
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
