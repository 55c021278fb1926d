package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the village or the township must refuse, each with its reason and a Chinese message, and
 * nothing changed: tampered bytes, truncated, not a bundle, the wrong kind, a reply for another
 * device or from another server, a file of a revoked device.
 */
class BundleRefusalTest {

    @TempDir
    Path dir;
    BundleWorld world;
    AppContext township;
    AppContext village;
    Path request;
    Path reply;

    @BeforeEach
    void start() throws Exception {
        world = new BundleWorld(dir);
        township = world.townshipPc();
        village = world.villagePc("shancun");
        request = dir.resolve("usb/村.sanwu");
        village.bundles().export(request, world.server.devices().issueCode(DemoData.VILLAGE), "山村电脑");
        reply = dir.resolve("usb/回复.sanwu");
        township.bundles().forward(request, reply);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void assertRefused(AppContext pc, Path file, Reason reason, String messagePart) {
        String before = BundleWorld.clientSnapshot(pc);
        assertThatThrownBy(() -> pc.bundles().importReply(file)).isInstanceOf(BundleException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((BundleException) e).reason()).isEqualTo(reason));
        assertThat(BundleWorld.clientSnapshot(pc)).as("a refused file changes nothing").isEqualTo(before);
    }

    /**
     * Every byte of the reply's prefix and header, and 200 random positions after it (seed printed;
     * {@code -Dseed=}), changed one at a time: each is refused and nothing changes; the intact
     * reply then imports.
     */
    @Test
    void singleByteChangesOfAReplyAreRefused() throws Exception {
        byte[] good = Files.readAllBytes(reply);
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("BundleRefusalTest seed=" + seed);
        Random random = new Random(seed);
        int headerEnd = BundleFile.parse(good, good.length).bodyOffset();
        String before = BundleWorld.clientSnapshot(village);
        Path bad = dir.resolve("usb/坏.sanwu");
        for (int i : IntStream.concat(IntStream.range(0, headerEnd), random.ints(200, headerEnd, good.length)).toArray()) {
            byte[] changed = good.clone();
            changed[i] ^= (byte) (1 + random.nextInt(255));
            Files.write(bad, changed);
            assertThatThrownBy(() -> village.bundles().importReply(bad)).as("byte %d of %d (seed %d)", i, good.length, seed)
                    .isInstanceOf(BundleException.class);
        }
        assertThat(BundleWorld.clientSnapshot(village)).isEqualTo(before);
        assertThat(village.bundles().importReply(reply).enrolledNow()).isTrue();
    }

