package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Staff see a resident's photo (ADR 0029): the stored re-encoded JPEG, to exactly the people who
 * see the ticket; a village account never gets a problem report's photo (it does not exist for
 * them), nor the photo of a question staff classified as 问题线索; no photo is a clear 404.
 */
class TicketPhotoTest extends ResidentsServerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

    @Override
    java.time.Clock serverClock() {
        return clock;
    }

    private String submit(String village, String kind, String text, byte[] photo) {
        var fields = phone.filled(village, kind, text, "");
        clock.advance(Duration.ofSeconds(5));
        Residents.Page page = phone.post(fields, photo, photo == null ? null : "IMG_0001.jpg", null);
        assertThat(page.status()).as(page.body()).isEqualTo(303);
        return Residents.codeFrom(page);
    }

    private TestServer.Download photo(String username, String code) {
        return server.getBytes("/api/v1/tickets/" + code + "/photo", server.sessionToken(username, PASSWORD));
    }

    private byte[] stored(String code) throws Exception {
        try (var c = server.server().database().connection();
                PreparedStatement ps = c.prepareStatement("SELECT image FROM ticket_photo WHERE ticket_code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    @Test
    void staffWhoSeeTheTicketGetTheStoredJpegAndNobodyElse() throws Exception {
        byte[] sent = FeedbackLimitsTest.withExif(FeedbackLimitsTest.jpeg(800, 600));
        String question = submit(OWN_VILLAGE, "QUESTION", "路灯坏了，见照片", sent);
        String problem = submit(OWN_VILLAGE, "PROBLEM", "村干部占地，见照片", sent);
        String elsewhere = submit(OTHER_TOWNSHIP_VILLAGE, "QUESTION", "别的乡的路灯", sent);

        for (String who : new String[] {"clerk", "supervisor", "reviewer", "oversight"}) {
            TestServer.Download d = photo(who, question);
            assertThat(d.status()).as(who).isEqualTo(200);
            assertThat(d.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
            assertThat(d.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
            assertThat(d.body()).as("exactly the stored re-encoded JPEG").isEqualTo(stored(question));
            assertThat(new String(d.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "GPS");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(d.body()));
            assertThat(image.getWidth()).isEqualTo(800);
        }
        // A problem report does not exist for the village: the same answer as a wrong code.
        for (String who : new String[] {"clerk", "supervisor"}) {
            TestServer.Download d = photo(who, problem);
            assertThat(d.status()).as(who).isEqualTo(422);
            assertThat(d.error().get("code").asText()).isEqualTo("TICKET_UNKNOWN");
        }
        assertThat(photo("reviewer", problem).status()).isEqualTo(200);
        assertThat(photo("oversight", problem).body()).isEqualTo(stored(problem));
        // Another township's ticket: neither its villages' nor this township's people.
        assertThat(photo("clerk", elsewhere).status()).isEqualTo(422);
        assertThat(photo("reviewer", elsewhere).status()).isEqualTo(422);
        assertThat(photo("reviewer-other", elsewhere).status()).isEqualTo(200);
        assertThat(photo("oversight", elsewhere).status()).isEqualTo(200);
        // Not for anonymous callers or the village PC's device token.
        assertThat(server.getBytes("/api/v1/tickets/" + question + "/photo", null).status()).isEqualTo(401);
        String device = server.enrollNewDevice(OWN_VILLAGE, "红旗村电脑").token();
        assertThat(server.getBytes("/api/v1/tickets/" + question + "/photo", device).status()).isEqualTo(403);
    }

    @Test
    void aQuestionClassifiedAsProblemLeadKeepsItsPhotoFromTheVillage() throws Exception {
        String question = submit(OWN_VILLAGE, "QUESTION", "补贴发给了谁？", FeedbackLimitsTest.jpeg(320, 240));
        assertThat(photo("clerk", question).status()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/tickets/" + question + "/classify", server.sessionToken("reviewer", PASSWORD),
                "{\"category\":\"PROBLEM_LEAD\"}").status()).isEqualTo(204);

        TestServer.Download clerk = photo("clerk", question);
        assertThat(clerk.status()).isEqualTo(403);
        assertThat(clerk.error().get("code").asText()).isEqualTo("PHOTO_WITHHELD");
        assertThat(clerk.error().get("message").asText()).contains("问题线索");
        assertThat(photo("supervisor", question).status()).isEqualTo(403);
        // The list tells the village PC the same, so it drops a copy it fetched before (ADR 0029).
        assertThat(listed("clerk", question).get("hasPhoto").asBoolean()).isFalse();
        assertThat(listed("clerk", question).get("photoWithheld").asBoolean()).isTrue();
        assertThat(listed("reviewer", question).get("hasPhoto").asBoolean()).isTrue();
        assertThat(listed("reviewer", question).get("photoWithheld").asBoolean()).isFalse();
        assertThat(photo("reviewer", question).body()).isEqualTo(stored(question));
    }

    @Test
    void noPhotoIsA404WithAMessageAndAWrongCodeLooksUnknown() throws IOException {
        String plain = submit(OWN_VILLAGE, "QUESTION", "没有照片的问题", null);
        TestServer.Download none = photo("clerk", plain);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error().get("code").asText()).isEqualTo("PHOTO_NONE");
        assertThat(none.error().get("message").asText()).isEqualTo("此件没有照片。");
        assertThat(seenBy("clerk", plain)).as("the list says so too").isFalse();

        TestServer.Download wrong = photo("reviewer", "0000-0000-0000");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.error().get("code").asText()).isEqualTo("TICKET_UNKNOWN");
    }

    private boolean seenBy(String username, String code) {
        return listed(username, code).get("hasPhoto").asBoolean();
    }

    private com.fasterxml.jackson.databind.JsonNode listed(String username, String code) {
        for (var t : server.get("/api/v1/tickets", server.sessionToken(username, PASSWORD)).body().get("tickets")) {
            if (t.get("code").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError(username + " does not see " + code);
    }
}
