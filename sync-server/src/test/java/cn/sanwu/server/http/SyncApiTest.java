package cn.sanwu.server.http;

import static cn.sanwu.server.testing.Notices.OTHER_VILLAGE;
import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.payload;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.SyncProtocol.Mutation;
import cn.sanwu.model.sync.SyncProtocol.Outcome;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestServer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync round trip over real HTTP: push outcomes, idempotency, scope, conflicts, the feed. */
class SyncApiTest {

    @TempDir
    Path dir;
    TestServer server;
    TestServer.Enrolled pc1;
    TestServer.Enrolled pc2;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        pc1 = server.enrollNewDevice(VILLAGE, "村委会电脑");
        pc2 = server.enrollNewDevice(VILLAGE, "会计电脑");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void newNoticeIsAppliedAndReachesAnotherDeviceOfTheVillage() {
        UUID id = UUID.randomUUID();
        Mutation m = newNotice(id, VILLAGE, "2026年第三季度财务公开");

        SyncProtocol.Response pushed = server.sync(pc1.token(), push(0, m));

        assertThat(pushed.results()).singleElement().satisfies(r -> {
            assertThat(r.mutationId()).isEqualTo(m.mutationId());
            assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(r.serverRevision()).isEqualTo(1);
        });
        SyncProtocol.Response pulled = server.sync(pc2.token(), push(0));
        assertThat(pulled.changes()).singleElement().satisfies(c -> {
            assertThat(c.seq()).isEqualTo(1);
            assertThat(c.entityId()).isEqualTo(id);
            assertThat(c.revision()).isEqualTo(1);
            assertThat(c.payload()).isEqualTo(m.payload());
        });
        assertThat(pulled.cursor()).isEqualTo(1);
        assertThat(pulled.hasMore()).isFalse();
        assertThat(server.sync(pc2.token(), push(1)).changes()).isEmpty();
    }

