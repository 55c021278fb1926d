package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The handling steps (classify → assign → 核实 → reply → close): each a timestamped ticket event
 * by a named person and an entry in the hash-chained audit log; an action id makes a replay
 * harmless; scope holds for every step (a village never touches a problem report, a township
 * never another township's ticket); a step on a ticket someone else closed is a conflict.
 */
class TicketHandlingTest extends ResidentsServerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

    @Override
    java.time.Clock serverClock() {
        return clock;
    }

    private String submit(String village, String kind, String text) {
        var fields = phone.filled(village, kind, text, "");
        clock.advance(Duration.ofSeconds(5));
        return Residents.codeFrom(phone.post(fields, null, null, null));
    }

    private TestServer.Reply post(String username, String code, String step, String body) {
        return server.postJson("/api/v1/tickets/" + code + "/" + step, server.sessionToken(username, PASSWORD), body);
    }

    private JsonNode seenBy(String username, String code) {
        for (JsonNode t : server.get("/api/v1/tickets", server.sessionToken(username, PASSWORD)).body().get("tickets")) {
            if (t.get("code").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError(username + " does not see " + code);
    }

    @Test
    void theFiveStepsAreEventsByNamedPeopleAndAuditEntriesInTheChain() {
        String code = submit(OWN_VILLAGE, "PROBLEM", "低保评议不公开");
        long auditBefore = auditRows().size();
        clock.advance(Duration.ofHours(1));
        assertThat(post("reviewer", code, "classify", "{\"category\":\"PROBLEM_LEAD\"}").status()).isEqualTo(204);
        clock.advance(Duration.ofHours(1));
        // The village may not handle a problem report: a clerk is no valid assignee for it.
        assertThat(post("reviewer", code, "assign", "{\"assignee\":\"clerk\"}").code()).isEqualTo("ASSIGNEE_INVALID");
        assertThat(post("reviewer", code, "assign", "{\"assignee\":\"reviewer-other\"}").code()).isEqualTo("ASSIGNEE_INVALID");
        assertThat(post("reviewer", code, "assign", "{\"assignee\":\"nobody\"}").code()).isEqualTo("ASSIGNEE_INVALID");
        assertThat(post("reviewer", code, "assign", "{\"assignee\":\"  \"}").code()).isEqualTo("ASSIGNEE_MISSING");
        assertThat(post("reviewer", code, "assign", "{\"assignee\":\"oversight\"}").status()).isEqualTo(204);
        clock.advance(Duration.ofDays(1));
        assertThat(post("oversight", code, "verify", "{\"text\":\"\"}").code()).isEqualTo("TEXT_MISSING");
        assertThat(post("oversight", code, "verify", "{\"text\":\"走访 3 户，评议会记录齐全，已张贴。\"}").status()).isEqualTo(204);
        clock.advance(Duration.ofDays(1));
        assertThat(post("oversight", code, "reply", "{\"text\":\"经核实，评议结果已公示。\"}").status()).isEqualTo(204);
        clock.advance(Duration.ofHours(2));
        assertThat(post("reviewer", code, "close", "").status()).isEqualTo(204);

        JsonNode t = seenBy("reviewer", code);
        assertThat(t.get("assignee").asText()).isEqualTo("oversight");
        List<String> steps = new ArrayList<>();
        t.get("events").forEach(e -> steps.add(e.get("step").asText() + "@" + e.get("at").asText() + " by "
                + e.path("actorName").asText("-")));
        assertThat(steps).containsExactly(
                "SUBMITTED@2026-03-02T01:00:05Z by -",
                "CLASSIFIED@2026-03-02T02:00:05Z by reviewer",
                "ASSIGNED@2026-03-02T03:00:05Z by reviewer",
                "VERIFIED@2026-03-03T03:00:05Z by oversight",
                "REPLIED@2026-03-04T03:00:05Z by oversight",
                "CLOSED@2026-03-04T05:00:05Z by reviewer");
        assertThat(t.get("events").get(3).get("note").asText()).isEqualTo("走访 3 户，评议会记录齐全，已张贴。");

        List<AuditChain.StoredEntry> audit = auditRows();
        List<String> actions = audit.stream().skip(auditBefore).map(e -> e.event().action() + " " + e.event().actorRole()
                + " " + e.event().reason().startsWith("ticket " + code)).toList();
        assertThat(actions).containsExactly("TICKET_CLASSIFIED TOWNSHIP_REVIEWER true", "TICKET_ASSIGNED TOWNSHIP_REVIEWER true",
                "TICKET_VERIFIED CITY_OVERSIGHT true", "TICKET_REPLIED CITY_OVERSIGHT true", "TICKET_CLOSED TOWNSHIP_REVIEWER true");
        // The chain holds: every entry hashes its predecessor, so a changed step would show.
        AuditChain chain = new AuditChain();
        String prev = AuditChain.GENESIS;
        for (AuditChain.StoredEntry e : audit) {
            assertThat(e.prevHash()).isEqualTo(prev);
            assertThat(chain.entryHash(prev, e.event(), e.seq())).isEqualTo(e.entryHash());
            prev = e.entryHash();
        }
        // Refused steps left no trace.
        assertThat(audit).hasSize((int) auditBefore + 5);
        // After closing nothing moves.
        assertThat(post("oversight", code, "verify", "{\"text\":\"补充\"}").code()).isEqualTo("TICKET_CLOSED");
        assertThat(post("reviewer", code, "classify", "{\"category\":\"OTHER\"}").code()).isEqualTo("TICKET_CLOSED");
    }

    @Test
    void aReplayedActionIdAppliesOnceAndAReusedIdIsRefused() {
        String code = submit(OWN_VILLAGE, "QUESTION", "村道什么时候修？");
        String id = UUID.randomUUID().toString();
        String body = "{\"actionId\":\"" + id + "\",\"text\":\"明年三月开工。\"}";
        assertThat(post("clerk", code, "reply", body).status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(5));
        TestServer.Reply again = post("clerk", code, "reply", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("replayed").asBoolean()).isTrue();
        assertThat(post("clerk", code, "reply", "{\"actionId\":\"" + id + "\",\"text\":\"别的内容\"}").code())
                .isEqualTo("ACTION_ID_REUSED");
        assertThat(post("clerk", code, "reply", "{\"actionId\":\"not-a-uuid\",\"text\":\"x\"}").status()).isEqualTo(400);
        JsonNode t = seenBy("clerk", code);
        assertThat(t.get("events")).hasSize(2);
        assertThat(Instant.parse(t.get("repliedAt").asText())).isEqualTo(Instant.parse("2026-03-02T01:00:05Z"));

        // A close replayed after the ticket closed is still "already done", not a conflict.
        String closeId = "{\"actionId\":\"" + UUID.randomUUID() + "\"}";
        assertThat(post("clerk", code, "close", closeId).status()).isEqualTo(204);
        assertThat(post("clerk", code, "close", closeId).status()).isEqualTo(200);
        assertThat(seenBy("clerk", code).get("events")).hasSize(3);
    }

    @Test
    void aStepOnATicketSomeoneElseClosedIsAConflictAndChangesNothing() {
        String code = submit(OWN_VILLAGE, "QUESTION", "补贴标准？");
        assertThat(post("reviewer", code, "reply", "{\"text\":\"每人每月 200 元。\"}").status()).isEqualTo(204);
        assertThat(post("reviewer", code, "close", "").status()).isEqualTo(204);
        TestServer.Reply late = post("clerk", code, "reply",
                "{\"actionId\":\"" + UUID.randomUUID() + "\",\"text\":\"离线时写的答复\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("TICKET_CLOSED");
        assertThat(seenBy("clerk", code).get("reply").asText()).isEqualTo("每人每月 200 元。");
    }

    @Test
    void scopeHoldsForEveryStep() {
        String problem = submit(OWN_VILLAGE, "PROBLEM", "村干部优亲厚友");
        String question = submit(OWN_VILLAGE, "QUESTION", "问一下");
        String elsewhere = submit(OTHER_TOWNSHIP_VILLAGE, "QUESTION", "别的乡");
        for (String step : List.of("classify", "assign", "verify", "reply", "close")) {
            String body = "{\"category\":\"OTHER\",\"assignee\":\"clerk\",\"text\":\"x\"}";
            for (String village : List.of("clerk", "supervisor")) {
                TestServer.Reply r = post(village, problem, step, body);
                assertThat(r.status()).as(village + " " + step).isEqualTo(422);
                assertThat(r.code()).isEqualTo("TICKET_UNKNOWN");
            }
            assertThat(post("reviewer", elsewhere, step, body).code()).as("reviewer " + step).isEqualTo("TICKET_UNKNOWN");
            assertThat(post("reviewer-other", question, step, body).code()).isEqualTo("TICKET_UNKNOWN");
            assertThat(post("admin", question, step, body).status()).as("admin " + step).isEqualTo(403);
        }
        for (String village : List.of("clerk", "supervisor")) {
            String listed = server.get("/api/v1/tickets", server.sessionToken(village, PASSWORD)).body().toString();
            assertThat(listed).contains(question).doesNotContain(problem, "优亲厚友", elsewhere);
        }
        assertThat(seenBy("reviewer", problem).get("events")).hasSize(1);
    }

    @Test
    void theVillagePullMasksNumbersAndLeavesContactReadsOut() {
        String code = submit(OWN_VILLAGE, "QUESTION", "我的电话 13912345678，身份证 110101199003071234");
        server.get("/api/v1/tickets/" + code + "/contact", server.sessionToken("oversight", PASSWORD));
        JsonNode village = seenBy("clerk", code);
        assertThat(village.get("body").asText()).doesNotContain("13912345678", "110101199003071234");
        assertThat(village.get("events").toString()).doesNotContain("CONTACT_READ");
        assertThat(seenBy("reviewer", code).get("body").asText()).contains("13912345678");
        assertThat(seenBy("oversight", code).get("events").toString()).contains("CONTACT_READ");
    }

    private List<AuditChain.StoredEntry> auditRows() {
        return server.server().database().inTransaction(c -> {
            List<AuditChain.StoredEntry> out = new ArrayList<>();
            AuditChain.readAll(c, out::add, bad -> {
                throw new AssertionError(bad);
            });
            return out;
        });
    }
}
