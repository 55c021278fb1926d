package cn.sanwu.server.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow step by step on the service layer with a real H2 file: each rule and its refusal code. */
class ReviewFlowTest {

    @TempDir
    Path dir;
    private ReviewWorld world;
    private final NoticeHasher hasher = NoticeHasher.sha256();
    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void open() {
        world = new ReviewWorld(dir, MutableClock.startingNow(), ReviewService.Variant.REAL);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private User person(int i) {
        return world.people.get(i);
    }

    private Device ownPc() {
        return world.devices.getFirst();
    }

    private NoticeContent content(String body) {
        return new NoticeContent(ReviewWorld.VILLAGES.getFirst(), "CW-01", Period.parse("2026-Q2"), "财务公开", body, List.of(),
                null, null);
    }

    /** Pushes {@code content} with {@code status} (signed off when not a draft) on top of the server's version. */
    private SyncProtocol.MutationResult push(Device pc, NoticeContent content, NoticeStatus status, String correction) {
        JsonNode current = world.current(id).orElse(null);
        int base = current == null ? 0 : current.path("revision").asInt();
        ObjectNode p = ModelJson.mapper().createObjectNode();
        p.put("id", id.toString());
        p.put("status", status.name());
        p.put("revision", base + 1);
        p.put("reason", "");
        p.set("content", ModelJson.mapper().valueToTree(content));
        if (status != NoticeStatus.DRAFT) {
            ObjectNode s = p.putObject("signOff");
            s.put("name", "张监委");
            s.put("opinion", "同意公开");
            s.put("contentHash", hasher.hash(id, content).toString());
        }
        if (correction != null) {
            p.put("correctionReason", correction);
        }
        return world.sync.sync(pc, new SyncProtocol.Request(SyncProtocol.VERSION, 0, List.of(
                new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, base, p)))).results().getFirst();
    }

    private int revision() {
        return world.current(id).orElseThrow().path("revision").asInt();
    }

    private String hash() {
        return hasher.hash(id, ModelJson.mapper().convertValue(world.current(id).orElseThrow().get("content"),
                NoticeContent.class)).toString();
    }

    private static String code(Runnable action) {
        try {
            action.run();
            return "OK";
        } catch (Refusal r) {
            return r.code();
        }
    }

    @Test
    void submitReturnFixApprovePublishAndTheVillageSeesEachStep() {
        assertThat(push(ownPc(), content("第一版"), NoticeStatus.SUBMITTED, null).outcome()).isEqualTo(SyncProtocol.Outcome.APPLIED);
        assertThat(new ReviewQueue(world.review).queue(Actor.of(person(0)))).singleElement()
                .satisfies(e -> assertThat(e.noticeId()).isEqualTo(id));

        world.review.returnToVillage(Actor.of(person(0)), id, revision(), "请补充支出明细");
        JsonNode returned = world.current(id).orElseThrow();
        assertThat(returned.path("status").asText()).isEqualTo("RETURNED");
        assertThat(returned.path("review").path("returnComment").asText()).isEqualTo("请补充支出明细");
        assertThat(new ReviewQueue(world.review).queue(Actor.of(person(0)))).isEmpty();

        assertThat(push(ownPc(), content("第二版"), NoticeStatus.SUBMITTED, null).outcome()).isEqualTo(SyncProtocol.Outcome.APPLIED);
        ReviewService.Outcome approved = world.review.approve(Actor.of(person(1)), id, revision(), hash());
        assertThat(approved.status()).isEqualTo(NoticeStatus.APPROVED);
        ReviewService.Outcome published = world.review.publish(Actor.of(person(0)), id, revision(), LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 31));
        assertThat(published.publicationNumber()).matches(PublicationNumber.FORM).endsWith("-0001")
                .startsWith(ReviewWorld.VILLAGES.getFirst() + "-");
        JsonNode pub = world.current(id).orElseThrow();
        assertThat(pub.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(pub.path("review").path("publicationNumber").asText()).isEqualTo(published.publicationNumber());
        assertThat(pub.path("review").path("approvedAt").asText()).isNotBlank();
        // The village's PC receives the decision through its ordinary pull.
        SyncProtocol.Response pull = world.sync.sync(ownPc(), new SyncProtocol.Request(SyncProtocol.VERSION, 0, List.of()));
        assertThat(pull.changes()).anySatisfy(c -> assertThat(c.payload().path("status").asText()).isEqualTo("PUBLISHED"));
        assertThat(world.rows("SELECT publication_number FROM published_record WHERE notice_id = ?", id)).hasSize(1);
        assertThat(world.rows("SELECT COUNT(*) FROM audit_event").getFirst()[0]).isEqualTo("7"); // 2×(sign-off, submit), return, approve, publish
    }

