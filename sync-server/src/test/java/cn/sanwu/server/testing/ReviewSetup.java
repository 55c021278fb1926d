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
        return notice(server, id, content(village, "正文 " + id), state);
    }

    /** Notice {@code id} with {@code content} (of its village) brought into {@code state}, as above. */
    public static Stored notice(TestServer server, UUID id, NoticeContent content, String state) {
        String pushed = state.equals("APPROVED") || state.equals("PUBLISHED") ? "SUBMITTED" : state;
        String hash = push(server, id, 0, content, pushed, null);
        return review(server, id, content.villageCode(), 1, hash, state);
    }

    /**
     * A correction (更正) of published notice {@code published}: the village pushes new content with
     * {@code reason}, signed off and submitted; the township approves and publishes it.
     */
    public static Stored correct(TestServer server, Stored published, NoticeContent content, String reason) {
        String hash = push(server, published.id(), published.revision(), content, "SUBMITTED", reason);
        return review(server, published.id(), content.villageCode(), published.revision() + 1, hash, "PUBLISHED");
    }

    /** The village PC pushes {@code content} at {@code base} in {@code status}; answers the content hash. */
    private static String push(TestServer server, UUID id, int base, NoticeContent content, String status, String correction) {
        String village = content.villageCode();
        String hash = NoticeHasher.sha256().hash(id, content).toString();
        ObjectNode p = ModelJson.mapper().createObjectNode();
        p.put("id", id.toString());
        p.put("status", status);
        p.put("revision", base + 1);
        p.put("reason", "");
        p.set("content", ModelJson.mapper().valueToTree(content));
        if (correction != null) {
            p.put("correctionReason", correction);
        }
        if (!status.equals("DRAFT")) {
            ObjectNode s = p.putObject("signOff");
            s.put("name", "监委会成员");
            s.put("opinion", "同意");
            s.put("contentHash", hash);
        }
        String token = DEVICES.computeIfAbsent(server, k -> new java.util.HashMap<>())
                .computeIfAbsent(village, v -> server.enrollNewDevice(v, "村电脑").token());
        SyncProtocol.Response r = server.sync(token, Notices.push(0,
                new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, base, p)));
        if (r.results().getFirst().outcome() != SyncProtocol.Outcome.APPLIED) {
            throw new AssertionError("setup push refused: " + r.results().getFirst());
        }
        return hash;
    }

    private static Stored review(TestServer server, UUID id, String village, int revision, String hash, String state) {
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
