package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.model.notice.Notice;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * USB bundles end to end against the real server on loopback: a village that was never online
 * enrolls and syncs by file through a township PC and converges with the server (same StateHash);
 * importing either file twice changes nothing; work from an online PC of the same village reaches
 * the offline one by the next reply.
 */
class BundleEndToEndTest {

    @TempDir
    Path dir;
    BundleWorld world;
    AppContext township;

    @BeforeEach
    void start() throws Exception {
        world = new BundleWorld(dir);
        township = world.townshipPc();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aVillageNeverOnlineEnrollsAndConvergesByFileAndDoubleImportsChangeNothing() throws Exception {
        AppContext village = world.villagePc("shancun");
        int notices = village.notices().count(DemoData.VILLAGE);
        assertThat(village.sync().status().waiting()).isPositive();
        String code = world.server.devices().issueCode(DemoData.VILLAGE);

        Path out = dir.resolve("usb/村-1.sanwu");
        BundleService.Exported exported = village.bundles().export(out, code, "山村电脑");
        assertThat(exported.mutations()).isEqualTo(village.sync().status().waiting());
        assertThat(exported.enrolling()).isTrue();
        Path reply = dir.resolve("usb/回复-1.sanwu");
        township.bundles().forward(out, reply);
        BundleService.Imported imported = village.bundles().importReply(reply);

        assertThat(imported.enrolledNow()).isTrue();
        assertThat(imported.alreadyImported()).isFalse();
        assertThat(village.sync().status().waiting()).as("outbox drained").isZero();
        assertThat(world.serverRows("synced_entity")).isEqualTo(notices);
        assertThat(BundleWorld.clientState(village)).isEqualTo(world.serverState());

        // The reply again: reported, nothing changed.
        String before = BundleWorld.clientSnapshot(village);
        BundleService.Imported again = village.bundles().importReply(reply);
        assertThat(again.alreadyImported()).isTrue();
        assertThat(BundleWorld.clientSnapshot(village)).isEqualTo(before);
        // The village file again at the township: the server changes nothing, and the new reply
        // for the same file is recognised as answered.
        long applied = world.serverRows("applied_mutation");
        long feed = world.serverRows("change_feed");
        Path secondReply = dir.resolve("usb/回复-1b.sanwu");
        township.bundles().forward(out, secondReply);
        assertThat(world.serverRows("applied_mutation")).isEqualTo(applied);
        assertThat(world.serverRows("change_feed")).isEqualTo(feed);
        assertThat(village.bundles().importReply(secondReply).alreadyImported()).isTrue();
        assertThat(BundleWorld.clientSnapshot(village)).isEqualTo(before);

        // An online PC of the same village edits a notice; the next file round brings it here,
        // and a local edit goes up.
        AppContext office = world.villagePc("office");
        world.enrollOnline(office, "村部电脑");
        assertThat(office.syncService().syncNow().ok()).isTrue();
        Notice shared = village.notices().find(village.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status().isEditable()).findFirst().orElseThrow().id()).orElseThrow();
        Notice onOffice = office.notices().find(shared.id()).orElseThrow();
        office.notices().save(onOffice.withContent(SyncFixture.withBody(onOffice, "村部电脑联网改的正文")));
        assertThat(office.syncService().syncNow().ok()).isTrue();
        Notice other = village.notices().find(village.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream()
                .filter(s -> s.status().isEditable() && !s.id().equals(shared.id())).findFirst().orElseThrow().id())
                .orElseThrow();
        village.notices().save(other.withContent(SyncFixture.withBody(other, "山村电脑离线改的正文")));

        BundleService.Imported second = world.fileRound(village, township, null);
        assertThat(second.enrolledNow()).isFalse();
        assertThat(village.notices().find(shared.id()).orElseThrow().content().body()).isEqualTo("村部电脑联网改的正文");
        assertThat(village.sync().status().waiting()).isZero();
        assertThat(office.syncService().syncNow().ok()).isTrue();
        assertThat(office.notices().find(other.id()).orElseThrow().content().body()).isEqualTo("山村电脑离线改的正文");
        assertThat(BundleWorld.clientState(village)).isEqualTo(world.serverState()).isEqualTo(BundleWorld.clientState(office));
        assertThat(world.serverRevisionsStoredTwice()).isZero();
    }

    @Test
    void repliesImportedOutOfOrderAndALostStickLoseNothing() throws Exception {
        AppContext village = world.villagePc("shancun");
        String code = world.server.devices().issueCode(DemoData.VILLAGE);
        // First stick: lost on the way (never imported at the township).
        village.bundles().export(dir.resolve("usb/lost.sanwu"), code, "山村电脑");
        // Second stick carries the same changes again (same mutation ids) and the enrollment.
        Path first = dir.resolve("usb/a.sanwu");
        village.bundles().export(first, null, null);
        Path firstReply = dir.resolve("usb/a-reply.sanwu");
        township.bundles().forward(first, firstReply);
        // Before that reply is home, the village edits and sends a third stick.
        Notice n = village.notices().find(village.notices().search(NoticeQuery.all(DemoData.VILLAGE)).getFirst().id())
                .orElseThrow();
        if (n.status().isEditable()) {
            village.notices().save(n.withContent(SyncFixture.withBody(n, "第三个U盘带的修改")));
        }
        Path second = dir.resolve("usb/b.sanwu");
        village.bundles().export(second, null, null);
        Path secondReply = dir.resolve("usb/b-reply.sanwu");
        township.bundles().forward(second, secondReply);

        // The later reply comes home first, then the earlier one.
        village.bundles().importReply(secondReply);
        long cursor = village.sync().cursor();
        village.bundles().importReply(firstReply);
        assertThat(village.sync().cursor()).as("an older reply never moves the cursor back").isEqualTo(cursor);
        assertThat(village.sync().status().waiting()).isZero();
        assertThat(BundleWorld.clientState(village)).isEqualTo(world.serverState());
        assertThat(world.serverRevisionsStoredTwice()).isZero();
    }
}
