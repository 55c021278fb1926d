package cn.sanwu.server.review;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.ledger.PublicationRequest;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.NoticeWrites;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The review workflow's state machine (docs/review.md), enforced here whatever a client sends:
 * supervisor sign-off, submission, approval bound to the submitted revision and content hash,
 * return with a comment, publication with a server-assigned 公开编号, withdrawal, and 村账乡管
 * entry by a township. Each action is one transaction that locks the village's feed, checks,
 * writes the notice's next revision to the feed (so village PCs see the decision on their next
 * sync), the review state, one {@link ReviewEvent} and its audit entry; a refusal throws
 * {@link Refusal} and changes nothing but the audit chain, where {@link RefusalAudit} records it
 * afterwards (ADR 0025). Thread-safe; all state is in the database.
 */
public final class ReviewService {

    /** The zone 公开编号 years and posting dates are counted in. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Longest posting window accepted. */
    static final long MAX_POSTING_DAYS = 366;
    static final int MAX_TEXT = 2000;

    /**
     * The real rules, or one rule deliberately removed — only for showing that the property test
     * catches it (ReviewPropertyTest, docs/review.md "Proof").
     */
    public enum Variant {
        REAL,
        NO_AUTHOR_CHECK,
        NO_TOWNSHIP_CHECK,
        NO_APPROVAL_CHECK,
        /** Refusals are not chained (cap 0): the property test's REFUSED-event check must notice. */
        NO_REFUSAL_AUDIT
    }

    private final Database db;
    private final Clock clock;
    private final RegionService regions;
    private final AuditChain audit = new AuditChain();
    private final PublicationLedger ledger = new PublicationLedger();
    private final Variant variant;
    private final NoticeWrites writes = new NoticeWrites();
    private final ReviewStore store = new ReviewStore();
    private final NoticeHasher hasher = NoticeHasher.sha256();
    private final RefusalAudit refusals;

    public ReviewService(Database db, Clock clock, RegionService regions) {
        this(db, clock, regions, Variant.REAL);
    }

    public ReviewService(Database db, Clock clock, RegionService regions, Variant variant) {
        this.db = db;
        this.clock = clock;
        this.regions = regions;
        this.variant = variant;
        this.refusals = new RefusalAudit(db, clock, variant == Variant.NO_REFUSAL_AUDIT ? 0 : RefusalAudit.DEFAULT_PER_HOUR);
    }

    /** The rules a village push must pass (wired into the sync service). */
    public ReviewPushRules pushRules() {
        return new ReviewPushRules(store, hasher);
    }

    /** What an action answers: the notice's new revision and status, and the 公开编号 when it was published. */
    public record Outcome(UUID noticeId, int revision, NoticeStatus status, String contentHash, String publicationNumber) {
    }

    @FunctionalInterface
    private interface Step {
        Outcome run(Connection c, long seq, NoticeWrites.Current current, ReviewState state, Instant now) throws SQLException;
    }

    // ---- village side ---------------------------------------------------------------------

