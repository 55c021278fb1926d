package cn.sanwu.server.testing;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.review.Actor;
import cn.sanwu.server.review.ReviewService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes notices of given content through the real workflow on a {@link TestServer} with the
 * {@link AccountFixture} people: the village PC pushes the content signed off and submitted, the
 * township's fixture reviewer approves and publishes; corrections and withdrawals the same way.
 * Tracks each notice's current server revision. Not thread-safe.
 */
public final class PublishedNotices {

    /** A publication: the published revision, its content hash and 公开编号. */
    public record Published(UUID id, int revision, String hash, String number) {
    }

    private final TestServer server;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<UUID, Integer> current = new HashMap<>();

    public PublishedNotices(TestServer server) {
        this.server = server;
    }

    /** A new notice of {@code content.villageCode()}, published. */
    public Published publish(NoticeContent content) {
        return publish(UUID.randomUUID(), content, null);
    }

    /** Publishes {@code content} as a correction of {@code id} with a public reason. */
    public Published correct(UUID id, NoticeContent content, String reason) {
        return publish(id, content, reason);
    }

    public void withdraw(UUID id, String village, String reason) {
        current.put(id, server.server().review().withdraw(reviewer(village), id, reason).revision());
    }

    private Published publish(UUID id, NoticeContent content, String correction) {
        String village = content.villageCode();
        String hash = NoticeHasher.sha256().hash(id, content).toString();
        int base = current.getOrDefault(id, 0);
        ObjectNode p = ModelJson.mapper().createObjectNode();
        p.put("id", id.toString());
        p.put("status", "SUBMITTED");
        p.put("revision", base + 1);
        p.put("reason", "");
        p.set("content", ModelJson.mapper().valueToTree(content));
        ObjectNode s = p.putObject("signOff");
        s.put("name", "监委会成员");
        s.put("opinion", "同意公开");
        s.put("contentHash", hash);
        if (correction != null) {
            p.put("correctionReason", correction);
        }
        String token = tokens.computeIfAbsent(village, v -> server.enrollNewDevice(v, "村电脑").token());
        SyncProtocol.Response r = server.sync(token, Notices.push(0,
                new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, base, p)));
        if (r.results().getFirst().outcome() != SyncProtocol.Outcome.APPLIED) {
            throw new AssertionError("push refused: " + r.results().getFirst());
        }
        ReviewService review = server.server().review();
        Actor reviewer = reviewer(village);
        int revision = review.approve(reviewer, id, base + 1, hash).revision();
        ReviewService.Outcome published = review.publish(reviewer, id, revision, LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 31));
        current.put(id, published.revision());
        return new Published(id, published.revision(), hash, published.publicationNumber());
    }

    private Actor reviewer(String village) {
        String name = village.equals(AccountFixture.OTHER_TOWNSHIP_VILLAGE) ? "reviewer-other" : "reviewer";
        return Actor.of(server.server().accounts().users().find(name).orElseThrow());
    }
}