    @Test
    void truncatedForeignAndMisdirectedFilesAreRefused() throws Exception {
        byte[] good = Files.readAllBytes(reply);
        Path cut = dir.resolve("usb/半个.sanwu");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        assertRefused(village, cut, Reason.TRUNCATED, "不完整");
        Path text = dir.resolve("usb/说明.txt");
        Files.writeString(text, "这不是同步文件");
        assertRefused(village, text, Reason.NOT_A_BUNDLE, "不是三务同步文件");
        assertRefused(village, request, Reason.WRONG_KIND, "应拿到乡镇导入");

        // A reply for another device of the same village.
        AppContext neighbour = world.villagePc("neighbour");
        Path neighbourFile = dir.resolve("usb/邻居.sanwu");
        neighbour.bundles().export(neighbourFile, world.server.devices().issueCode(DemoData.VILLAGE), "会计电脑");
        Path neighbourReply = dir.resolve("usb/邻居回复.sanwu");
        township.bundles().forward(neighbourFile, neighbourReply);
        assertRefused(village, neighbourReply, Reason.OTHER_DEVICE, "另一台电脑");

        // A reply that claims to answer our file but is signed by another server's key.
        BundleFile.Parsed ours = BundleFile.parse(good, good.length);
        KeyPair otherServer = BundleKeys.generate();
        String otherKey = BundleKeys.encode(otherServer.getPublic());
        String proof = BundleKeys.codeProof("WRONG-CODE", otherKey, ours.header().deviceId().toString());
        BundleHeader forged = BundleHeader.reply(SyncProtocol.VERSION, UUID.randomUUID(), ours.header().deviceId(),
                DemoData.VILLAGE, Instant.now(), BundleKeys.keyId(otherServer.getPublic()), ours.header().answers(), otherKey, proof);
        Path foreign = dir.resolve("usb/别的服务器.sanwu");
        Files.write(foreign, BundleFile.write(BundleFile.Kind.REPLY, forged,
                ours.body(SyncProtocol.Response.class, 1 << 24), otherServer.getPrivate()));
        assertRefused(village, foreign, Reason.OTHER_SERVER, "无法证实");

        // Once enrolled (server key pinned), another server's reply is named as such.
        village.bundles().importReply(reply);
        Path next = dir.resolve("usb/村-2.sanwu");
        village.bundles().export(next, null, null);
        UUID nextId = BundleFile.read(next, 1 << 24).header().bundleId();
        BundleHeader forgedNext = BundleHeader.reply(SyncProtocol.VERSION, UUID.randomUUID(), ours.header().deviceId(),
                DemoData.VILLAGE, Instant.now(), BundleKeys.keyId(otherServer.getPublic()), nextId, otherKey, null);
        Files.write(foreign, BundleFile.write(BundleFile.Kind.REPLY, forgedNext,
                new SyncProtocol.Response(1, List.of(), List.of(), 0, false, false), otherServer.getPrivate()));
        assertRefused(village, foreign, Reason.OTHER_SERVER, "不是本机登记的同步服务器");
        // A genuine reply to a file this PC has no record of (its store was restored from a backup
        // taken before the export): refused; the changes it answered travel again in the next file.
        Path nextReply = dir.resolve("usb/村-2-回复.sanwu");
        township.bundles().forward(next, nextReply);
        village.database().inTransaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM bundle_export WHERE bundle_id = ?")) {
                ps.setObject(1, nextId);
                return ps.executeUpdate();
            }
        });
        assertRefused(village, nextReply, Reason.UNKNOWN_BUNDLE, "没有导出过");
    }

    @Test
    void theTownshipRefusesRepliesAndFilesOfRevokedDevicesAndWritesNoReply() throws Exception {
        Path out = dir.resolve("usb/不该有.sanwu");
        assertThatThrownBy(() -> township.bundles().forward(reply, out)).isInstanceOf(BundleException.class)
                .hasMessageContaining("应拿回村里导入");
        village.bundles().importReply(reply);
        world.server.devices().revoke(UUID.fromString(village.settings().get(SyncService.DEVICE_ID).orElseThrow()));
        Path next = dir.resolve("usb/村-2.sanwu");
        village.bundles().export(next, null, null);
        assertThatThrownBy(() -> township.bundles().forward(next, out)).isInstanceOf(SyncTransport.Refused.class)
                .hasMessageContaining("已被停用")
                .satisfies(e -> assertThat(((SyncTransport.Refused) e).code()).isEqualTo("DEVICE_REVOKED"));
        assertThat(out).doesNotExist();
    }

    @Test
    void exportNeedsEnrollmentOrACode() throws Exception {
        AppContext fresh = world.villagePc("fresh");
        String before = BundleWorld.clientSnapshot(fresh);
        assertThatThrownBy(() -> fresh.bundles().export(dir.resolve("usb/x.sanwu"), null, null))
                .isInstanceOf(BundleException.class).hasMessageContaining("--code");
        assertThat(BundleWorld.clientSnapshot(fresh)).isEqualTo(before);
        assertThat(dir.resolve("usb/x.sanwu")).doesNotExist();
        village.bundles().importReply(reply);
        assertThatThrownBy(() -> village.bundles().export(dir.resolve("usb/y.sanwu"), "ABCD-EFGH-JKMN", null))
                .isInstanceOf(BundleException.class).hasMessageContaining("不需要登记码");
    }
}
