package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.SyncProtocol.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 被拒绝的修改 on a real H2 file: listing, 重新上传, and what a later change does to the records. */
class RefusedChangesServiceTest {

    @TempDir
    Path dir;

    private static SyncProtocol.MutationResult refuse(SyncProtocol.Mutation m) {
        return new SyncProtocol.MutationResult(m.mutationId(), Outcome.REJECTED, 0, null, "公开目录中没有这个事项。");
    }

    @Test
    void aRefusedChangeIsListedWithTheServersReasonAndRequeuedOnTheBaseTheServerHolds() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(RefusedChangesServiceTest::refuse, 0);

            List<RefusedChangesService.Refused> listed = f.refused.list();
            assertThat(listed).singleElement().satisfies(r -> {
                assertThat(r.noticeId()).isEqualTo(a.id());
                assertThat(r.reason()).isEqualTo("公开目录中没有这个事项。");
                assertThat(r.notice()).map(Notice::revision).hasValue(1);
                assertThat(r.refusedAt()).isNotNull();
                assertThat(r.superseded()).isFalse();
            });

            assertThat(f.refused.requeue(listed.getFirst().seq())).isEqualTo(RefusedChangesService.Requeued.QUEUED);
            assertThat(f.outboxRows()).containsExactly("PENDING 0->1");
            assertThat(f.refused.list()).isEmpty();
            assertThat(f.engine.status().rejected()).isZero();
            f.syncFirstAnswered(Outcome.APPLIED, 1);
            assertThat(f.outboxRows()).isEmpty();
        }
    }

    @Test
    void aLaterEditSupersedesTheRecordAndItsSuccessClearsIt() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(RefusedChangesServiceTest::refuse, 0);
            f.edit(a.id(), "改正后的正文");
            assertThat(f.refused.list()).singleElement().extracting(RefusedChangesService.Refused::superseded).isEqualTo(true);

            // The later change reaches the server: the earlier refusal is history.
            f.syncFirstAnswered(Outcome.APPLIED, 1);
            assertThat(f.outboxRows()).isEmpty();
            assertThat(f.refused.list()).isEmpty();
            assertThat(f.engine.status().rejected()).isZero();
        }
    }

    @Test
    void requeueWithALaterChangeWaitingOnlyRemovesTheRecords() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice a = f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(RefusedChangesServiceTest::refuse, 0);
            f.edit(a.id(), "a2");
            f.syncFirstAnswered(RefusedChangesServiceTest::refuse, 0);
            f.edit(a.id(), "a3");
            assertThat(f.outboxRows()).containsExactly("REJECTED 0->1", "REJECTED 0->2", "PENDING 0->3");

            long oldest = f.refused.list().getFirst().seq();
            assertThat(f.refused.requeue(oldest)).isEqualTo(RefusedChangesService.Requeued.SUPERSEDED);
            assertThat(f.outboxRows()).containsExactly("PENDING 0->3");
        }
    }

    @Test
    void requeueingTwiceSaysItWasHandledAndChangesNothing() {
        try (SyncFixture f = new SyncFixture(dir)) {
            f.newNotice("宅基地审批", "a");
            f.syncFirstAnswered(RefusedChangesServiceTest::refuse, 0);
            long seq = f.refused.list().getFirst().seq();
            f.refused.requeue(seq);
            List<String> before = f.outboxRows();
            assertThatThrownBy(() -> f.refused.requeue(seq)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("已经处理过");
            assertThat(f.outboxRows()).isEqualTo(before);
        }
    }
}
