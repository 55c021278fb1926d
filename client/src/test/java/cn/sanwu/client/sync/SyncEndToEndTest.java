package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two village PCs and the real sync server on 127.0.0.1, each with its own H2 file: work done
 * offline reaches the other PC, a concurrent edit of one draft is a conflict with both versions
 * kept, and the offline and refused paths change nothing.
 */
class SyncEndToEndTest {

    @TempDir
    Path dir;
    private SyncServer server;
    private String url;
    private AppContext pcA;
    private AppContext pcB;

    @BeforeEach
    void start() {
        server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start();
        url = "http://127.0.0.1:" + server.port();
        pcA = demoPc("a");
        pcB = demoPc("b");
    }

    @AfterEach
    void stop() {
        pcA.close();
        pcB.close();
        server.close();
    }

    private AppContext demoPc(String name) {
        AppContext ctx = new AppContext(dir.resolve(name), Clock.systemUTC());
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        return ctx;
    }

    private void enroll(AppContext pc, String name) throws Exception {
        pc.syncService().enroll(url, server.devices().issueCode(DemoData.VILLAGE), name, DemoData.VILLAGE);
    }

    private static Set<String> titles(AppContext pc) {
        return pc.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream().map(s -> s.id() + " " + s.title() + " r"
                + s.revision()).collect(Collectors.toSet());
    }

    @Test
    void offlineWorkOfTwoPcsMeetsAndAConcurrentEditIsAConflictWithBothKept() throws Exception {
        enroll(pcA, "村部电脑");
        enroll(pcB, "会计家里的电脑");
        int ownA = pcA.notices().count(DemoData.VILLAGE);
        int ownB = pcB.notices().count(DemoData.VILLAGE);

        SyncService.Result a = pcA.syncService().syncNow();
        assertThat(a.ok()).as(a.message()).isTrue();
        assertThat(pcA.sync().status().waiting()).isZero();
        SyncService.Result b = pcB.syncService().syncNow();
        assertThat(b.ok()).as(b.message()).isTrue();
        assertThat(pcA.syncService().syncNow().ok()).isTrue();
        assertThat(pcA.notices().count(DemoData.VILLAGE)).isEqualTo(ownA + ownB);
        assertThat(titles(pcA)).isEqualTo(titles(pcB));

        // Both PCs edit the same draft offline.
        NoticeSummary shared = pcA.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status().isEditable()).findFirst().orElseThrow();
        Notice onA = pcA.notices().find(shared.id()).orElseThrow();
        Notice onB = pcB.notices().find(shared.id()).orElseThrow();
        pcA.notices().save(retitled(onA, "村部电脑改的标题"));
        pcB.notices().save(retitled(onB, "会计家里改的标题"));
        assertThat(pcA.syncService().syncNow().ok()).isTrue();
        SyncService.Result second = pcB.syncService().syncNow();
        assertThat(second.ok()).as(second.message()).isTrue();

        assertThat(pcB.sync().status().conflicts()).isEqualTo(1);
        var conflict = pcB.conflicts().open().getFirst();
        assertThat(conflict.mine().content().title()).isEqualTo("会计家里改的标题");
        assertThat(conflict.theirs().content().title()).isEqualTo("村部电脑改的标题");
        assertThat(pcB.notices().find(shared.id()).orElseThrow().content().title()).as("nothing overwritten silently")
                .isEqualTo("会计家里改的标题");

        // The person decides: keep mine; it goes up and reaches the other PC.
        pcB.conflicts().keepMine(conflict.conflict().id());
        assertThat(pcB.syncService().syncNow().ok()).isTrue();
        assertThat(pcA.syncService().syncNow().ok()).isTrue();
        assertThat(pcA.notices().find(shared.id()).orElseThrow().content().title()).isEqualTo("会计家里改的标题");
        assertThat(titles(pcA)).isEqualTo(titles(pcB));
        assertThat(pcA.sync().status().waiting()).isZero();
        assertThat(pcB.sync().status().waiting()).isZero();
    }

    @Test
    void serverDownMeansOfflineAndNothingIsLostWrongCodeIsRefused() throws Exception {
        enroll(pcA, "村部电脑");
        int waiting = pcA.sync().status().waiting();
        assertThat(waiting).isPositive();
        server.close();
        SyncService.Result offline = pcA.syncService().syncNow();
        assertThat(offline.ok()).isFalse();
        assertThat(offline.message()).startsWith("离线");
        assertThat(pcA.sync().status().waiting()).as("the outbox waits for the next try").isEqualTo(waiting);
        assertThat(pcA.sync().status().lastError()).contains("离线");

        assertThatThrownBy(() -> pcB.syncService().enroll(url, "NOT-A-CODE", "x", DemoData.VILLAGE))
                .isInstanceOfAny(SyncTransport.Refused.class, java.io.IOException.class);
        assertThat(pcB.syncService().enrolled()).isFalse();
        assertThat(pcB.syncService().syncNow().message()).contains("尚未登记");
        assertThatThrownBy(() -> pcB.syncService().enroll("ftp://x", "c", "x", DemoData.VILLAGE))
                .hasMessageContaining("http");
    }

    @Test
    void aCodeOfAnotherVillageIsRefusedOnThisPc() throws Exception {
        String otherCode = server.devices().issueCode("219901101202");
        assertThatThrownBy(() -> pcA.syncService().enroll(url, otherCode, "x", DemoData.VILLAGE))
                .isInstanceOf(SyncTransport.Refused.class).hasMessageContaining("219901101202");
        assertThat(pcA.syncService().enrolled()).isFalse();
    }

    private static Notice retitled(Notice n, String title) {
        NoticeContent c = n.content();
        return n.withContent(new NoticeContent(c.villageCode(), c.itemCode(), c.period(), title, c.body(), c.tables(),
                c.journal(), c.recipients()));
    }
}
