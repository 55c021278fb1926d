package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.model.sync.bundle.BundleFile;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A village that only ever syncs by USB stick keeps the transparency log honest too (ADR 0012,
 * docs/sync-client.md): its request names the size of the checkpoint it keeps, the server's signed
 * reply carries the newest checkpoint, the log's keys and a consistency proof from that size, and
 * the PC checks them exactly as online. A log the server rewrote is reported on import, and the PC
 * keeps the checkpoint it trusted.
 */
class BundleLogWatchTest {

    @TempDir
    Path dir;
    BundleWorld world;
    AppContext township;
    ServerLog log;

    @BeforeEach
    void start() throws Exception {
        world = new BundleWorld(dir);
        township = world.townshipPc();
        log = new ServerLog(world.server, DemoData.VILLAGE);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aVillageOnlyOnUsbSticksChecksTheLogAndCatchesARewrite() throws Exception {
        AppContext village = world.villagePc("shancun");
        log.publish(3, "原文");
        BundleService.Imported enrolled = world.fileRound(village, township, world.server.devices().issueCode(DemoData.VILLAGE));
        assertThat(enrolled.enrolledNow()).isTrue();
        assertThat(enrolled.logProblem()).isEmpty();
        assertThat(kept(village)).as("first file: checkpoint and keys pinned from the signed reply").isEqualTo(3);

        log.publish(4, "原文");
        Path request = dir.resolve("usb/second.sanwu");
        village.bundles().export(request, null, null);
        assertThat(BundleFile.read(request, BundleFile.DEFAULT_MAX_BYTES).header().logSize()).isEqualTo(3);
        Path reply = dir.resolve("usb/second-reply.sanwu");
        township.bundles().forward(request, reply);
        var evidence = BundleFile.read(reply, BundleFile.DEFAULT_MAX_BYTES).header().log();
        assertThat(evidence.consistency().oldSize()).isEqualTo(3);
        assertThat(evidence.consistency().newSize()).isEqualTo(7);
        System.out.println("USB reply log evidence, 3 -> 7 leaves: "
                + cn.sanwu.model.json.ModelJson.mapper().writeValueAsBytes(evidence).length + " bytes of header JSON");
        assertThat(village.bundles().importReply(reply).logProblem()).isEmpty();
        assertThat(kept(village)).as("grown with the proof in the file").isEqualTo(7);

        // Someone with the server's database rewrites history; the server signs what is there.
        log.wipe();
        log.publish(9, "改写");
        BundleService.Imported rewritten = world.fileRound(village, township, null);
        assertThat(rewritten.results() + rewritten.changes()).as("the sync itself still worked").isGreaterThanOrEqualTo(0);
        assertThat(rewritten.logProblem()).hasValueSatisfying(m -> assertThat(m).contains("防篡改日志校验失败", "前 7 条"));
        assertThat(kept(village)).as("the PC keeps the checkpoint it trusted").isEqualTo(7);
        assertThat(world.fileRound(village, township, null).logProblem()).as("reported again on the next file")
                .hasValueSatisfying(m -> assertThat(m).contains("防篡改日志校验失败"));
    }

    /** A reply answering a request made before the PC's checkpoint changed has no proof for it: not checked, no false alarm. */
    @Test
    void aReplyWhoseProofNoLongerFitsIsNotCheckedAndRaisesNoAlarm() throws Exception {
        AppContext village = world.villagePc("shancun");
        log.publish(2, "原文");
        world.fileRound(village, township, world.server.devices().issueCode(DemoData.VILLAGE));
        assertThat(kept(village)).isEqualTo(2);
        log.publish(3, "原文");
        Path early = dir.resolve("usb/early.sanwu");
        village.bundles().export(early, null, null); // names size 2
        Path earlyReply = dir.resolve("usb/early-reply.sanwu");
        world.fileRound(village, township, null); // another stick went faster: the PC now keeps 5
        assertThat(kept(village)).isEqualTo(5);
        log.publish(1, "原文");
        township.bundles().forward(early, earlyReply); // proof 2 → 6, the PC keeps 5
        assertThat(village.bundles().importReply(earlyReply).logProblem()).isEmpty();
        assertThat(kept(village)).as("not checked this time: the stored checkpoint stays").isEqualTo(5);
    }

    private static long kept(AppContext pc) {
        return LogCheckpointExport.treeSize(LogCheckpointExport.stored(pc.settings()).orElseThrow());
    }
}