    @Test
    void replayIsDuplicateAndStoredOnce() {
        Mutation m = newNotice(UUID.randomUUID(), VILLAGE, "村务公开");
        server.sync(pc1.token(), push(0, m));

        SyncProtocol.Response replay = server.sync(pc1.token(), push(0, m));

        assertThat(replay.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(r.serverRevision()).isEqualTo(1);
        });
        assertThat(replay.changes()).hasSize(1);
        assertThat(Rows.count(server.server().database(), "change_feed")).isEqualTo(1);
        assertThat(Rows.count(server.server().database(), "synced_entity")).isEqualTo(1);
    }

    @Test
    void sameMutationIdWithOtherPayloadIsRejected() {
        UUID id = UUID.randomUUID();
        Mutation m = newNotice(id, VILLAGE, "原标题");
        server.sync(pc1.token(), push(0, m));
        Mutation reused = new Mutation(m.mutationId(), m.entityType(), id, 0, payload(id, 1, VILLAGE, "另一个标题"));

        SyncProtocol.Response r = server.sync(pc1.token(), push(0, reused));

        assertThat(r.results().getFirst().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.results().getFirst().message()).contains("同步编号");
        assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.payload()).isEqualTo(m.payload()));
    }

    @Test
    void staleBaseIsConflictWithTheServersVersion() {
        UUID id = UUID.randomUUID();
        Mutation first = newNotice(id, VILLAGE, "第一版");
        server.sync(pc1.token(), push(0, first));
        Mutation second = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 1, payload(id, 2, VILLAGE, "第二版"));
        assertThat(server.sync(pc1.token(), push(0, second)).results().getFirst().outcome()).isEqualTo(Outcome.APPLIED);
        Mutation offlineEdit = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 1,
                payload(id, 2, VILLAGE, "另一台电脑的修改"));

        SyncProtocol.Response r = server.sync(pc2.token(), push(0, offlineEdit));

        assertThat(r.results()).singleElement().satisfies(res -> {
            assertThat(res.outcome()).isEqualTo(Outcome.CONFLICT);
            assertThat(res.serverRevision()).isEqualTo(2);
            assertThat(res.current()).isEqualTo(second.payload());
        });
        // Revision 1 (seq 1) is superseded by revision 2 (seq 2): the feed is compacted on read.
        assertThat(r.changes()).extracting(SyncProtocol.Change::seq).containsExactly(2L);
    }

    /**
     * Two edits of one notice in one request (a USB stick carries all of them): when the first
     * conflicts, the second — built on the revision the first would have made — is skipped, so it
     * cannot land on top of the other PC's version; it gets no result and the client keeps it.
     */
    @Test
    void aLaterEditOfANoticeIsSkippedWhenTheEarlierOneInTheRequestConflicts() {
        UUID id = UUID.randomUUID();
        server.sync(pc1.token(), push(0, newNotice(id, VILLAGE, "第一版")));
        Mutation other = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 1, payload(id, 2, VILLAGE, "另一台电脑"));
        server.sync(pc1.token(), push(0, other));
        Mutation mine = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 1, payload(id, 2, VILLAGE, "我的修改"));
        Mutation mineMore = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 2, payload(id, 3, VILLAGE, "我的修改，再改"));
        Mutation unrelated = newNotice(UUID.randomUUID(), VILLAGE, "别的公告");

        SyncProtocol.Response r = server.sync(pc2.token(), push(0, mine, mineMore, unrelated));

        assertThat(r.results()).extracting(SyncProtocol.MutationResult::mutationId, SyncProtocol.MutationResult::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mine.mutationId(), Outcome.CONFLICT),
                        org.assertj.core.groups.Tuple.tuple(unrelated.mutationId(), Outcome.APPLIED));
        SyncProtocol.Change onServer = r.changes().stream().filter(c -> c.entityId().equals(id)).findFirst().orElseThrow();
        assertThat(onServer.revision()).isEqualTo(2);
        assertThat(onServer.payload()).isEqualTo(other.payload());

        // Both edits applied in order when nothing is in the way.
        UUID fresh = UUID.randomUUID();
        Mutation create = newNotice(fresh, VILLAGE, "新公告");
        Mutation edit = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, fresh, 1, payload(fresh, 2, VILLAGE, "新公告，改过"));
        assertThat(server.sync(pc2.token(), push(0, create, edit)).results()).extracting(SyncProtocol.MutationResult::outcome)
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED);
    }

    @Test
    void aPullFromZeroIsASnapshotAndALaterPullStillGetsEveryNewerVersion() {
        UUID edited = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        server.sync(pc1.token(), push(0, newNotice(edited, VILLAGE, "第一版")));
        server.sync(pc1.token(), push(0, newNotice(once, VILLAGE, "只写一次")));
        for (int rev = 2; rev <= 4; rev++) {
            server.sync(pc1.token(), push(0, new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, edited, rev - 1,
                    payload(edited, rev, VILLAGE, "第" + rev + "版"))));
        }

        SyncProtocol.Response snapshot = server.sync(pc2.token(), push(0));
        assertThat(snapshot.changes()).extracting(SyncProtocol.Change::entityId, SyncProtocol.Change::revision,
                SyncProtocol.Change::seq).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(once, 1, 2L), org.assertj.core.groups.Tuple.tuple(edited, 4, 5L));
        assertThat(snapshot.cursor()).isEqualTo(5);

        // A device that saw seq 1 (revision 1) still gets the newest version, and only that.
        SyncProtocol.Response later = server.sync(pc2.token(), push(1));
        assertThat(later.changes()).extracting(SyncProtocol.Change::revision).containsExactly(1, 4);
        server.sync(pc1.token(), push(0, new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, edited, 4,
                payload(edited, 5, VILLAGE, "第5版"))));
        assertThat(server.sync(pc2.token(), push(5)).changes()).extracting(SyncProtocol.Change::revision, SyncProtocol.Change::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 6L));
    }

    @Test
    void concurrentFirstPushesOfOneNoticeGiveOneAppliedAndOneConflict() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID id = UUID.randomUUID();
                var first = pool.submit(() -> server.sync(pc1.token(), push(0, newNotice(id, VILLAGE, "甲电脑"))));
                var second = pool.submit(() -> server.sync(pc2.token(), push(0, newNotice(id, VILLAGE, "乙电脑"))));

                assertThat(java.util.List.of(first.get().results().getFirst().outcome(),
                        second.get().results().getFirst().outcome()))
                        .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.CONFLICT);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Rows.count(server.server().database(), "change_feed")).isEqualTo(5);
    }

    @Test
    void revisionNotAboveBaseIsRejected() {
        UUID id = UUID.randomUUID();
        Mutation m = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0, payload(id, 0, VILLAGE, "无版本"));

        assertThat(server.sync(pc1.token(), push(0, m)).results().getFirst().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(Rows.written(server.server().database())).isZero();
    }

    @Test
    void anotherVillagesNoticeIsRejectedAndNothingStored() {
        Mutation foreign = newNotice(UUID.randomUUID(), OTHER_VILLAGE, "别的村的公告");

        SyncProtocol.Response r = server.sync(pc1.token(), push(0, foreign));

        assertThat(r.results().getFirst().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(Rows.written(server.server().database())).isZero();
        TestServer.Enrolled other = server.enrollNewDevice(OTHER_VILLAGE, "邻村电脑");
        assertThat(server.sync(other.token(), push(0)).changes()).isEmpty();
    }

    @Test
    void aNoticeOfAnotherVillageCannotBeTakenOverBySameId() {
        UUID id = UUID.randomUUID();
        server.sync(pc1.token(), push(0, newNotice(id, VILLAGE, "本村公告")));
        TestServer.Enrolled other = server.enrollNewDevice(OTHER_VILLAGE, "邻村电脑");
        Mutation takeover = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 1, payload(id, 2, OTHER_VILLAGE, "改"));

        SyncProtocol.Response r = server.sync(other.token(), push(0, takeover));

        assertThat(r.results().getFirst().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void feedIsPagedBySizeWithHasMore() {
        String big = "村".repeat(100_000); // ~300 KB of UTF-8 per notice: two fit in no 512 KB page
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            Mutation m = new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0,
                    payload(id, 1, VILLAGE, "公告" + i, big));
            assertThat(server.sync(pc1.token(), push(0, m)).results().getFirst().outcome()).isEqualTo(Outcome.APPLIED);
        }
        long cursor = 0;
        int pages = 0;
        java.util.List<Long> seen = new java.util.ArrayList<>();
        boolean more = true;
        while (more) {
            SyncProtocol.Response page = server.sync(pc2.token(), push(cursor));
            assertThat(page.changes()).hasSize(1);
            page.changes().forEach(c -> seen.add(c.seq()));
            cursor = page.cursor();
            more = page.hasMore();
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void cursorBeyondTheFeedAsksForRebootstrap() {
        server.sync(pc1.token(), push(0, newNotice(UUID.randomUUID(), VILLAGE, "公告")));

        SyncProtocol.Response r = server.sync(pc2.token(), push(99));

        assertThat(r.rebootstrap()).isTrue();
        assertThat(r.changes()).isEmpty();
        assertThat(r.cursor()).isZero();
    }

    @Test
    void largeResponsesAreGzipped() {
        UUID id = UUID.randomUUID();
        server.sync(pc1.token(), push(0, new Mutation(UUID.randomUUID(), SyncProtocol.ENTITY_NOTICE, id, 0,
                payload(id, 1, VILLAGE, "公告", "收支明细".repeat(2000)))));

        TestServer.Reply reply = server.send(server.syncRequest(pc2.token(), TestServer.json(push(0))).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentEncoding()).isEqualTo("gzip");
        assertThat(reply.body().get("changes")).hasSize(1);
    }

    @Test
    void gzippedRequestBodiesAreAccepted() {
        byte[] body = TestServer.gzip(TestServer.json(push(0, newNotice(UUID.randomUUID(), VILLAGE, "压缩上传"))));

        TestServer.Reply reply = server.send(server.syncRequest(pc1.token(), body).header("Content-Encoding", "gzip").build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
    }
}
