package cn.sanwu.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.device.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random histories of real review actions and village pushes, by random people and PCs of three
 * villages in two townships, against the real {@link ReviewService} and sync service over an H2 file
 * (docs/review.md "Proof"). After every step: a refused action changed nothing but the audit
 * chain, to which a person's refused action appended exactly one REFUSED event with its code (a
 * refused push appended none; ADR 0025), and the chain verifies after every history; the refusals the
 * rules demand happened; and for every publication — published ⇒ approved by a reviewer of the
 * owning township who neither wrote nor submitted that content, for the same content hash, with
 * nothing in between. The model of who wrote what is kept here from the calls, not read back.
 *
 * <p>{@code -Dsanwu.review.tries=N} (default 2,000), {@code -Dseed=} to replay,
 * {@code -Dsanwu.review.variant=NO_AUTHOR_CHECK|NO_TOWNSHIP_CHECK|NO_APPROVAL_CHECK} runs a server
 * with that rule removed: the property must then fail and shrink to a short history.
 */
@AddLifecycleHook(ReviewPropertySettings.class)
class ReviewPropertyTest {

    enum Kind { PUSH_EDIT, PUSH_FILE, PUSH_SIGNOFF, PUSH_SUBMIT, PUSH_CORRECT, ENTRY, SIGN_OFF, SUBMIT, APPROVE, RETURN, PUBLISH,
        WITHDRAW }

    /** One step: {@code actor} is a PC index for pushes, a person index otherwise; {@code mode} 0 right, 1 stale revision, 2 wrong hash. */
    record Op(Kind kind, int actor, int notice, int mode) {
        @Override
        public String toString() {
            return kind + "(actor " + actor + ", notice " + notice + (mode == 0 ? "" : mode == 1 ? ", stale" : ", bad hash") + ")";
        }
    }

