package cn.sanwu.server.review;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.Region;
import cn.sanwu.model.validation.Problem;
import cn.sanwu.model.validation.Validation;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a township reviewer reads (docs/review.md "Queue"): its villages' submissions oldest first,
 * each with the content, the previous version and the same item last period to compare with, and
 * the automatic finance checks of shared-model's {@link Validation}; and a notice's history.
 * Read-only. Thread-safe.
 */
public final class ReviewQueue {

    /** One automatic check: {@code ok} false means the reviewer should look (it blocks nothing). */
    public record Check(String code, boolean ok, String messageZh) {
    }

    public record SignOff(String name, String opinion, Instant at) {
    }

    /**
     * One submission. {@code previousContent}: the publication in force when this is a correction,
     * else the latest earlier version with other content (null when none). {@code lastPeriodContent}:
     * the village's notice of the same item for the previous period (null when none).
     */
    public record Entry(UUID noticeId, String villageCode, String villageName, int revision, String contentHash,
            NoticeContent content, boolean filing, String reason, String correctionReason, SignOff signOff,
            Instant submittedAt, Integer previousRevision, NoticeContent previousContent, String lastPeriod,
            NoticeContent lastPeriodContent, List<Check> checks) {
    }

    /** A village of the reviewer's township (for choosing one, e.g. 村账乡管). */
    public record Village(String code, String name) {
    }

    /** A publication in force: what a reviewer may withdraw. */
    public record Published(UUID noticeId, String villageCode, String villageName, int revision, String publicationNumber,
            String title, String itemCode, String period, Instant publishedAt, java.time.LocalDate postingFrom,
            java.time.LocalDate postingTo, String correctionReason) {
    }

    /** The township's villages and their publications in force, newest first. */
    public record PublishedList(List<Village> villages, List<Published> entries) {
    }

    public record HistoryEntry(int revision, String action, String actorName, String actorRole, String contentHash,
            String reason, Instant at) {
    }

    /**
     * One notice of the township's villages as the 村账乡管 tab lists it: its item and period (for
     * the duplicate warning), its status, whether a township user entered content for it, and
     * whether the township may edit it now — {@code lockedCode}/{@code lockedReason} say why not,
     * from the same rule {@link ReviewService#enterContent} applies.
     */
    public record VillageNotice(UUID noticeId, String villageCode, String villageName, int revision, String status,
            String itemCode, String period, String title, boolean enteredByTownship, boolean filing, boolean editable,
            String lockedCode, String lockedReason) {
    }

    /** One notice with its current content (what the 村账乡管 tab opens). */
    public record VillageNoticeDetail(VillageNotice notice, NoticeContent content) {
    }

    private final ReviewService service;
    private final NoticeHasher hasher = NoticeHasher.sha256();

    public ReviewQueue(ReviewService service) {
        this.service = service;
    }

    public List<Entry> queue(Actor reviewer) {
        List<Region> villages = villagesOf(reviewer);
        return service.database().inTransaction(c -> {
            List<Entry> out = new ArrayList<>();
            for (ReviewState s : service.store().submittedIn(c, villages.stream().map(Region::code).toList())) {
                String name = villages.stream().filter(v -> v.code().equals(s.village)).map(Region::name).findFirst()
                        .orElse(s.village);
                entry(c, s, name).ifPresent(out::add);
            }
            return out;
        });
    }

    private Optional<Entry> entry(Connection c, ReviewState s, String villageName) throws SQLException {
        List<String[]> versions = service.store().feedVersions(c, s.village, s.noticeId);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        JsonNode current = tree(versions.getFirst()[1]);
        if (!NoticeStatus.SUBMITTED.name().equals(current.path("status").asText())) {
            return Optional.empty();
        }
        NoticeContent content = content(current);
        Integer previousRevision = null;
        NoticeContent previous = null;
        Optional<ReviewStore.Publication> inForce = service.store().inForce(c, s.noticeId);
        if (inForce.isPresent()) {
            previousRevision = inForce.get().revision();
            previous = ModelJson.mapper().convertValue(tree(inForce.get().contentJson()), NoticeContent.class);
        } else {
            for (String[] v : versions) {
                NoticeContent older = content(tree(v[1]));
                if (!hasher.hash(s.noticeId, older).toString().equals(s.contentHash)) {
                    previousRevision = Integer.parseInt(v[0]);
                    previous = older;
                    break;
                }
            }
        }
        Period lastPeriod = content.period().previous();
        NoticeContent lastPeriodContent = lastPeriod == null ? null : lastPeriodContent(c, s, content, lastPeriod);
        JsonNode signOff = current.path("signOff");
        return Optional.of(new Entry(s.noticeId, s.village, villageName, current.path("revision").asInt(), s.contentHash,
                content, s.filing, current.path("reason").asText(""), current.path("correctionReason").asText(""),
                s.signoffName == null ? null : new SignOff(s.signoffName, s.signoffOpinion, s.signoffAt),
                s.submittedAt, previousRevision, previous, lastPeriod == null ? null : lastPeriod.code(), lastPeriodContent,
                checks(content, lastPeriodContent)));
    }

