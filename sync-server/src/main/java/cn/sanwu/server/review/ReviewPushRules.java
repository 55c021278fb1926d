package cn.sanwu.server.review;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.sync.NoticePayload;
import cn.sanwu.server.sync.SyncService;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The review rules for what a village PC pushes (docs/review.md "Through sync"): a PC may write
 * drafts, its supervisor's sign-off and its submission, never a township decision; a published,
 * filed or withdrawn notice is refused unless the push is a correction with a public reason; a
 * sign-off or submission must carry the 审核意见 for exactly the pushed content. Applied pushes
 * update the review state in the same transaction.
 */
public final class ReviewPushRules implements SyncService.PushRules {

    private final ReviewStore store;
    private final NoticeHasher hasher;
    private final cn.sanwu.server.audit.AuditChain audit = new cn.sanwu.server.audit.AuditChain();

    ReviewPushRules(ReviewStore store, NoticeHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    @Override
    public Optional<String> refusal(Connection c, Device device, JsonNode storedPayload, NoticePayload.Checked payload)
            throws SQLException {
        NoticeStatus status = payload.status();
        if (status.isServerSet()) {
            return Optional.of("“" + status.nameZh() + "”只能由乡镇审核设置，本机的这项修改未被接受。");
        }
        UUID id = UUID.fromString(payload.tree().path("id").asText());
        Optional<ReviewState> state = store.find(c, id);
        if (state.isPresent()) {
            switch (state.get().lock) {
                case ReviewState.WITHDRAWN -> {
                    return Optional.of("该公告已被撤回，不能再修改。");
                }
                case ReviewState.PUBLISHED, ReviewState.FILED -> {
                    if (correctionReason(payload).isEmpty()) {
                        return Optional.of("已公开（或已备案）的公告不能修改。如需更正，请以“更正”方式修改并写明更正理由。");
                    }
                }
                default -> {
                }
            }
        }
        if (status == NoticeStatus.SIGNED_OFF || status == NoticeStatus.SUBMITTED) {
            JsonNode signOff = payload.tree().path("signOff");
            String hash = hasher.hash(id, payload.content()).toString();
            if (!hash.equals(signOff.path("contentHash").asText()) || signOff.path("opinion").asText("").isBlank()
                    || signOff.path("name").asText("").isBlank()) {
                return Optional.of("提交前须由村务监督委员会对当前内容签署审核意见（内容改过后须重新签署）。");
            }
        }
        return Optional.empty();
    }

    @Override
    public void applied(Connection c, Device device, NoticePayload.Checked payload, Instant now) throws SQLException {
        UUID id = UUID.fromString(payload.tree().path("id").asText());
        Actor actor = Actor.of(device);
        ReviewState state = store.find(c, id).orElseGet(() -> new ReviewState(id, payload.villageCode()));
        String hash = hasher.hash(id, payload.content()).toString();
        boolean correction = !ReviewState.OPEN.equals(state.lock);
        if (!hash.equals(state.contentHash)) {
            state.contentHash = hash;
            state.contentByKind = actor.kind();
            state.contentById = actor.id();
        }
        state.filing = payload.tree().path("filing").asBoolean(false) || payload.status() == NoticeStatus.NOT_DISCLOSED_FILED;
        state.lock = ReviewState.OPEN;
        state.clearSubmission();
        if (correction) {
            record(c, state, payload, ReviewEvent.Action.CORRECT, actor, correctionReason(payload), now);
        }
        JsonNode signOff = payload.tree().path("signOff");
        if ((payload.status() == NoticeStatus.SIGNED_OFF || payload.status() == NoticeStatus.SUBMITTED)
                && !hash.equals(state.signoffHash)) {
            state.signoffHash = hash;
            state.signoffName = signOff.path("name").asText();
            state.signoffOpinion = signOff.path("opinion").asText();
            state.signoffAt = now;
            record(c, state, payload, ReviewEvent.Action.SIGN_OFF, actor, state.signoffOpinion, now);
        }
        if (payload.status() == NoticeStatus.SUBMITTED) {
            state.submittedRevision = payload.revision();
            state.submittedHash = hash;
            state.submittedByKind = actor.kind();
            state.submittedById = actor.id();
            state.submittedAt = now;
            record(c, state, payload, ReviewEvent.Action.SUBMIT, actor, null, now);
        }
        store.save(c, state);
    }

    private void record(Connection c, ReviewState state, NoticePayload.Checked payload, ReviewEvent.Action action, Actor actor,
            String reason, Instant now) throws SQLException {
        ReviewEvent event = new ReviewEvent(UUID.randomUUID(), state.noticeId, payload.revision(), payload.villageCode(),
                action, actor, state.contentHash, reason, now);
        store.insertEvent(c, event);
        audit.append(c, event.toAudit());
    }

    private static String correctionReason(NoticePayload.Checked payload) {
        return payload.tree().path("correctionReason").asText("").strip();
    }
}