    static final int NOTICES = 4;
    private static final Kind[] KIND_TABLE = table(Map.ofEntries(Map.entry(Kind.PUSH_EDIT, 2), Map.entry(Kind.PUSH_FILE, 1),
            Map.entry(Kind.PUSH_SIGNOFF, 1), Map.entry(Kind.PUSH_SUBMIT, 4), Map.entry(Kind.PUSH_CORRECT, 2),
            Map.entry(Kind.ENTRY, 1), Map.entry(Kind.SIGN_OFF, 1), Map.entry(Kind.SUBMIT, 1), Map.entry(Kind.APPROVE, 8),
            Map.entry(Kind.RETURN, 1), Map.entry(Kind.PUBLISH, 8), Map.entry(Kind.WITHDRAW, 1)), Kind.values());
    /** Person 0: a reviewer of the notice's township; for pushes 0, 1 and 3 are the notice's own PC. */
    private static final Integer[] ACTOR_TABLE = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4, 5};
    private static final Integer[] NOTICE_TABLE = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};

    private static Kind[] table(Map<Kind, Integer> weights, Kind[] order) {
        List<Kind> out = new ArrayList<>();
        for (Kind k : order) {
            for (int i = 0; i < weights.get(k); i++) {
                out.add(k);
            }
        }
        return out.toArray(Kind[]::new);
    }
    /** Advanced a millisecond per step: review actions are strictly ordered in time, and a seed replays them. */
    private static final cn.sanwu.server.testing.MutableClock CLOCK =
            new cn.sanwu.server.testing.MutableClock(Instant.parse("2026-06-01T00:00:00Z"));

    /** Per kind: steps and refusals, printed at the end so a run shows it exercised every path. */
    private static final Map<Kind, int[]> BY_KIND = new java.util.EnumMap<>(Kind.class);
    private static ReviewWorld world;
    private static Path dir;
    // histories, steps, publication checks, histories that published, refusals, REFUSED audit events checked
    private static final int[] TOTALS = new int[6];

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("sanwu-review-prop");
        ReviewService.Variant variant = ReviewService.Variant.valueOf(System.getProperty("sanwu.review.variant", "REAL"));
        world = new ReviewWorld(dir, CLOCK, variant);
    }

    @AfterContainer
    static void close() {
        System.out.println("ReviewPropertyTest: " + TOTALS[0] + " histories (" + TOTALS[3] + " with a publication), "
                + TOTALS[1] + " steps (" + TOTALS[4] + " refused, " + TOTALS[5] + " of them chained as REFUSED audit events), "
                + TOTALS[2] + " publication checks");
        BY_KIND.forEach((k, v) -> System.out.println("  " + k + ": " + v[0] + " steps, " + v[1] + " refused"));
        if (world != null) {
            world.close();
        }
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        // Weighted so that many histories reach a publication (and then corrections and withdrawals);
        // tables shrink towards their first entry.
        Arbitrary<Kind> kind = Arbitraries.of(KIND_TABLE);
        Arbitrary<Integer> actor = Arbitraries.of(ACTOR_TABLE);
        Arbitrary<Integer> notice = Arbitraries.of(NOTICE_TABLE);
        Arbitrary<Integer> mode = Arbitraries.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2);
        Arbitrary<Op> op = Combinators.combine(kind, actor, notice, mode).as(Op::new);
        int max = Integer.getInteger("sanwu.review.steps", 40);
        return op.list().ofMinSize(1).ofMaxSize(max).withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.FULL)
    void publishedMeansApprovedByAnotherReviewerOfTheTownshipForThatContent(@ForAll("histories") List<Op> history) {
        world.reset();
        History h = new History();
        // Every notice exists from the start (its own PC wrote a draft), so actions meet notices.
        for (int n = 0; n < NOTICES; n++) {
            h.step(new Op(Kind.PUSH_EDIT, 0, n, 0));
        }
        for (Op op : history) {
            h.step(op);
        }
        world.verifyAuditChain();
        TOTALS[0]++;
        if (!world.rows("SELECT 1 FROM publication").isEmpty()) {
            TOTALS[3]++;
        }
    }

    /** The model of one history: notice ids, who wrote and submitted each content hash. */
    private static final class History {
        final UUID[] ids = new UUID[NOTICES];
        final Map<UUID, Map<String, Set<UUID>>> authors = new HashMap<>();
        final NoticeHasher hasher = NoticeHasher.sha256();
        int token;

        History() {
            for (int i = 0; i < NOTICES; i++) {
                ids[i] = UUID.randomUUID();
            }
        }

        /**
         * Actor 0 is a reviewer of the notice's own township and 2 one of the other township (so both
         * townships' notices meet their right and wrong reviewers); 1 is reviewer B of our township,
         * 3 the clerk, 4 the supervisor (both of our village), 5 the admin.
         */
        static User person(Op op) {
            boolean ours = ReviewWorld.TOWNSHIP_OF.get(villageOf(op.notice())).equals(cn.sanwu.server.testing.AccountFixture.TOWNSHIP);
            int i = switch (op.actor()) {
                case 0 -> ours ? 0 : 2;
                case 2 -> ours ? 2 : 0;
                default -> op.actor();
            };
            return world.people.get(i);
        }

        static String villageOf(int notice) {
            return ReviewWorld.VILLAGES.get(notice % 3);
        }

        void step(Op op) {
            TOTALS[1]++;
            CLOCK.advance(java.time.Duration.ofMillis(1));
            UUID id = ids[op.notice()];
            String before = world.snapshot();
            long auditBefore = world.auditSize();
            JsonNode current = world.current(id).orElse(null);
            String lock = world.lock(id);
            boolean refused;
            String expectRefusal = null;
            switch (op.kind()) {
                case PUSH_EDIT, PUSH_FILE, PUSH_SIGNOFF, PUSH_SUBMIT, PUSH_CORRECT -> {
                    // Actors 0, 1 and 3 push from the notice's own PC, 2, 4 and 5 from another village's.
                    Device pc = world.devices.get((op.notice() + (op.actor() == 0 || op.actor() == 1 ? 0 : op.actor())) % 3);
                    if (!pc.villageCode().equals(villageOf(op.notice()))) {
                        expectRefusal = "a PC of another village";
                    } else if (ReviewState.WITHDRAWN.equals(lock)) {
                        expectRefusal = "a push to a withdrawn notice";
                    } else if (!ReviewState.OPEN.equals(lock) && op.kind() != Kind.PUSH_CORRECT) {
                        expectRefusal = "an edit after publication";
                    } else if (op.mode() == 2 && (op.kind() == Kind.PUSH_SIGNOFF || op.kind() == Kind.PUSH_SUBMIT)) {
                        expectRefusal = "a sign-off for other content";
                    }
                    refused = push(pc, op, id, current);
                }
                case ENTRY -> {
                    User u = person(op);
                    if (!ownTownship(u, op.notice())) {
                        expectRefusal = "村账乡管 entry outside the township or by another role";
                    } else if (!ReviewState.OPEN.equals(lock)) {
                        expectRefusal = "an entry after publication";
                    }
                    String content = "entry-" + (++token);
                    NoticeContent c = content(op.notice(), content, current);
                    int base = current == null ? 0 : current.path("revision").asInt();
                    refused = attempt(u, "TOWNSHIP_ENTRY", () -> world.review.enterContent(Actor.of(u), id, op.mode() == 1 ? base + 1 : base, c));
                    if (op.mode() == 1) {
                        expectRefusal = "an entry on a stale revision";
                    }
                    if (!refused) {
                        author(id, hasher.hash(id, c).toString(), u.id());
                    }
                }
                case SIGN_OFF -> {
                    User u = person(op);
                    if (current == null) {
                        expectRefusal = "an unknown notice";
                    } else if (u.role() != Role.VILLAGE_SUPERVISOR || !villageOf(op.notice()).equals(u.scopeCode())) {
                        expectRefusal = "a sign-off by someone not on the village's supervisory committee";
                    }
                    refused = attempt(u, "SIGN_OFF", () -> world.review.signOff(Actor.of(u), id, revision(current, op), "同意公开 " + token));
                }
                case SUBMIT -> {
                    User u = person(op);
                    if (current == null) {
                        expectRefusal = "an unknown notice";
                    } else if (u.role() != Role.VILLAGE_CLERK || !villageOf(op.notice()).equals(u.scopeCode())) {
                        expectRefusal = "a submission by someone not the village's clerk";
                    }
                    refused = attempt(u, "SUBMIT", () -> world.review.submit(Actor.of(u), id, revision(current, op)));
                    if (!refused) {
                        author(id, hash(id, current), u.id());
                    }
                }
                case APPROVE -> {
                    User u = person(op);
                    if (current == null) {
                        expectRefusal = "an unknown notice";
                    } else if (!ownTownship(u, op.notice())) {
                        expectRefusal = "an approval by someone not a reviewer of the owning township";
                    } else if (authors.getOrDefault(id, Map.of()).getOrDefault(hash(id, current), Set.of()).contains(u.id())) {
                        expectRefusal = "approving one's own content or submission";
                    } else if (op.mode() != 0) {
                        expectRefusal = "a replayed or stale approval";
                    }
                    String hash = current == null ? "sha256:" + "0".repeat(64) : op.mode() == 2 ? "sha256:" + "1".repeat(64)
                            : hash(id, current);
                    refused = attempt(u, "APPROVE", () -> world.review.approve(Actor.of(u), id, revision(current, op), hash));
                }
                case RETURN -> {
                    User u = person(op);
                    if (current != null && !ownTownship(u, op.notice())) {
                        expectRefusal = "a return by someone not a reviewer of the owning township";
                    }
                    refused = attempt(u, "RETURN", () -> world.review.returnToVillage(Actor.of(u), id, revision(current, op), "请补充 " + token));
                }
                case PUBLISH -> {
                    User u = person(op);
                    if (current != null && !ownTownship(u, op.notice())) {
                        expectRefusal = "a publication by someone not a reviewer of the owning township";
                    } else if (current != null && !"APPROVED".equals(current.path("status").asText())) {
                        expectRefusal = "a publication without approval";
                    }
                    LocalDate from = LocalDate.of(2026, 6, 1);
                    refused = attempt(u, "PUBLISH", () -> world.review.publish(Actor.of(u), id, revision(current, op), from, from.plusDays(30)));
                }
                case WITHDRAW -> {
                    User u = person(op);
                    if (current != null && !ownTownship(u, op.notice())) {
                        expectRefusal = "a withdrawal by someone not a reviewer of the owning township";
                    }
                    refused = attempt(u, "WITHDRAW", () -> world.review.withdraw(Actor.of(u), id, "撤回理由 " + token));
                }
                default -> throw new AssertionError(op);
            }
            if (expectRefusal != null) {
                assertThat(refused).as("%s must be refused: %s", expectRefusal, op).isTrue();
            }
            int[] kindTotals = BY_KIND.computeIfAbsent(op.kind(), k -> new int[2]);
            kindTotals[0]++;
            if (refused) {
                kindTotals[1]++;
                TOTALS[4]++;
                assertThat(world.snapshot()).as("a refused %s changed nothing", op).isEqualTo(before);
                List<String[]> chained = world.auditSince(auditBefore);
                if (lastAttempt == null) {
                    // A village PC's refused push is answered REJECTED to the PC and not chained.
                    assertThat(chained).as("a refused push %s appends no audit event", op).isEmpty();
                } else {
                    // A person's refused action: exactly one REFUSED event, who, what, result and code.
                    assertThat(chained).as("one REFUSED audit event for %s", op).hasSize(1);
                    assertThat(chained.getFirst()).containsExactly(lastAttempt.who().id().toString(), lastAttempt.who().role().name(),
                            lastAttempt.action(), id.toString(), chained.getFirst()[4], "REFUSED", lastAttempt.refusal().code());
                    TOTALS[5]++;
                }
            }
            lastAttempt = null;
            checkPublications();
        }

        private boolean push(Device pc, Op op, UUID id, JsonNode current) {
            ObjectNode p;
            int base = current == null ? 0 : current.path("revision").asInt();
            if (current == null) {
                p = ModelJson.mapper().createObjectNode();
                p.put("id", id.toString());
                p.put("reason", "");
                p.set("content", ModelJson.mapper().valueToTree(content(indexOf(id), "pc-" + (++token), null)));
            } else {
                p = current.deepCopy();
                p.remove("review");
            }
            p.put("revision", base + 1);
            NoticeContent content = ModelJson.mapper().convertValue(p.get("content"), NoticeContent.class);
            switch (op.kind()) {
                case PUSH_EDIT, PUSH_CORRECT, PUSH_FILE -> {
                    content = content(indexOf(id), "pc-" + (++token), null);
                    p.set("content", ModelJson.mapper().valueToTree(content));
                    p.put("status", op.kind() == Kind.PUSH_FILE ? "NOT_DISCLOSED_FILED" : "DRAFT");
                    p.remove("signOff");
                    if (op.kind() == Kind.PUSH_CORRECT) {
                        p.put("correctionReason", "更正 " + token);
                    }
                }
                case PUSH_SIGNOFF, PUSH_SUBMIT -> {
                    p.put("status", op.kind() == Kind.PUSH_SIGNOFF ? "SIGNED_OFF" : "SUBMITTED");
                    ObjectNode signOff = p.putObject("signOff");
                    signOff.put("name", "村监委张三");
                    signOff.put("opinion", "同意");
                    signOff.put("contentHash", op.mode() == 2 ? "sha256:" + "2".repeat(64) : hasher.hash(id, content).toString());
                }
                default -> throw new AssertionError(op);
            }
            if (op.mode() == 1) {
                base = Math.max(0, base - 1); // a PC behind the server: CONFLICT, nothing stored
            }
            SyncProtocol.Mutation m = new SyncProtocol.Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, base, p);
            SyncProtocol.Response r = world.sync.sync(pc, new SyncProtocol.Request(SyncProtocol.VERSION, 0, List.of(m)));
            SyncProtocol.MutationResult result = r.results().getFirst();
            boolean applied = result.outcome() == SyncProtocol.Outcome.APPLIED;
            if (applied && (op.kind() == Kind.PUSH_EDIT || op.kind() == Kind.PUSH_CORRECT || op.kind() == Kind.PUSH_FILE
                    || current == null)) {
                author(id, hasher.hash(id, content).toString(), pc.id());
            }
            if (applied && op.kind() == Kind.PUSH_SUBMIT) {
                author(id, hasher.hash(id, content).toString(), pc.id());
            }
            return !applied;
        }

        private int indexOf(UUID id) {
            for (int i = 0; i < NOTICES; i++) {
                if (ids[i].equals(id)) {
                    return i;
                }
            }
            throw new IllegalArgumentException();
        }

        static NoticeContent content(int notice, String token, JsonNode unused) {
            return new NoticeContent(villageOf(notice), "CW-01", Period.parse("2026-Q2"), "公告 " + notice, "正文 " + token,
                    List.of(), null, null);
        }

        private static boolean ownTownship(User u, int notice) {
            return u.role() == Role.TOWNSHIP_REVIEWER && ReviewWorld.TOWNSHIP_OF.get(villageOf(notice)).equals(u.scopeCode());
        }

        private int revision(JsonNode current, Op op) {
            int r = current == null ? 1 : current.path("revision").asInt();
            return op.mode() == 1 ? r - 1 : r;
        }

        private String hash(UUID id, JsonNode payload) {
            return hasher.hash(id, ModelJson.mapper().convertValue(payload.get("content"), NoticeContent.class)).toString();
        }

        private void author(UUID id, String hash, UUID who) {
            authors.computeIfAbsent(id, k -> new HashMap<>()).computeIfAbsent(hash, k -> new HashSet<>()).add(who);
        }

        /** A person's refused call: who, which action, the refusal. */
        record Attempt(User who, String action, Refusal refusal) {
        }

        private Attempt lastAttempt;

        /** Runs a person's review call; answers whether it was refused, remembering the refusal. */
        private boolean attempt(User who, String action, Runnable call) {
            try {
                call.run();
                return false;
            } catch (Refusal r) {
                lastAttempt = new Attempt(who, action, r);
                return true;
            }
        }

        /**
         * Published ⇒ approved: for every publication, the last review event on that notice before
         * it is an APPROVE of the same content hash, by a township reviewer of the village's township
         * who did not write or submit that content; the content hash is the hash of what was
         * published, and the transparency log holds the same record.
         */
        void checkPublications() {
            Map<UUID, String> scopeOf = new HashMap<>();
            Map<UUID, Role> roleOf = new HashMap<>();
            for (User u : world.people) {
                scopeOf.put(u.id(), u.scopeCode());
                roleOf.put(u.id(), u.role());
            }
            for (String[] p : world.rows("SELECT notice_id, revision, village_code, content_hash, content_json, publication_number,"
                    + " published_at FROM publication")) {
                TOTALS[2]++;
                UUID id = UUID.fromString(p[0]);
                NoticeContent published = ModelJson.mapper().convertValue(ReviewWorld.parse(p[4]), NoticeContent.class);
                assertThat(hasher.hash(id, published).toString()).as("published content has its hash").isEqualTo(p[3]);
                List<String[]> decisive = world.rows("SELECT action, actor_id, content_hash FROM review_event WHERE notice_id = ?"
                        + " AND at < ? AND action <> 'PUBLISH' AND action <> 'WITHDRAW' ORDER BY at DESC", id,
                        java.time.OffsetDateTime.parse(p[6].replace("Z", "+00:00")));
                // Any content change since is a push; its sign-off or correction events also come after the approval.
                assertThat(decisive).as("review events before publication %s", p[5]).isNotEmpty();
                String[] last = decisive.getFirst();
                assertThat(last[0]).as("the step before publishing %s is an approval", p[5]).isEqualTo("APPROVE");
                assertThat(last[2]).as("approval is for the published content hash").isEqualTo(p[3]);
                UUID approver = UUID.fromString(last[1]);
                assertThat(roleOf.get(approver)).as("approver's role").isEqualTo(Role.TOWNSHIP_REVIEWER);
                assertThat(scopeOf.get(approver)).as("approver's township").isEqualTo(ReviewWorld.TOWNSHIP_OF.get(p[2]));
                assertThat(authors.getOrDefault(id, Map.of()).getOrDefault(p[3], Set.of()))
                        .as("the approver did not write or submit what was published").doesNotContain(approver);
                List<String[]> record = world.rows("SELECT content_hash, publication_number FROM published_record WHERE"
                        + " notice_id = ? AND revision = ?", id, Integer.parseInt(p[1]));
                assertThat(record).as("the log holds publication %s", p[5]).hasSize(1);
                assertThat(record.getFirst()).containsExactly(p[3], p[5]);
            }
        }
    }
}
