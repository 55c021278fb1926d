package cn.sanwu.server.review;

import static cn.sanwu.server.testing.AccountFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.ReviewSetup;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused review actions in the audit chain (ADR 0025), over HTTP on loopback: a logged-in
 * person's refused action is one REFUSED event with its code and nothing else changes; requests
 * without a valid session and role refusals by the route table never reach the review rules and
 * add nothing; a person's refusals are chained at most {@code perHour} times an hour.
 */
class RefusalAuditTest {

    @TempDir
    Path dir;

    @Test
    void aPersonsRefusedActionIsOneRefusedEventAndAnonymousFloodsAddNothing() {
        try (TestServer server = TestServer.start(TestDatabases.config(dir))) {
            AccountFixture.create(server.server().accounts());
            ReviewSetup.Stored n = ReviewSetup.notice(server, AccountFixture.OWN_VILLAGE, "SUBMITTED");
            long before = auditSize(server);

            String other = server.sessionToken("reviewer-other", PASSWORD);
            TestServer.Reply refused = server.postJson("/api/v1/review/notices/" + n.id() + "/approve", other,
                    "{\"revision\":" + n.revision() + ",\"contentHash\":\"" + n.hash() + "\"}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("OUT_OF_SCOPE");
            List<String[]> events = events(server, before);
            assertThat(events).hasSize(1);
            User otherReviewer = server.server().accounts().users().find("reviewer-other").orElseThrow();
            assertThat(events.getFirst()).containsExactly(otherReviewer.id().toString(), "TOWNSHIP_REVIEWER", "APPROVE",
                    n.id().toString(), String.valueOf(n.revision()), n.hash(), "REFUSED", "OUT_OF_SCOPE");

            // Without a session (none, forged) and with a role the route table refuses: 401/403, nothing chained.
            long afterOne = auditSize(server);
            String clerk = server.sessionToken("clerk", PASSWORD);
            for (int i = 0; i < 60; i++) {
                String token = switch (i % 3) {
                    case 0 -> null;
                    case 1 -> "forged-" + i;
                    default -> clerk;
                };
                TestServer.Reply r = server.postJson("/api/v1/review/notices/" + n.id() + "/approve", token,
                        "{\"revision\":" + n.revision() + ",\"contentHash\":\"" + n.hash() + "\"}");
                assertThat(r.status()).isIn(401, 403);
            }
            assertThat(auditSize(server)).isEqualTo(afterOne);

            // The refusal changed nothing else: the owning township's reviewer still approves it.
            TestServer.Reply ok = server.postJson("/api/v1/review/notices/" + n.id() + "/approve",
                    server.sessionToken("reviewer", PASSWORD), "{\"revision\":" + n.revision() + ",\"contentHash\":\"" + n.hash() + "\"}");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(events(server, afterOne)).extracting(e -> e[6]).containsExactly("OK");
        }
    }

    @Test
    void aPersonsRefusalsAreChainedAtMostPerHourTimesAnHour() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
        try (TestServer server = TestServer.start(TestDatabases.config(dir), clock)) {
            AccountFixture.create(server.server().accounts());
            User reviewer = server.server().accounts().users().find("reviewer").orElseThrow();
            User other = server.server().accounts().users().find("reviewer-other").orElseThrow();
            RefusalAudit audit = new RefusalAudit(server.server().database(), clock, 3);
            for (int i = 0; i < 5; i++) {
                refuse(audit, reviewer);
                clock.advance(Duration.ofMinutes(1));
            }
            refuse(audit, other); // another person has a cap of their own
            List<String[]> events = events(server, 0);
            assertThat(events).extracting(e -> e[0]).containsExactly(reviewer.id().toString(), reviewer.id().toString(),
                    reviewer.id().toString(), other.id().toString());
            clock.advance(Duration.ofMinutes(60));
            refuse(audit, reviewer); // an hour after the first: counted again
            assertThat(events(server, 0)).hasSize(5);
            // A refusal by a village PC (a sync push, not a person) is not chained.
            Actor device = new Actor(Actor.Kind.DEVICE, UUID.randomUUID(), Role.VILLAGE_DEVICE, AccountFixture.OWN_VILLAGE, "村电脑");
            try {
                audit.recorded(device, ReviewEvent.Action.SUBMIT, UUID.randomUUID(), 1, null, () -> {
                    throw new Refusal(Refusal.Kind.CONFLICT, "WRONG_STATE", "x");
                });
            } catch (Refusal expected) {
                assertThat(expected.code()).isEqualTo("WRONG_STATE");
            }
            assertThat(events(server, 0)).hasSize(5);
        }
    }

    private static void refuse(RefusalAudit audit, User who) {
        try {
            audit.recorded(Actor.of(who), ReviewEvent.Action.APPROVE, UUID.randomUUID(), -3, "sha256:not-a-hash", () -> {
                throw new Refusal(Refusal.Kind.CONFLICT, "STALE_APPROVAL", "陈旧");
            });
            throw new AssertionError("not refused");
        } catch (Refusal r) {
            assertThat(r.code()).as("the caller gets its own refusal back").isEqualTo("STALE_APPROVAL");
        }
    }

    private static long auditSize(TestServer server) {
        return server.server().database().inTransaction(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT audit_size FROM ledger_head")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** actor, role, action, notice, revision, content hash, result, reason of the events from {@code seq} on. */
    private static List<String[]> events(TestServer server, long seq) {
        return server.server().database().inTransaction(c -> ReviewWorld.query(c, "SELECT actor_user_id, actor_role, action,"
                + " notice_id, revision, content_hash, result, reason FROM audit_event WHERE seq >= ? ORDER BY seq", seq));
    }
}