    @Test
    void everyRefusalHasItsCodeAndChangesNothing() throws java.io.IOException {
        push(ownPc(), content("v1"), NoticeStatus.SUBMITTED, null);
        int rev = revision();
        String h = hash();
        String before = world.snapshot();
        long auditBefore = world.auditSize();
        assertThat(code(() -> world.review.publish(Actor.of(person(0)), id, rev, LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 2)))).isEqualTo("NOT_APPROVED");
        assertThat(code(() -> world.review.approve(Actor.of(person(2)), id, rev, h))).isEqualTo("OUT_OF_SCOPE");
        assertThat(code(() -> world.review.approve(Actor.of(person(0)), id, rev - 1, h))).isEqualTo("STALE_APPROVAL");
        assertThat(code(() -> world.review.approve(Actor.of(person(0)), id, rev, "sha256:" + "0".repeat(64))))
                .isEqualTo("STALE_APPROVAL");
        assertThat(code(() -> world.review.approve(Actor.of(person(3)), id, rev, h))).isEqualTo("FORBIDDEN");
        assertThat(code(() -> world.review.returnToVillage(Actor.of(person(0)), id, rev, " "))).isEqualTo("COMMENT_REQUIRED");
        assertThat(code(() -> world.review.withdraw(Actor.of(person(0)), id, "理由"))).isEqualTo("NOT_PUBLISHED");
        assertThat(world.snapshot()).isEqualTo(before);
        // Each refusal is in the audit chain: who, what, result REFUSED, the code (ADR 0025).
        assertThat(world.auditSince(auditBefore)).extracting(e -> e[2] + " " + e[5] + " " + e[6]).containsExactly(
                "PUBLISH REFUSED NOT_APPROVED", "APPROVE REFUSED OUT_OF_SCOPE", "APPROVE REFUSED STALE_APPROVAL",
                "APPROVE REFUSED STALE_APPROVAL", "APPROVE REFUSED FORBIDDEN", "RETURN REFUSED COMMENT_REQUIRED",
                "WITHDRAW REFUSED NOT_PUBLISHED");
        world.verifyAuditChain();

