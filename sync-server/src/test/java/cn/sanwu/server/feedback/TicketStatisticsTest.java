package cn.sanwu.server.feedback;

import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP;
import static cn.sanwu.server.testing.AccountFixture.OTHER_TOWNSHIP_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static cn.sanwu.server.testing.AccountFixture.SIBLING_VILLAGE;
import static cn.sanwu.server.testing.AccountFixture.TOWNSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.account.User;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.ReviewSetup;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oversight figures against a seeded history computed independently here: notices entered
 * and published, tickets received, answered, closed and late, per village, township and
 * category, for a township (its own villages only) and the city. {@code -Dseed=} replays a run.
 */
class TicketStatisticsTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final List<String> VILLAGES = List.of(OWN_VILLAGE, SIBLING_VILLAGE, OTHER_TOWNSHIP_VILLAGE);
    static final LocalDate FROM = LocalDate.of(2026, 3, 1);
    static final LocalDate TO = LocalDate.of(2026, 3, 31);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-02-18T00:00:00Z"));
    TestServer server;

    /** What the test did, to count by itself. */
    record NoticeFact(String village, Instant at, boolean published) {
    }

    static final class TicketFact {
        final String code;
        final String village;
        final Instant created;
        String category;
        Instant replied;
        boolean closed;

        TicketFact(String code, String village, Instant created) {
            this.code = code;
            this.village = village;
            this.created = created;
        }
    }

    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabases.config(dir), clock);
        AccountFixture.create(server.server().accounts());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void figuresMatchASeededHistoryCountedIndependently() {
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("TicketStatisticsTest seed=" + seed + " (replay with -Dseed=" + seed + ")");
        Random random = new Random(seed);
        TicketService tickets = new TicketService(server.server().database(), clock, server.server().accounts().regions());
        User oversight = server.server().accounts().users().find("oversight").orElseThrow();
        List<NoticeFact> notices = new ArrayList<>();
        List<TicketFact> facts = new ArrayList<>();
        Instant stop = Instant.parse("2026-04-15T00:00:00Z");
        while (clock.instant().isBefore(stop)) {
            clock.advance(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
            String village = VILLAGES.get(random.nextInt(VILLAGES.size()));
            int what = random.nextInt(10);
            if (what < 2) {
                boolean published = random.nextBoolean();
                ReviewSetup.notice(server, village, published ? "PUBLISHED" : "DRAFT");
                notices.add(new NoticeFact(village, clock.instant(), published));
            } else if (what < 6) {
                TicketKind kind = random.nextBoolean() ? TicketKind.QUESTION : TicketKind.PROBLEM;
                String code = tickets.submit(new TicketService.Submission(village, kind, null, "问题 " + facts.size(), null, null));
                facts.add(new TicketFact(code, village, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
            } else if (!facts.isEmpty()) {
                TicketFact t = facts.get(random.nextInt(facts.size()));
                if (t.closed) {
                    continue;
                }
                if (what == 6) {
                    TicketCategory c = TicketCategory.values()[random.nextInt(3)];
                    tickets.steps().classify(oversight, t.code, null, c);
                    t.category = c.name();
                } else if (t.replied == null || what == 7) {
                    tickets.steps().reply(oversight, t.code, null, "答复");
                    // A corrected reply moves the reply time too.
                    t.replied = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                } else {
                    tickets.steps().close(oversight, t.code, null);
                    t.closed = true;
                }
            }
        }
        Instant now = clock.instant();
        System.out.println("seeded " + notices.size() + " notices, " + facts.size() + " tickets");

        Instant start = FROM.atStartOfDay(CHINA).toInstant();
        Instant end = TO.plusDays(1).atStartOfDay(CHINA).toInstant();
        Predicate<Instant> inPeriod = at -> !at.isBefore(start) && at.isBefore(end);

        // Expected, by village code: entered, published, received, answered, closed, late.
        Map<String, int[]> expected = new TreeMap<>();
        for (String v : VILLAGES) {
            expected.put(v, new int[6]);
        }
        Map<String, int[]> expectedCategories = new TreeMap<>();
        for (NoticeFact n : notices) {
            if (inPeriod.test(n.at())) {
                expected.get(n.village())[0]++;
                expected.get(n.village())[1] += n.published() ? 1 : 0;
            }
        }
        for (TicketFact t : facts) {
            if (!inPeriod.test(t.created)) {
                continue;
            }
            Instant due = t.created.plus(Duration.ofDays(10));
            boolean late = t.replied == null ? !now.isBefore(due) : t.replied.isAfter(due);
            for (int[] n : List.of(expected.get(t.village),
                    expectedCategories.computeIfAbsent(t.category == null ? "UNCLASSIFIED" : t.category, k -> new int[6]))) {
                n[2]++;
                n[3] += t.replied != null ? 1 : 0;
                n[4] += t.closed ? 1 : 0;
                n[5] += late ? 1 : 0;
            }
        }
        assertThat(expected.values().stream().mapToInt(n -> n[2]).sum()).as("the seed gives tickets in the period")
                .isGreaterThan(3);

        JsonNode city = report("oversight");
        for (String v : VILLAGES) {
            assertThat(row(city.get("villages"), v)).as("city, village " + v).containsExactly(expected.get(v));
        }
        int[] ownTownship = sum(expected.get(OWN_VILLAGE), expected.get(SIBLING_VILLAGE));
        assertThat(row(city.get("townships"), TOWNSHIP)).containsExactly(ownTownship);
        assertThat(row(city.get("townships"), OTHER_TOWNSHIP)).containsExactly(expected.get(OTHER_TOWNSHIP_VILLAGE));
        assertThat(row(List.of(city.get("total")), "TOTAL")).containsExactly(sum(expected.values().toArray(int[][]::new)));
        for (Map.Entry<String, int[]> e : expectedCategories.entrySet()) {
            int[] got = row(city.get("categories"), e.getKey());
            assertThat(new int[] {got[2], got[3], got[4], got[5]}).as("category " + e.getKey())
                    .containsExactly(e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5]);
        }
        assertThat(city.get("categories")).hasSize(expectedCategories.size());

        // The township sees its own villages only.
        JsonNode township = report("reviewer");
        List<String> codes = new ArrayList<>();
        township.get("villages").forEach(r -> codes.add(r.get("code").asText()));
        assertThat(codes).containsExactlyInAnyOrder(OWN_VILLAGE, SIBLING_VILLAGE);
        assertThat(row(List.of(township.get("total")), "TOTAL")).containsExactly(ownTownship);
    }

    @Test
    void badPeriodsAndVillageAccountsAreRefusedWithAClearMessage() {
        String token = server.sessionToken("oversight", PASSWORD);
        TestServer.Reply backwards = server.get("/api/v1/tickets/statistics?from=2026-03-31&to=2026-03-01", token);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("message").asText()).isEqualTo("结束日期不能早于开始日期。");
        assertThat(server.get("/api/v1/tickets/statistics?from=2026-3-1&to=2026-03-31", token).code()).isEqualTo("PERIOD_INVALID");
        assertThat(server.get("/api/v1/tickets/statistics?to=2026-03-31", token).code()).isEqualTo("PERIOD_INVALID");
        assertThat(server.get("/api/v1/tickets/statistics?from=2020-01-01&to=2026-03-31", token).code())
                .isEqualTo("PERIOD_TOO_LONG");
        assertThat(server.get("/api/v1/tickets/statistics?from=2026-03-01&to=2026-03-31",
                server.sessionToken("clerk", PASSWORD)).status()).isEqualTo(403);
    }

    private JsonNode report(String username) {
        TestServer.Reply r = server.get("/api/v1/tickets/statistics?from=" + FROM + "&to=" + TO,
                server.sessionToken(username, PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static int[] row(Iterable<JsonNode> rows, String code) {
        for (JsonNode r : rows) {
            if (r.get("code").asText().equals(code)) {
                return new int[] {r.path("entered").asInt(-1), r.path("published").asInt(-1), r.get("received").asInt(),
                        r.get("answered").asInt(), r.get("closed").asInt(), r.get("overdue").asInt()};
            }
        }
        throw new AssertionError("no row " + code + " in " + rows);
    }

    private static int[] sum(int[]... rows) {
        int[] out = new int[6];
        for (int[] r : rows) {
            for (int i = 0; i < 6; i++) {
                out[i] += r[i];
            }
        }
        return out;
    }
}