    private List<Region> villagesOf(Actor reviewer) {
        if (reviewer.role() != Role.TOWNSHIP_REVIEWER) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "FORBIDDEN", "只有乡镇审核员有审核队列。");
        }
        return service.regions().list().stream()
                .filter(r -> reviewer.scope() != null && reviewer.scope().equals(r.parentCode()) && r.level().isDisclosingUnit())
                .toList();
    }

    /**
     * What the township has on its villages' boards now (docs/review.md "HTTP"): the publications
     * in force, newest first — the list a reviewer withdraws from — and the villages themselves.
     */
    public PublishedList published(Actor reviewer) {
        List<Region> villages = villagesOf(reviewer);
        return service.database().inTransaction(c -> {
            List<Published> out = new ArrayList<>();
            for (ReviewStore.Publication p : service.store().inForceIn(c, villages.stream().map(Region::code).toList())) {
                NoticeContent content = ModelJson.mapper().convertValue(tree(p.contentJson()), NoticeContent.class);
                String name = villages.stream().filter(v -> v.code().equals(p.villageCode())).map(Region::name).findFirst()
                        .orElse(p.villageCode());
                out.add(new Published(p.noticeId(), p.villageCode(), name, p.revision(), p.number(), content.title(),
                        content.itemCode(), content.period().code(), p.publishedAt(), p.postingFrom(), p.postingTo(),
                        p.correctionReason()));
            }
            return new PublishedList(villages.stream().map(v -> new Village(v.code(), v.name())).toList(), out);
        });
    }

    /**
     * Every notice of the reviewer's villages (any status, entered by the village or the township),
     * newest period first: the 村账乡管 list and the duplicate check. No content: a township's
     * notices over years are many; {@link #notice} gives one with its content.
     */
    public List<VillageNotice> notices(Actor reviewer) {
        List<Region> villages = villagesOf(reviewer);
        List<String> codes = villages.stream().map(Region::code).toList();
        return service.database().inTransaction(c -> {
            java.util.Set<UUID> entered = service.store().townshipEntered(c, codes);
            List<VillageNotice> out = new ArrayList<>();
            for (Region v : villages) {
                for (String json : service.store().villagePayloads(c, v.code())) {
                    JsonNode payload = tree(json);
                    NoticeContent content = content(payload);
                    if (content != null) {
                        out.add(summary(c, payload, content, v.name(), entered));
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(VillageNotice::period).reversed()
                    .thenComparing(VillageNotice::villageCode).thenComparing(VillageNotice::itemCode)
                    .thenComparing(n -> n.noticeId().toString()));
            return out;
        });
    }

    /** One notice of the reviewer's villages with its current content; another township's is unknown. */
    public VillageNoticeDetail notice(Actor reviewer, UUID noticeId) {
        List<Region> villages = villagesOf(reviewer);
        return service.database().inTransaction(c -> {
            String json = service.store().payload(c, noticeId);
            JsonNode payload = json == null ? null : tree(json);
            NoticeContent content = payload == null ? null : content(payload);
            Region village = content == null ? null : villages.stream().filter(v -> v.code().equals(content.villageCode()))
                    .findFirst().orElse(null);
            if (village == null) {
                throw new Refusal(Refusal.Kind.UNKNOWN, "NOTICE_UNKNOWN", "没有这份公告，或它不属于您乡镇的村。");
            }
            return new VillageNoticeDetail(summary(c, payload, content, village.name(),
                    service.store().townshipEntered(c, List.of(village.code()))), content);
        });
    }

    private VillageNotice summary(Connection c, JsonNode payload, NoticeContent content, String villageName,
            java.util.Set<UUID> entered) throws SQLException {
        UUID id = UUID.fromString(payload.path("id").asText());
        ReviewState state = service.store().find(c, id).orElse(new ReviewState(id, content.villageCode()));
        NoticeStatus status = NoticeStatus.valueOf(payload.path("status").asText());
        Refusal locked = ReviewService.entryRefusal(state, status);
        return new VillageNotice(id, content.villageCode(), villageName, payload.path("revision").asInt(), status.name(),
                content.itemCode(), content.period().code(), content.title(), entered.contains(id),
                payload.path("filing").asBoolean(false) || state.filing, locked == null,
                locked == null ? null : locked.code(), locked == null ? null : locked.getMessage());
    }

    /** The same item's notice for {@code period}: a published one if there is, else the newest revision. */
    private NoticeContent lastPeriodContent(Connection c, ReviewState s, NoticeContent content, Period period)
            throws SQLException {
        NoticeContent best = null;
        int bestRank = -1;
        for (String json : service.store().villagePayloads(c, s.village)) {
            JsonNode p = tree(json);
            NoticeContent other = content(p);
            if (other == null || !other.itemCode().equals(content.itemCode()) || !other.period().equals(period)) {
                continue;
            }
            String status = p.path("status").asText();
            int rank = NoticeStatus.PUBLISHED.name().equals(status) ? 3 : NoticeStatus.APPROVED.name().equals(status) ? 2 : 1;
            if (rank > bestRank) {
                best = other;
                bestRank = rank;
            }
        }
        return best;
    }

    /** The automatic finance checks (reusing shared-model's validation; nothing blocks approval). */
    static List<Check> checks(NoticeContent content, NoticeContent lastPeriod) {
        List<Check> checks = new ArrayList<>();
        CashJournal journal = content.journal();
        if (journal != null) {
            List<Problem> rows = Validation.journal(journal, content.period());
            checks.add(new Check("JOURNAL_ROWS", rows.isEmpty(), rows.isEmpty()
                    ? "收支明细 " + journal.entries().size() + " 行，日期、凭证号、金额均无问题"
                    : String.join("；", rows.stream().map(Problem::messageZh).toList())));
            checks.add(new Check("TOTALS", true, "收入合计 " + MoneyFormat.display(journal.totalIncomeFen()) + "，支出合计 "
                    + MoneyFormat.display(journal.totalExpenseFen()) + "，期末余额 " + MoneyFormat.display(journal.closingBalanceFen())
                    + "（按明细重新计算）"));
            CashJournal previous = lastPeriod == null ? null : lastPeriod.journal();
            if (previous == null) {
                checks.add(new Check("BALANCE_CONTINUITY", true, "上期没有收支公开，无法核对期初余额"));
            } else {
                List<Problem> continuity = Validation.balanceContinuity(previous, journal);
                checks.add(new Check("BALANCE_CONTINUITY", continuity.isEmpty(), continuity.isEmpty()
                        ? "期初余额与上期期末余额一致（" + MoneyFormat.display(journal.openingBalanceFen()) + "）"
                        : continuity.getFirst().messageZh()));
            }
        }
        RecipientList recipients = content.recipients();
        if (recipients != null) {
            List<Problem> rows = Validation.recipients(recipients);
            checks.add(new Check("RECIPIENTS", rows.isEmpty(), rows.isEmpty()
                    ? "名单 " + recipients.recipients().size() + " 户，" + recipients.totalPopulation() + " 人，合计 "
                            + MoneyFormat.display(recipients.totalAmountFen())
                    : String.join("；", rows.stream().map(Problem::messageZh).toList())));
        }
        return checks;
    }

    /** Every review action on a notice, oldest first; for people whose scope holds its village. */
    public List<HistoryEntry> history(Actor actor, UUID noticeId) {
        return service.database().inTransaction(c -> {
            Optional<ReviewState> s = service.store().find(c, noticeId);
            if (s.isEmpty() || !service.regions().isWithin(s.get().village, actor.scope())) {
                throw new Refusal(Refusal.Kind.UNKNOWN, "NOTICE_UNKNOWN", "没有这份公告，或它不在您的范围内。");
            }
            return service.store().events(c, noticeId).stream().map(e -> new HistoryEntry(e.revision(), e.action().name(),
                    e.actor().name(), e.actor().role().id(), e.contentHash(), e.reason(), e.at())).toList();
        });
    }

    private static NoticeContent content(JsonNode payload) {
        try {
            return ModelJson.mapper().treeToValue(payload.get("content"), NoticeContent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    static JsonNode tree(String json) {
        try {
            return ModelJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON", e);
        }
    }
}
