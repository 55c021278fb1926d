package cn.sanwu.server.testing;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.review.Actor;
import cn.sanwu.server.review.ReviewService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * Puts a notice of a village into a review state on a {@link TestServer} (with the
 * {@link AccountFixture} people): drafts, sign-offs and submissions as the village's PC pushes them,
 * approval and publication by the township's fixture reviewer through the service.
 */
public final class ReviewSetup {

    /** A notice as the server now holds it. */
    public record Stored(UUID id, int revision, String hash) {
    }

    private static final Map<TestServer, Map<String, String>> DEVICES = new WeakHashMap<>();

    private ReviewSetup() {
    }

    public static NoticeContent content(String village, String body) {
        return new NoticeContent(village, "CW-01", Period.parse("2026-Q3"), "财务收支公开", body, List.of(), null, null);
    }

    /** A new notice of {@code village} in {@code state}: DRAFT, SIGNED_OFF, SUBMITTED, APPROVED or PUBLISHED. */
    public static Stored notice(TestServer server, String village, String state) {
        UUID id = UUID.randomUUID();
        NoticeContent content = content(village, "正文 " + id);
        String hash = NoticeHasher.sha256().hash(id, content).toString();
        String pushed = state.equals("APPROVED") || state.equals("PUBLISHED") ? "SUBMITTED" : state;
        ObjectNode p = ModelJson.mapper().createObjectNode();
        p.put("id", id.toString());
        p.put("status", pushed);
        p.put("revision", 1);
        p.put("reason", "");
        p.set("content", ModelJson.mapper().valueToTree(content));
        if (!pushed.equals("DRAFT")) {
            ObjectNode s = p.putObject("signOff");
            s.put("name", "监委会成员");
            s.put("opinion", "同意");
            s.put("contentHash", hash);
        }
        String token = DEVICES.computeIfAbsent(server, k -> new java.util.HashMap<>())
                .computeIfAbsent(village, v -> server.enrollNewDevice(v, "村电脑").token());
        SyncProtocol.Response r = server.sync(token, Notices.push(0,
                new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0, p)));
        if (r.results().getFirst().outcome() != SyncProtocol.Outcome.APPLIED) {
            throw new AssertionError("setup push refused: " + r.results().getFirst());
        }
        int revision = 1;
        if (state.equals("APPROVED") || state.equals("PUBLISHED")) {
            String reviewerName = village.equals(AccountFixture.OTHER_TOWNSHIP_VILLAGE) ? "reviewer-other" : "reviewer";
            Actor reviewer = Actor.of(server.server().accounts().users().find(reviewerName).orElseThrow());
            ReviewService review = server.server().review();
            revision = review.approve(reviewer, id, revision, hash).revision();
            if (state.equals("PUBLISHED")) {
                revision = review.publish(reviewer, id, revision, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))
                        .revision();
            }
        }
        return new Stored(id, revision, hash);
    }
}
