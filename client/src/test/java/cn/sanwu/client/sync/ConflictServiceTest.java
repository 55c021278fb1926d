package cn.sanwu.client.sync;

import static cn.sanwu.client.sync.SyncFixture.answer;
import static cn.sanwu.client.sync.SyncFixture.serverVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each resolution of a conflict, checked on disk and against the model server's rules. */
class ConflictServiceTest {

    @TempDir
    Path dir;

    /** Mine at revision 1 (never synced), theirs stored on the server at revision 4; returns the conflict id. */
    private static UUID conflictOn(SyncFixture f, ModelServer server, Notice mine) {
        server.store(mine.id(), 4, serverVersion(mine, "对方的正文", 4));
        f.syncWith(server);
        return f.conflicts.open().getFirst().conflict().id();
    }

    @Test
    void keepMineRequeuesMyVersionOnTheServersRevisionAndTheServerTakesIt() {
        try (SyncFixture f = new SyncFixture(dir)) {
            ModelServer server = new ModelServer(100);
            Notice mine = f.newNotice("宅基地审批", "我的正文");
            f.edit(mine.id(), "我的正文（改）");
            UUID conflict = conflictOn(f, server, mine);

            Notice kept = f.conflicts.keepMine(conflict);

            assertThat(kept.revision()).isEqualTo(5);
            assertThat(kept.content().body()).isEqualTo("我的正文（改）");
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->2", "PENDING 4->5");
            assertThat(f.conflicts.openCount()).isZero();
            f.syncWith(server);
            assertThat(server.entities().get(mine.id()).payload().path("content").path("body").asText()).isEqualTo("我的正文（改）");
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->2");
            assertThat(f.engine.serverRevision(mine.id())).hasValue(5);
        }
    }

    @Test
    void takeTheirsWritesTheServerVersionAndDropsMyUnsentChanges() {
        try (SyncFixture f = new SyncFixture(dir)) {
            ModelServer server = new ModelServer(100);
            Notice mine = f.newNotice("宅基地审批", "我的正文");
            UUID conflict = conflictOn(f, server, mine);
            f.edit(mine.id(), "冲突后又改了");

            Notice theirs = f.conflicts.takeTheirs(conflict);

            assertThat(theirs.revision()).isEqualTo(4);
            assertThat(f.notices.find(mine.id()).orElseThrow().content().body()).isEqualTo("对方的正文");
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->1");
            assertThat(f.engine.serverRevision(mine.id())).hasValue(4);
            // The next local edit is based on the server's revision and goes through.
            f.edit(mine.id(), "在对方版本上修改");
            f.syncWith(server);
            assertThat(server.conflicts).isEqualTo(1);
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->1");
        }
    }

    @Test
    void editMergeRequeuesMineAndTheEditorsSavesKeepTheServersRevisionAsBase() {
        try (SyncFixture f = new SyncFixture(dir)) {
            ModelServer server = new ModelServer(100);
            Notice mine = f.newNotice("宅基地审批", "我的正文");
            UUID conflict = conflictOn(f, server, mine);

            Notice toEdit = f.conflicts.editMerge(conflict);
            f.notices.save(toEdit.withContent(SyncFixture.withBody(toEdit, "合并后的正文")));

            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->1", "PENDING 4->6");
            f.syncWith(server);
            assertThat(server.entities().get(mine.id()).payload().path("content").path("body").asText()).isEqualTo("合并后的正文");
            assertThat(f.firstString("SELECT resolution FROM sync_conflict")).isEqualTo("EDIT_MERGE");
        }
    }

    @Test
    void aConflictWithoutAServerVersionCanOnlyKeepMine() {
        try (SyncFixture f = new SyncFixture(dir)) {
            Notice mine = f.newNotice("宅基地审批", "我的正文");
            f.syncFirstAnswered(m -> new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.CONFLICT, 0, null,
                    "服务器上没有这份公告。"), 0);
            ConflictService.Details open = f.conflicts.open().getFirst();
            assertThat(open.theirs()).isNull();
            assertThatThrownBy(() -> f.conflicts.takeTheirs(open.conflict().id())).isInstanceOf(StoreException.class);
            assertThat(f.conflicts.keepMine(open.conflict().id()).content().body()).isEqualTo("我的正文");
            assertThat(f.outboxRows()).containsExactly("CONFLICT 0->1", "PENDING 0->1");
        }
    }

    @Test
    void aConflictIsResolvedOnlyOnce() {
        try (SyncFixture f = new SyncFixture(dir)) {
            UUID conflict = conflictOn(f, new ModelServer(100), f.newNotice("宅基地审批", "我的正文"));
            f.conflicts.keepMine(conflict);
            assertThatThrownBy(() -> f.conflicts.takeTheirs(conflict)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aNewerServerVersionUpdatesTheOpenConflictInsteadOfAddingOne() {
        try (SyncFixture f = new SyncFixture(dir)) {
            ModelServer server = new ModelServer(100);
            Notice mine = f.newNotice("宅基地审批", "我的正文");
            conflictOn(f, server, mine);
            server.store(mine.id(), 6, serverVersion(mine, "对方又改了", 6));
            SyncProtocol.Request next = f.engine.prepare();
            f.engine.apply(next, answer(List.of(), server.handle(next).changes(), 2));
            List<ConflictService.Details> open = f.conflicts.open();
            assertThat(open).hasSize(1);
            assertThat(open.getFirst().theirs().content().body()).isEqualTo("对方又改了");
            assertThat(open.getFirst().conflict().serverRevision()).isEqualTo(6);
        }
    }
}