    /** 村务监督委员会: records the 审核意见 on exactly this revision's content. */
    public Outcome signOff(Actor actor, UUID noticeId, int revision, String opinion) {
        return refusals.recorded(actor, ReviewEvent.Action.SIGN_OFF, noticeId, revision, null, () -> {
            requireRole(actor, Role.VILLAGE_SUPERVISOR);
            String text = requireText(opinion, "OPINION_REQUIRED", "请填写审核意见。");
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireVillageActor(actor, cur.villageCode());
                requireCurrent(cur, revision);
                requireOpen(state);
                NoticeStatus status = status(cur);
                if (!(status == NoticeStatus.DRAFT || status == NoticeStatus.RETURNED || status == NoticeStatus.SIGNED_OFF
                        || status == NoticeStatus.NOT_DISCLOSED_FILED)) {
                    throw conflict("WRONG_STATE", "公告当前状态为“" + status.nameZh() + "”，不能签署审核意见。");
                }
                ObjectNode next = nextVersion(cur, NoticeStatus.SIGNED_OFF);
                ObjectNode signOff = next.putObject("signOff");
                signOff.put("name", actor.name());
                signOff.put("opinion", text);
                signOff.put("contentHash", state.contentHash);
                signOff.put("at", now.toString());
                state.signoffHash = state.contentHash;
                state.signoffName = actor.name();
                state.signoffOpinion = text;
                state.signoffAt = now;
                state.clearSubmission();
                return write(c, seq, cur, next, state, ReviewEvent.Action.SIGN_OFF, actor, text, now, null);
            });
        });
    }

    /** The clerk submits the signed-off revision for review. */
    public Outcome submit(Actor actor, UUID noticeId, int revision) {
        return refusals.recorded(actor, ReviewEvent.Action.SUBMIT, noticeId, revision, null, () -> {
            requireRole(actor, Role.VILLAGE_CLERK);
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireVillageActor(actor, cur.villageCode());
                requireCurrent(cur, revision);
                requireOpen(state);
                if (status(cur) != NoticeStatus.SIGNED_OFF || !state.hasValidSignOff()) {
                    throw conflict("SIGNOFF_MISSING", "提交前须由村务监督委员会对当前内容签署审核意见。");
                }
                ObjectNode next = nextVersion(cur, NoticeStatus.SUBMITTED);
                state.submittedRevision = next.path("revision").asInt();
                state.submittedHash = state.contentHash;
                state.submittedByKind = actor.kind();
                state.submittedById = actor.id();
                state.submittedAt = now;
                state.clearApproval();
                return write(c, seq, cur, next, state, ReviewEvent.Action.SUBMIT, actor, null, now, null);
            });
        });
    }

    // ---- township side --------------------------------------------------------------------

    /**
     * Approves exactly {@code revision} with {@code contentHash}: both must be the submitted
     * ones still current, the approver a reviewer of the village's township and not its author.
     */
    public Outcome approve(Actor actor, UUID noticeId, int revision, String contentHash) {
        return refusals.recorded(actor, ReviewEvent.Action.APPROVE, noticeId, revision, contentHash, () -> {
            requireRole(actor, Role.TOWNSHIP_REVIEWER);
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireTownshipOf(actor, cur.villageCode());
                requireSubmittedAt(cur, state, revision);
                if (contentHash == null || !contentHash.equals(state.contentHash) || !contentHash.equals(state.submittedHash)) {
                    throw conflict("STALE_APPROVAL", "批准所针对的内容指纹与当前提交的内容不一致，请重新打开后再审核。");
                }
                if (variant != Variant.NO_AUTHOR_CHECK && state.isAuthor(actor)) {
                    throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "SELF_APPROVAL", "不能批准自己录入或提交的公告，请由其他审核员审核。");
                }
                state.approvedRevision = revision;
                state.approvedHash = state.contentHash;
                state.approvedBy = actor.id();
                state.approvedAt = now;
                if (state.filing) {
                    // 不公开备案 accepted: nothing is posted, the filing is on record and locked like a publication.
                    ObjectNode next = nextVersion(cur, NoticeStatus.NOT_DISCLOSED_FILED);
                    ObjectNode review = (ObjectNode) next.get("review");
                    review.put("contentHash", state.contentHash);
                    review.put("approvedBy", actor.name());
                    review.put("approvedAt", now.toString());
                    review.put("filingAccepted", true);
                    state.lock = ReviewState.FILED;
                    return write(c, seq, cur, next, state, ReviewEvent.Action.FILE_ACCEPTED, actor, null, now, null);
                }
                ObjectNode next = nextVersion(cur, NoticeStatus.APPROVED);
                ObjectNode review = (ObjectNode) next.get("review");
                review.put("contentHash", state.contentHash);
                review.put("approvedBy", actor.name());
                review.put("approvedAt", now.toString());
                review.put("approvedRevision", revision);
                return write(c, seq, cur, next, state, ReviewEvent.Action.APPROVE, actor, null, now, null);
            });
        });
    }

    /** Sends the submitted revision back to the village with a comment it sees. */
    public Outcome returnToVillage(Actor actor, UUID noticeId, int revision, String comment) {
        return refusals.recorded(actor, ReviewEvent.Action.RETURN, noticeId, revision, null, () -> {
            requireRole(actor, Role.TOWNSHIP_REVIEWER);
            String text = requireText(comment, "COMMENT_REQUIRED", "退回时请填写退回意见，村里会看到。");
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireTownshipOf(actor, cur.villageCode());
                requireSubmittedAt(cur, state, revision);
                ObjectNode next = nextVersion(cur, NoticeStatus.RETURNED);
                next.put("reason", text);
                ObjectNode review = (ObjectNode) next.get("review");
                review.put("returnComment", text);
                review.put("returnedBy", actor.name());
                review.put("returnedAt", now.toString());
                state.clearSubmission();
                return write(c, seq, cur, next, state, ReviewEvent.Action.RETURN, actor, text, now, null);
            });
        });
    }

    /**
     * Publishes the approved revision: posting window {@code from}–{@code to} (China dates) and the
     * next 公开编号 of the village and year. A correction supersedes the publication in force.
     */
    public Outcome publish(Actor actor, UUID noticeId, int revision, LocalDate from, LocalDate to) {
        return refusals.recorded(actor, ReviewEvent.Action.PUBLISH, noticeId, revision, null, () -> {
            requireRole(actor, Role.TOWNSHIP_REVIEWER);
            if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_POSTING_DAYS) {
                throw new Refusal(Refusal.Kind.INVALID, "POSTING_WINDOW_INVALID", "公开期限无效：结束日期不能早于开始日期，且不超过一年。");
            }
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireTownshipOf(actor, cur.villageCode());
                requireCurrent(cur, revision);
                boolean approved = status(cur) == NoticeStatus.APPROVED && state.approvedBy != null
                        && state.contentHash.equals(state.approvedHash);
                if (variant != Variant.NO_APPROVAL_CHECK && !approved) {
                    throw conflict("NOT_APPROVED", "只有经乡镇审核批准、且内容未再改动的公告才能公开。");
                }
                ObjectNode next = nextVersion(cur, NoticeStatus.PUBLISHED);
                int publishedRevision = next.path("revision").asInt();
                int year = now.atZone(CHINA).getYear();
                String number = PublicationNumber.format(cur.villageCode(), year,
                        store.nextPublicationNumber(c, cur.villageCode(), year));
                String correction = cur.payload().path("correctionReason").asText("").strip();
                Optional<ReviewStore.Publication> previous = store.inForce(c, noticeId);
                String contentJson = cur.payload().get("content").toString();
                store.insertPublication(c, new ReviewStore.Publication(noticeId, publishedRevision, cur.villageCode(), number,
                        state.contentHash, contentJson, state.approvedRevision == null ? revision : state.approvedRevision,
                        state.approvedBy == null ? actor.id() : state.approvedBy, state.approvedAt == null ? now : state.approvedAt,
                        actor.id(), now, from, to, correction.isEmpty() || previous.isEmpty() ? null : correction, null, null, null));
                if (previous.isPresent()) {
                    store.supersede(c, noticeId, previous.get().revision(), publishedRevision);
                }
                NoticeContent published = ModelJson.mapper().convertValue(cur.payload().get("content"), NoticeContent.class);
                ledger.publish(c, new PublicationRequest(noticeId, publishedRevision, cur.villageCode(),
                        CanonicalJson.toText(NoticeHasher.canonicalTree(noticeId, published)), ContentHash.parse(state.contentHash),
                        number, "approval:" + noticeId + "/" + state.approvedRevision, from, to, now,
                        state.approvedRevision == null ? revision : state.approvedRevision,
                        state.approvedAt == null ? now : state.approvedAt, previous.map(ReviewStore.Publication::number).orElse(null),
                        correction.isEmpty() || previous.isEmpty() ? null : correction));
                ObjectNode review = (ObjectNode) next.get("review");
                review.put("publicationNumber", number);
                review.put("publishedAt", now.toString());
                review.put("postingFrom", from.toString());
                review.put("postingTo", to.toString());
                if (previous.isPresent()) {
                    review.put("supersedes", previous.get().number());
                    if (!correction.isEmpty()) {
                        review.put("correctionReason", correction);
                    }
                }
                // The reason belongs to this publication: a later push that copies the payload must
                // give a reason of its own to count as a correction.
                next.remove("correctionReason");
                state.lock = ReviewState.PUBLISHED;
                return write(c, seq, cur, next, state, ReviewEvent.Action.PUBLISH, actor, correction.isEmpty() ? null : correction,
                        now, number);
            });
        });
    }

    /** Takes a published notice down with a public reason; it stays in history. */
    public Outcome withdraw(Actor actor, UUID noticeId, String reason) {
        return refusals.recorded(actor, ReviewEvent.Action.WITHDRAW, noticeId, 0, null, () -> {
            requireRole(actor, Role.TOWNSHIP_REVIEWER);
            String text = requireText(reason, "REASON_REQUIRED", "撤回须填写公开的理由。");
            return act(actor, noticeId, (c, seq, cur, state, now) -> {
                requireTownshipOf(actor, cur.villageCode());
                Optional<ReviewStore.Publication> inForce = store.inForce(c, noticeId);
                if (inForce.isEmpty()) {
                    throw conflict("NOT_PUBLISHED", "这份公告没有正在公开的版本，无需撤回。");
                }
                store.withdraw(c, noticeId, inForce.get().revision(), text, now);
                ObjectNode next = nextVersion(cur, NoticeStatus.WITHDRAWN);
                next.put("reason", text);
                ((ObjectNode) next.get("review")).put("withdrawnAt", now.toString());
                state.lock = ReviewState.WITHDRAWN;
                state.clearSubmission();
                return write(c, seq, cur, next, state, ReviewEvent.Action.WITHDRAW, actor, text, now, null);
            });
        });
    }

    /**
     * 村账乡管: a township reviewer writes a village's notice content (a new notice at
     * {@code baseRevision} 0). It becomes a draft the village signs off and submits; the reviewer
     * who entered it may not approve it.
     */
    public Outcome enterContent(Actor actor, UUID noticeId, int baseRevision, NoticeContent content) {
        return refusals.recorded(actor, ReviewEvent.Action.TOWNSHIP_ENTRY, noticeId, baseRevision, null, () -> {
            requireRole(actor, Role.TOWNSHIP_REVIEWER);
            if (content == null) {
                throw new Refusal(Refusal.Kind.INVALID, "CONTENT_MISSING", "公告内容缺失。");
            }
            String village = content.villageCode();
            requireTownshipOf(actor, village);
            writes.prepare(db, village);
            Instant now = clock.instant();
            return db.inTransaction(c -> {
                long seq = writes.lockVillage(c, village);
                Optional<NoticeWrites.Current> found = writes.find(c, noticeId);
                if (found.isPresent() && !found.get().villageCode().equals(village)) {
                    throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "OUT_OF_SCOPE", "这份公告属于其他村。");
                }
                int current = found.map(NoticeWrites.Current::revision).orElse(0);
                if (current != baseRevision) {
                    throw conflict("STALE_REVISION", "公告已被修改（服务器版本 " + current + "），请刷新后再录入。");
                }
                ReviewState state = store.find(c, noticeId).orElse(new ReviewState(noticeId, village));
                Refusal locked = entryRefusal(state, found.map(ReviewService::status).orElse(null));
                if (locked != null) {
                    throw locked;
                }
                ObjectNode next = found.map(f -> nextVersion(f, NoticeStatus.DRAFT)).orElseGet(() -> {
                    ObjectNode p = ModelJson.mapper().createObjectNode();
                    p.put("id", noticeId.toString());
                    p.put("status", NoticeStatus.DRAFT.name());
                    p.put("revision", 1);
                    p.put("reason", "");
                    return p;
                });
                next.set("content", ModelJson.mapper().valueToTree(content));
                state.contentHash = hasher.hash(noticeId, content).toString();
                state.contentByKind = actor.kind();
                state.contentById = actor.id();
                state.clearSubmission();
                ((ObjectNode) next.withObject("/review")).put("contentHash", state.contentHash);
                NoticeWrites.Current base = found.orElse(new NoticeWrites.Current(village, 0, next));
                return write(c, seq, base, next, state, ReviewEvent.Action.TOWNSHIP_ENTRY, actor, null, now, null);
            });
        });
    }

    // ---- the frame every action runs in ---------------------------------------------------

    private Outcome act(Actor actor, UUID noticeId, Step step) {
        if (noticeId == null) {
            throw new Refusal(Refusal.Kind.INVALID, "NOTICE_ID_INVALID", "公告编号无效。");
        }
        String village = db.inTransaction(c -> writes.find(c, noticeId)).map(NoticeWrites.Current::villageCode)
                .orElseThrow(ReviewService::unknown);
        writes.prepare(db, village);
        Instant now = clock.instant();
        Outcome outcome = db.inTransaction(c -> {
            long seq = writes.lockVillage(c, village);
            NoticeWrites.Current cur = writes.find(c, noticeId).orElseThrow(ReviewService::unknown);
            ReviewState state = store.find(c, noticeId).orElseGet(() -> legacyState(cur));
            return step.run(c, seq, cur, state, now);
        });
        db.forceToDisk(); // a decision the caller was told about survives a crash (DESIGN.md §5.5)
        return outcome;
    }

    /** A notice stored before the review tables existed: its content by an unknown village PC. */
    private ReviewState legacyState(NoticeWrites.Current cur) {
        ReviewState s = new ReviewState(UUID.fromString(cur.payload().path("id").asText()), cur.villageCode());
        NoticeContent content = ModelJson.mapper().convertValue(cur.payload().get("content"), NoticeContent.class);
        s.contentHash = hasher.hash(s.noticeId, content).toString();
        s.contentByKind = Actor.Kind.DEVICE;
        s.contentById = new UUID(0, 0);
        return s;
    }

    private Outcome write(Connection c, long seq, NoticeWrites.Current cur, ObjectNode next, ReviewState state,
            ReviewEvent.Action action, Actor actor, String reason, Instant now, String number) throws SQLException {
        int revision = next.path("revision").asInt();
        writes.write(c, cur.villageCode(), seq, state.noticeId, cur.revision(), next, now);
        store.save(c, state);
        ReviewEvent event = new ReviewEvent(UUID.randomUUID(), state.noticeId, revision, cur.villageCode(),
                action, actor, state.contentHash, reason, now);
        store.insertEvent(c, event);
        audit.append(c, event.toAudit());
        return new Outcome(state.noticeId, revision, NoticeStatus.valueOf(next.path("status").asText()), state.contentHash,
                number);
    }

    /** The next revision of the stored payload with {@code status}; {@code review} carries what the village sees. */
    private ObjectNode nextVersion(NoticeWrites.Current cur, NoticeStatus status) {
        // Approval and publication facts build on each other; any other step starts a new cycle.
        boolean keep = status == NoticeStatus.PUBLISHED || status == NoticeStatus.WITHDRAWN;
        ObjectNode next = cur.payload().deepCopy();
        next.put("status", status.name());
        next.put("revision", cur.revision() + 1);
        if (status != NoticeStatus.RETURNED && status != NoticeStatus.WITHDRAWN) {
            next.put("reason", cur.payload().path("reason").asText(""));
        }
        ObjectNode review = next.withObject("/review");
        if (!keep) {
            review.removeAll();
        }
        return next;
    }

    // ---- checks ---------------------------------------------------------------------------

    private static NoticeStatus status(NoticeWrites.Current cur) {
        return NoticeStatus.valueOf(cur.payload().path("status").asText());
    }

    private static void requireRole(Actor actor, Role role) {
        if (actor.role() != role) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "FORBIDDEN", "您的角色无权进行此项审核操作。");
        }
    }

    private static void requireVillageActor(Actor actor, String village) {
        if (!village.equals(actor.scope())) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "OUT_OF_SCOPE", "这份公告不属于您所在的村。");
        }
    }

    private void requireTownshipOf(Actor actor, String village) {
        if (variant == Variant.NO_TOWNSHIP_CHECK) {
            return;
        }
        Optional<Region> region = regions.find(village);
        if (region.isEmpty() || region.get().parentCode() == null || !region.get().parentCode().equals(actor.scope())) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "OUT_OF_SCOPE", "该村不在您的乡镇管辖范围内。");
        }
    }

    private static void requireCurrent(NoticeWrites.Current cur, int revision) {
        if (cur.revision() != revision) {
            throw conflict("STALE_REVISION", "公告已有更新的版本（当前第 " + cur.revision() + " 版，操作针对第 " + revision
                    + " 版），请刷新后再操作。");
        }
    }

    private static void requireSubmittedAt(NoticeWrites.Current cur, ReviewState state, int revision) {
        if (status(cur) != NoticeStatus.SUBMITTED || state.submittedRevision == null) {
            throw conflict("NOT_SUBMITTED", "这份公告当前不是待审核状态（" + status(cur).nameZh() + "）。");
        }
        if (cur.revision() != revision || state.submittedRevision != revision) {
            throw conflict("STALE_APPROVAL", "审核针对的版本（第 " + revision + " 版）已不是当前提交的版本（第 "
                    + cur.revision() + " 版），请重新打开后再审核。");
        }
    }

    /**
     * Why a 村账乡管 entry may not change this notice now, or null when it may: the lock
     * (published, filed, withdrawn), then the status (only the village's editable ones). The one
     * rule both {@link #enterContent} and the township's notice list ({@link ReviewQueue#notices})
     * use, so the list never offers an edit the server would refuse.
     */
    static Refusal entryRefusal(ReviewState state, NoticeStatus status) {
        try {
            requireOpen(state);
        } catch (Refusal r) {
            return r;
        }
        if (status != null && !status.isEditable()) {
            return conflict("WRONG_STATE", "公告当前状态为“" + status.nameZh() + "”，不能修改内容。");
        }
        return null;
    }

    private static void requireOpen(ReviewState state) {
        switch (state.lock) {
            case ReviewState.PUBLISHED, ReviewState.FILED -> throw conflict("PUBLISHED_IMMUTABLE",
                    "已公开（或已备案）的公告不能修改；如需更正，请提交更正并写明理由。");
            case ReviewState.WITHDRAWN -> throw conflict("WITHDRAWN", "该公告已撤回，不能再修改。");
            default -> {
            }
        }
    }

    private static String requireText(String text, String code, String message) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, code, message);
        }
        if (t.length() > MAX_TEXT) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_TOO_LONG", "文字过长（最多 " + MAX_TEXT + " 字）。");
        }
        return t;
    }

    static Refusal conflict(String code, String message) {
        return new Refusal(Refusal.Kind.CONFLICT, code, message);
    }

    private static Refusal unknown() {
        return new Refusal(Refusal.Kind.UNKNOWN, "NOTICE_UNKNOWN", "服务器上没有这份公告（可能尚未同步）。");
    }

    Database database() {
        return db;
    }

    ReviewStore store() {
        return store;
    }

    RegionService regions() {
        return regions;
    }
}
