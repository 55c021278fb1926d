package cn.sanwu.client.sync;

import static cn.sanwu.client.sync.SyncFixture.answer;
import static cn.sanwu.client.sync.SyncFixture.result;
import static cn.sanwu.client.sync.SyncFixture.serverVersion;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.SyncProtocol.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SyncEngine on a real H2 file: each outcome of a round trip, and what is on disk afterwards. */
class SyncEngineTest {

    @TempDir
    Path dir;

    private static SyncProtocol.Change change(long seq, Notice n, String body, int revision) {
        return new SyncProtocol.Change(seq, SyncProtocol.ENTITY_NOTICE, n.id(), revision, serverVersion(n, body, revision));
    }

    @Test
    void prepareMarksEntriesSentAndAFailureReturnsThemWithTheSameMutationIds() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.newNotice("低保名单", "b");
            SyncProtocol.Request first = f.engine.prepare();
            assertThat(first.mutations()).hasSize(2);
            assertThat(first.mutations().getFirst().entityId()).isEqualTo(a.id());
            assertThat(first.mutations().getFirst().baseRevision()).isZero();
            assertThat(f.outboxRows()).containsExactly("SENT 0->1", "SENT 0->1");
            assertThat(f.engine.status().inFlight()).isEqualTo(2);

            f.engine.failed(first, "连接超时");
            assertThat(f.outboxRows()).containsExactly("PENDING 0->1", "PENDING 0->1");
            assertThat(f.engine.status().lastError()).isEqualTo("连接超时");
            SyncProtocol.Request resend = f.engine.prepare();
            assertThat(resend.mutations()).isEqualTo(first.mutations());
        }
    }

    @Test
    void entriesLeftSentByACrashAreResentWithTheSameIdsAfterRestart() {
        SyncProtocol.Request first;
        try (SyncFixture f = new SyncFixture(dir)) {
            f.newNotice("宅基地审批", "a");
            first = f.engine.prepare();
        }
        try (SyncFixture f = new SyncFixture(dir)) {
            assertThat(f.engine.prepare().mutations()).isEqualTo(first.mutations());
        }
    }

    @Test
    void aFullRequestFitsTheServersBodyLimitEvenInThreeByteCharacters() {
        long serverLimit = cn.sanwu.server.config.ServerConfig.local(java.nio.file.Path.of("unused"), 0).maxBodyBytes();
        // 3 bytes a character for the payloads, plus ~500 bytes of envelope per mutation
        long worstCase = SyncEngine.DEFAULT_MAX_PAYLOAD_CHARS * 3 + SyncEngine.DEFAULT_MAX_MUTATIONS * 500L;
        assertThat(worstCase).isLessThan(serverLimit);
    }

    @Test
    void prepareIsBoundedAndOldestFirst() {
        try (SyncFixture f = new SyncFixture(dir, 2)) {
            Notice a = f.newNotice("一", "a");
            Notice b = f.newNotice("二", "b");
            f.newNotice("三", "c");
            SyncProtocol.Request first = f.engine.prepare();
            assertThat(first.mutations()).extracting(SyncProtocol.Mutation::entityId).containsExactly(a.id(), b.id());
            f.engine.apply(first, new ModelServer(10).handle(first));
            assertThat(f.engine.prepare().mutations()).hasSize(1);
        }
    }

    @Test
    void appliedClearsTheOutboxAndRecordsTheServerRevisionAndCursor() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            a = f.edit(a.id(), "a2");
            f.syncFirstAnswered(Outcome.APPLIED, 7);
            assertThat(f.outboxRows()).isEmpty();
            assertThat(f.engine.serverRevision(a.id())).hasValue(2);
            assertThat(f.engine.cursor()).isEqualTo(7);
            assertThat(f.engine.prepare().cursor()).isEqualTo(7);
            SyncStatus status = f.engine.status();
            assertThat(status.waiting()).isZero();
            assertThat(status.lastSuccess()).isEqualTo(TestStores.CLOCK.instant());
            assertThat(status.lastError()).isNull();
            // The next edit is based on what the server now holds.
            f.edit(a.id(), "a3");
            assertThat(f.outboxRows()).containsExactly("PENDING 2->3");
        }
    }

    @Test
    void duplicateIsTreatedLikeApplied() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(Outcome.DUPLICATE, 1);
            assertThat(f.outboxRows()).isEmpty();
            assertThat(f.engine.serverRevision(a.id())).hasValue(1);
        }
    }

    @Test
    void conflictStoresBothVersionsAndLeavesTheLocalNoticeUntouched() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "mine");
            var theirs = serverVersion(a, "theirs", 4);
            f.syncFirstAnswered(m -> new SyncProtocol.MutationResult(m.mutationId(), Outcome.CONFLICT, 4, theirs,
                    "服务器上已有更新的版本。"), 3);

            assertThat(f.notices.find(a.id())).contains(a);
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->1");
            List<ConflictService.Details> open = f.conflicts.open();
            assertThat(open).hasSize(1);
            assertThat(open.getFirst().mine().content().body()).isEqualTo("mine");
            assertThat(open.getFirst().theirs().content().body()).isEqualTo("theirs");
            assertThat(open.getFirst().conflict().serverRevision()).isEqualTo(4);
            assertThat(f.engine.status().conflicts()).isEqualTo(1);
            // Held for a person: later edits of that notice wait instead of conflicting again.
            f.edit(a.id(), "mine again");
            assertThat(f.engine.prepare().mutations()).isEmpty();
            assertThat(f.engine.status().waiting()).isEqualTo(1);
        }
    }

    @Test
    void rejectedIsNeverRetriedAndKeepsTheServersMessage() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(m -> new SyncProtocol.MutationResult(m.mutationId(), Outcome.REJECTED, 0, null,
                    "不属于本村的公告。"), 0);
            assertThat(f.outboxRows()).containsExactly("REJECTED 0->1");
            assertThat(f.engine.prepare().mutations()).isEmpty();
            assertThat(f.engine.status().rejected()).isEqualTo(1);
            assertThat(f.firstString("SELECT message FROM outbox")).isEqualTo("不属于本村的公告。");
            // The rejected change never reached the server, so the next one is based on revision 0 again.
            f.edit(a.id(), "a2");
            assertThat(f.outboxRows()).containsExactly("REJECTED 0->1", "PENDING 0->2");
            // And once more after that one is refused too: still the base the server holds.
            f.syncFirstAnswered(m -> new SyncProtocol.MutationResult(m.mutationId(), Outcome.REJECTED, 0, null,
                    "内容不完整。"), 0);
            f.edit(a.id(), "a3");
            assertThat(f.outboxRows()).containsExactly("REJECTED 0->1", "REJECTED 0->2", "PENDING 0->3");
        }
    }

    @Test
    void pulledChangeUpdatesAnUntouchedNoticeAndItsSearchEntry() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "旧的正文");
            f.syncFirstAnswered(Outcome.APPLIED, 1);
            f.notices.loadSearchIndex();

            List<Notice> changed = f.pull(2, change(2, a, "乡镇退回后改过的正文", 2));

            assertThat(changed).extracting(Notice::revision).containsExactly(2);
            assertThat(f.notices.find(a.id()).orElseThrow().content().body()).isEqualTo("乡镇退回后改过的正文");
            assertThat(f.engine.serverRevision(a.id())).hasValue(2);
            assertThat(f.outboxRows()).isEmpty();
            assertThat(f.notices.search(new NoticeQuery(TestStores.VILLAGE, "改过", null, null, null, null, 10)))
                    .extracting(NoticeSummary::id).containsExactly(a.id());
            assertThat(f.notices.search(new NoticeQuery(TestStores.VILLAGE, "旧的", null, null, null, null, 10))).isEmpty();
        }
    }

    @Test
    void ownChangeSeenInTheFeedBeforeItsAnswerIsANoOp() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            SyncProtocol.Request sent = f.engine.prepare();
            // The server applied it and the feed shows it, but the result itself is missing (stopped early).
            f.engine.apply(sent, answer(List.of(), List.of(new SyncProtocol.Change(1, SyncProtocol.ENTITY_NOTICE, a.id(), 1,
                    sent.mutations().getFirst().payload())), 1));
            assertThat(f.conflicts.openCount()).isZero();
            assertThat(f.outboxRows()).containsExactly("PENDING 0->1");
            assertThat(f.notices.find(a.id())).contains(a);
        }
    }

    @Test
    void pulledNoticeCreatedElsewhereIsInsertedAndSearchable() {
        Notice elsewhere;
        try (SyncFixture other = new SyncFixture(dir.resolve("other"))) {
            elsewhere = other.newNotice("乡镇代录的公告", "村账乡管");
        }
        try (SyncFixture f = new SyncFixture(dir.resolve("here"))) {
            f.notices.loadSearchIndex();
            f.pull(5, change(5, elsewhere, "村账乡管", 1));
            assertThat(f.notices.find(elsewhere.id()).orElseThrow().content().title()).isEqualTo("乡镇代录的公告");
            assertThat(f.notices.search(new NoticeQuery(TestStores.VILLAGE, "村账乡管", null, null, null, null, 10)))
                    .extracting(NoticeSummary::id).containsExactly(elsewhere.id());
            assertThat(f.outboxRows()).as("a pulled version is not sent back").isEmpty();
            assertThat(f.engine.cursor()).isEqualTo(5);
        }
    }

    @Test
    void pulledChangeForANoticeWithAPendingEditBecomesAConflictNotAnOverwrite() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(Outcome.APPLIED, 1);
            Notice mine = f.edit(a.id(), "本机的修改");

            SyncProtocol.Request next = f.engine.prepare();
            assertThat(next.mutations()).hasSize(1);
            // The server answers the pull with another device's change of the same notice; our mutation was not answered.
            f.engine.apply(next, answer(List.of(), List.of(change(2, a, "另一台电脑的修改", 2)), 2));

            assertThat(f.notices.find(a.id())).contains(mine);
            List<ConflictService.Details> open = f.conflicts.open();
            assertThat(open).hasSize(1);
            assertThat(open.getFirst().mine().content().body()).isEqualTo("本机的修改");
            assertThat(open.getFirst().theirs().content().body()).isEqualTo("另一台电脑的修改");
            assertThat(f.outboxRows()).containsExactly("PENDING 1->2");
            assertThat(f.engine.prepare().mutations()).as("held until a person decides").isEmpty();
        }
    }

    @Test
    void aChangeTypedWhileARequestIsInFlightIsNotLostAndGoesNextWithTheRightBase() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            SyncProtocol.Request sent = f.engine.prepare();
            f.edit(a.id(), "typed while sending");
            f.edit(a.id(), "typed while sending, more");
            assertThat(f.outboxRows()).containsExactly("SENT 0->1", "PENDING 1->3");

            // The response is lost; both go again, in order, the first with its old id.
            f.engine.failed(sent, "网络中断");
            SyncProtocol.Request again = f.engine.prepare();
            assertThat(again.mutations()).hasSize(2);
            assertThat(again.mutations().getFirst()).isEqualTo(sent.mutations().getFirst());
            assertThat(again.mutations().get(1).baseRevision()).isEqualTo(1);
            ModelServer server = new ModelServer(100);
            f.engine.apply(again, server.handle(again));
            assertThat(f.outboxRows()).isEmpty();
            assertThat(server.entities().get(a.id()).payload().path("content").path("body").asText())
                    .isEqualTo("typed while sending, more");
            assertThat(server.appliedRevisions().get(a.id())).containsExactly(1, 3);
            assertThat(f.engine.serverRevision(a.id())).hasValue(3);
        }
    }

    /**
     * Found by the sync simulation (docs/decisions/0015): a later entry is based on the earlier
     * entry's revision, which the server may have given to another device's version. Sent in one
     * request, the earlier one conflicted and the later one applied on top of the other version,
     * silently dropping it. Now the server skips the later one (no result) and it waits here.
     */
    @Test
    void aLaterEntryWhoseEarlierOneConflictsIsSkippedSoItCannotOverwriteAnotherDevice() {
        try (SyncFixture f = new SyncFixture(dir)) {
            ModelServer server = new ModelServer(100);
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncWith(server);
            f.edit(a.id(), "mine");
            f.engine.failed(f.engine.prepare(), "连接失败");
            f.edit(a.id(), "mine, more");
            assertThat(f.outboxRows()).containsExactly("PENDING 1->2", "PENDING 2->3");
            server.store(a.id(), 2, serverVersion(a, "another PC", 2));

            SyncProtocol.Request request = f.engine.prepare();
            assertThat(request.mutations()).as("both edits travel together").hasSize(2);
            SyncProtocol.Response response = server.handle(request);
            assertThat(response.results()).as("the later edit is skipped").hasSize(1);
            f.engine.apply(request, response);
            assertThat(f.conflicts.openCount()).isEqualTo(1);
            assertThat(f.outboxRows()).as("the later edit still waits").hasSize(2);
            assertThat(f.engine.prepare().mutations()).as("held until a person decides").isEmpty();
            assertThat(server.entities().get(a.id()).payload().path("content").path("body").asText())
                    .isEqualTo("another PC");
        }
    }

    @Test
    void rebootstrapForgetsServerStateButKeepsTheOutbox() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(Outcome.APPLIED, 9);
            f.edit(a.id(), "a2");
            f.newNotice("低保名单", "b");

            f.engine.rebootstrap();

            assertThat(f.engine.cursor()).isZero();
            assertThat(f.engine.serverRevision(a.id())).isEmpty();
            assertThat(f.outboxRows()).containsExactly("PENDING 1->2", "PENDING 0->1");
            // Pulling everything again: the version our pending edit is based on is no conflict.
            f.pull(1, change(1, a, "a", 1));
            assertThat(f.conflicts.openCount()).isZero();
            assertThat(f.notices.find(a.id()).orElseThrow().content().body()).isEqualTo("a2");
        }
    }

    @Test
    void aRebootstrapAnswerClearsTheCursorAfterApplyingTheResults() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            SyncProtocol.Request sent = f.engine.prepare();
            f.engine.apply(sent, new SyncProtocol.Response(SyncProtocol.VERSION,
                    List.of(result(sent.mutations().getFirst(), Outcome.APPLIED)), List.of(), 50, false, true));
            assertThat(f.outboxRows()).isEmpty();
            assertThat(f.engine.cursor()).isZero();
            assertThat(f.engine.serverRevision(a.id())).isEmpty();
        }
    }
}