        // An approval replayed after the village changed the content is refused.
        push(ownPc(), content("v2"), NoticeStatus.SUBMITTED, null);
        assertThat(code(() -> world.review.approve(Actor.of(person(0)), id, rev, h))).isEqualTo("STALE_APPROVAL");
        world.review.approve(Actor.of(person(0)), id, revision(), hash());
        world.review.publish(Actor.of(person(0)), id, revision(), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 2));

        // Published is immutable: a plain edit is refused, a correction with a reason is accepted.
        SyncProtocol.MutationResult edit = push(ownPc(), content("v3"), NoticeStatus.DRAFT, null);
        assertThat(edit.outcome()).isEqualTo(SyncProtocol.Outcome.REJECTED);
        assertThat(edit.message()).contains("已公开");
        assertThat(push(ownPc(), content("v3"), NoticeStatus.SUBMITTED, "金额录入有误").outcome())
                .isEqualTo(SyncProtocol.Outcome.APPLIED);
        world.review.approve(Actor.of(person(1)), id, revision(), hash());
        ReviewService.Outcome second = world.review.publish(Actor.of(person(1)), id, revision(), LocalDate.of(2026, 7, 3),
                LocalDate.of(2026, 7, 9));
        assertThat(second.publicationNumber()).endsWith("-0002");
        List<String[]> pubs = world.rows("SELECT revision, superseded_by, correction_reason FROM publication ORDER BY revision");
        assertThat(pubs).hasSize(2);
        assertThat(pubs.get(0)[1]).isEqualTo(pubs.get(1)[0]);
        assertThat(pubs.get(1)[2]).isEqualTo("金额录入有误");
        // The correction's log leaf (schema v2) binds its window, approval, what it supersedes and its reason.
        String firstNumber = world.rows("SELECT publication_number FROM publication WHERE revision = ?",
                Integer.parseInt(pubs.get(0)[0])).getFirst()[0];
        cn.sanwu.model.log.LogLeaf leaf = cn.sanwu.model.log.LogLeaf.parse(ReviewWorld.parse(world.rows(
                "SELECT leaf_data FROM log_leaf ORDER BY leaf_index DESC").getFirst()[0]).traverse(
                cn.sanwu.model.json.ModelJson.mapper()).readValueAs(java.util.Map.class));
        assertThat(leaf.schema()).isEqualTo(cn.sanwu.model.log.LogLeaf.SCHEMA_V2);
        assertThat(leaf.publicationNumber()).isEqualTo(second.publicationNumber());
        assertThat(leaf.facts().postingFrom()).isEqualTo(LocalDate.of(2026, 7, 3));
        assertThat(leaf.facts().postingTo()).isEqualTo(LocalDate.of(2026, 7, 9));
        assertThat(leaf.facts().supersedes()).isEqualTo(firstNumber);
        assertThat(leaf.facts().correctionReasonHash()).isEqualTo(cn.sanwu.model.log.PublicationFacts.reasonHash("金额录入有误"));
        assertThat(leaf.facts().villageCode()).isEqualTo(ReviewWorld.VILLAGES.getFirst());
        assertThat(leaf.facts().approvedRevision()).as("the submitted revision approved").isEqualTo(second.revision() - 2);

        world.review.withdraw(Actor.of(person(0)), id, "村民代表会议决定撤回");
        assertThat(world.current(id).orElseThrow().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(push(ownPc(), content("v4"), NoticeStatus.DRAFT, "再改").outcome()).isEqualTo(SyncProtocol.Outcome.REJECTED);
    }

    @Test
    void aTownshipMayEnterFinanceForAVillageButNotApproveItsOwnEntry() {
        world.review.enterContent(Actor.of(person(0)), id, 0, content("乡镇代录"));
        assertThat(world.current(id).orElseThrow().path("status").asText()).isEqualTo("DRAFT");
        world.review.signOff(Actor.of(person(4)), id, revision(), "同意");
        world.review.submit(Actor.of(person(3)), id, revision());
        assertThat(code(() -> world.review.approve(Actor.of(person(0)), id, revision(), hash()))).isEqualTo("SELF_APPROVAL");
        assertThat(code(() -> world.review.approve(Actor.of(person(1)), id, revision(), hash()))).isEqualTo("OK");
        assertThat(code(() -> world.review.enterContent(Actor.of(person(2)), UUID.randomUUID(), 0, content("x"))))
                .isEqualTo("OUT_OF_SCOPE");
    }

    @Test
    void theTownshipListsItsVillagesNoticesAndEditsOnlyWhatTheRulesLeaveOpen() {
        ReviewQueue queue = new ReviewQueue(world.review);
        world.review.enterContent(Actor.of(person(0)), id, 0, content("乡镇代录"));
        UUID villageOwn = UUID.randomUUID();
        world.review.enterContent(Actor.of(person(1)), villageOwn, 0, content("另一份"));
        ReviewQueue.VillageNotice listed = queue.notices(Actor.of(person(0))).stream().filter(n -> n.noticeId().equals(id))
                .findFirst().orElseThrow();
        assertThat(listed.enteredByTownship()).isTrue();
        assertThat(listed.editable()).isTrue();
        assertThat(listed.status()).isEqualTo("DRAFT");
        assertThat(listed.itemCode()).isEqualTo("CW-01");
        assertThat(listed.period()).isEqualTo("2026-Q2");
        assertThat(queue.notices(Actor.of(person(2)))).as("another township's reviewer").isEmpty();
        assertThat(code(() -> queue.notice(Actor.of(person(2)), id))).isEqualTo("NOTICE_UNKNOWN");
        assertThat(code(() -> queue.notices(Actor.of(person(3))))).isEqualTo("FORBIDDEN");

        // The township edits its draft at the revision it saw; an older base is a conflict.
        world.review.enterContent(Actor.of(person(0)), id, 1, content("乡镇改过"));
        assertThat(queue.notice(Actor.of(person(0)), id).content().body()).isEqualTo("乡镇改过");
        assertThat(code(() -> world.review.enterContent(Actor.of(person(0)), id, 1, content("旧版本上改"))))
                .isEqualTo("STALE_REVISION");

        // Submitted: not editable, and the list says so with the server's own reason.
        world.review.signOff(Actor.of(person(4)), id, revision(), "同意");
        world.review.submit(Actor.of(person(3)), id, revision());
        ReviewQueue.VillageNotice submitted = queue.notice(Actor.of(person(0)), id).notice();
        assertThat(submitted.editable()).isFalse();
        assertThat(submitted.lockedCode()).isEqualTo("WRONG_STATE");
        assertThat(code(() -> world.review.enterContent(Actor.of(person(0)), id, revision(), content("x"))))
                .isEqualTo(submitted.lockedCode());

        // Returned: editable again. Published: locked.
        world.review.returnToVillage(Actor.of(person(1)), id, revision(), "请补充");
        assertThat(queue.notice(Actor.of(person(0)), id).notice().editable()).isTrue();
        world.review.enterContent(Actor.of(person(0)), id, revision(), content("补充后"));
        world.review.signOff(Actor.of(person(4)), id, revision(), "同意");
        world.review.submit(Actor.of(person(3)), id, revision());
        world.review.approve(Actor.of(person(1)), id, revision(), hash());
        world.review.publish(Actor.of(person(1)), id, revision(), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31));
        ReviewQueue.VillageNotice published = queue.notice(Actor.of(person(0)), id).notice();
        assertThat(published.status()).isEqualTo("PUBLISHED");
        assertThat(published.editable()).isFalse();
        assertThat(published.lockedCode()).isEqualTo("PUBLISHED_IMMUTABLE");
        assertThat(published.lockedReason()).contains("已公开");
    }

    @Test
    void aFilingIsReviewedAndThenLocked() {
        JsonNode none = null;
        assertThat(none).isNull();
        push(ownPc(), content(""), NoticeStatus.NOT_DISCLOSED_FILED, null);
        world.review.signOff(Actor.of(person(4)), id, revision(), "属实");
        world.review.submit(Actor.of(person(3)), id, revision());
        world.review.approve(Actor.of(person(0)), id, revision(), hash());
        assertThat(world.current(id).orElseThrow().path("status").asText()).isEqualTo("NOT_DISCLOSED_FILED");
        assertThat(world.current(id).orElseThrow().path("review").path("filingAccepted").asBoolean()).isTrue();
        assertThat(push(ownPc(), content("x"), NoticeStatus.DRAFT, null).outcome()).isEqualTo(SyncProtocol.Outcome.REJECTED);
        assertThatThrownBy(() -> world.review.publish(Actor.of(person(0)), id, revision(), LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 2))).isInstanceOf(Refusal.class);
    }

    @Test
    void theTownshipListsWhatIsInForceCorrectionReplacesItAndWithdrawalRemovesIt() {
        push(ownPc(), content("第一版"), NoticeStatus.SUBMITTED, null);
        world.review.approve(Actor.of(person(0)), id, revision(), hash());
        String first = world.review.publish(Actor.of(person(0)), id, revision(), LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 31)).publicationNumber();
        ReviewQueue queue = new ReviewQueue(world.review);
        assertThat(queue.published(Actor.of(person(0))).entries()).singleElement()
                .satisfies(p -> assertThat(p.publicationNumber()).isEqualTo(first));
        assertThat(queue.published(Actor.of(person(0))).villages()).extracting(ReviewQueue.Village::code)
                .contains(ReviewWorld.VILLAGES.getFirst());
        assertThat(queue.published(Actor.of(person(2))).entries()).as("another township's reviewer").isEmpty();
        assertThat(code(() -> queue.published(Actor.of(person(3))))).isEqualTo("FORBIDDEN");

        push(ownPc(), content("更正版"), NoticeStatus.SUBMITTED, "金额录入错误");
        assertThat(queue.published(Actor.of(person(0))).entries()).as("in force until the correction is published")
                .singleElement().satisfies(p -> assertThat(p.publicationNumber()).isEqualTo(first));
        world.review.approve(Actor.of(person(1)), id, revision(), hash());
        String second = world.review.publish(Actor.of(person(1)), id, revision(), LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 8, 31)).publicationNumber();
        assertThat(queue.published(Actor.of(person(0))).entries()).singleElement().satisfies(p -> {
            assertThat(p.publicationNumber()).isEqualTo(second).isNotEqualTo(first);
            assertThat(p.correctionReason()).isEqualTo("金额录入错误");
        });

        world.review.withdraw(Actor.of(person(0)), id, "村民会议决定撤回");
        assertThat(queue.published(Actor.of(person(0))).entries()).isEmpty();
    }
}
