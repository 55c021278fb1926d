package cn.sanwu.server.bundle;

import static cn.sanwu.server.testing.BundleFiles.requestFile;
import static cn.sanwu.server.testing.Notices.OTHER_VILLAGE;
import static cn.sanwu.server.testing.Notices.VILLAGE;
import static cn.sanwu.server.testing.Notices.newNotice;
import static cn.sanwu.server.testing.Notices.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.SyncProtocol.Outcome;
import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.Rows;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import cn.sanwu.server.testing.TestServer.KeyedDevice;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundle files against the real server on loopback (H2 file, or PostgreSQL with
 * -Dsanwu.test.postgres): a village file is imported by a township PC and answered with a signed
 * reply; a second import changes nothing; tampered, truncated, foreign and misdirected files are
 * refused with their reason and change nothing.
 */
class BundleImportTest {

    @TempDir
    Path dir;
    ServerConfig config;
    TestServer server;
    KeyedDevice village;
    KeyedDevice township;

    @BeforeEach
    void start() {
        config = TestDatabases.config(dir);
        server = TestServer.start(config);
        village = server.enrollKeyedDevice(VILLAGE, "村委会电脑");
        township = server.enrollKeyedDevice("219901101000", "乡镇三务办电脑");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BundleService bundles() {
        SyncServer s = server.server();
        return new BundleService(s.database(), s.devices(), new cn.sanwu.server.sync.SyncService(s.database(),
                Clock.systemUTC(), cn.sanwu.server.sync.SyncService.DEFAULT_PAGE_BYTES),
                ServerSigningKey.loadOrCreate(s.database(), Clock.systemUTC()), Clock.systemUTC(), 8 * 1024 * 1024);
    }

    /** Everything an import may write, to prove a refusal wrote nothing. */
    private List<Long> written() {
        var db = server.server().database();
        return List.of(Rows.written(db), Rows.count(db, "bundle_import"), Rows.count(db, "device"),
                Rows.count(db, "enrollment_code"));
    }

    private static SyncProtocol.Response reply(TestServer.BinaryReply answer, KeyedDevice d, byte[] request) throws Exception {
        assertThat(answer.status()).as("%s", answer.error()).isEqualTo(200);
        BundleFile.Parsed parsed = BundleFile.parse(answer.body(), BundleFile.DEFAULT_MAX_BYTES);
        parsed.verify(d.serverKey());
        assertThat(parsed.kind()).isEqualTo(BundleFile.Kind.REPLY);
        assertThat(parsed.header().deviceId()).isEqualTo(d.deviceId());
        assertThat(parsed.header().answers())
                .isEqualTo(BundleFile.parse(request, BundleFile.DEFAULT_MAX_BYTES).header().bundleId());
        return parsed.body(SyncProtocol.Response.class, BundleFile.DEFAULT_MAX_BYTES);
    }

    @Test
    void aVillageFileIsAnsweredWithASignedReplyAndASecondImportChangesNothing() throws Exception {
        UUID notice = UUID.randomUUID();
        byte[] file = requestFile(village, push(0, newNotice(notice, VILLAGE, "2026年第三季度财务公开")));

        TestServer.BinaryReply first = server.postBytes(BundleService.PATH, township.token(), file);
        SyncProtocol.Response r1 = reply(first, village, file);
        assertThat(r1.results()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.APPLIED));
        assertThat(r1.changes()).singleElement().satisfies(c -> assertThat(c.entityId()).isEqualTo(notice));
        assertThat(first.importCount()).isEqualTo("1");
        List<Long> after = written();

        TestServer.BinaryReply again = server.postBytes(BundleService.PATH, township.token(), file);
        SyncProtocol.Response r2 = reply(again, village, file);
        assertThat(r2.results()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE));
        assertThat(again.importCount()).isEqualTo("2");
        assertThat(Rows.written(server.server().database())).isEqualTo(after.getFirst());
        assertThat(written()).isEqualTo(after);

        // The same change reached the village's other, online device: one feed for both paths.
        var online = server.enrollNewDevice(VILLAGE, "会计电脑");
        assertThat(server.sync(online.token(), push(0)).changes()).singleElement()
                .satisfies(c -> assertThat(c.entityId()).isEqualTo(notice));
    }

    /**
     * Every byte of the prefix and header, and a random sample of 200 positions in the body and
     * signature (seed printed, {@code -Dseed=}); shared-model's BundleFileTest flips every byte
     * without a server.
     */
    @Test
    void singleByteChangesOfASmallFileAreRefusedAndChangeNothing() throws Exception {
        byte[] good = requestFile(village, push(0, newNotice(UUID.randomUUID(), VILLAGE, "财务公开")));
        BundleService bundles = bundles();
        List<Long> before = written();
        long seed = Long.getLong("seed", System.nanoTime());
        System.out.println("BundleImportTest seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        int headerEnd = BundleFile.parse(good, good.length).bodyOffset();
        java.util.stream.IntStream positions = java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, headerEnd),
                random.ints(200, headerEnd, good.length));
        for (int i : positions.toArray()) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 + random.nextInt(255));
            assertThatThrownBy(() -> bundles.importRequest(bad, village -> true)).as("byte %d of %d (seed %d)", i, good.length, seed)
                    .isInstanceOf(BundleException.class);
        }
        assertThat(written()).isEqualTo(before);
        // And over HTTP, the refusal has a reason and a Chinese message.
        byte[] bad = good.clone();
        bad[bad.length - 70] ^= 1;
        TestServer.BinaryReply refused = server.postBytes(BundleService.PATH, township.token(), bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error().get("code").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(refused.error().get("message").asText()).contains("签名不符");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void foreignRevokedKeylessAndMisdirectedFilesAreRefusedWithTheirReason() throws Exception {
        SyncProtocol.Request request = push(0, newNotice(UUID.randomUUID(), VILLAGE, "财务公开"));
        List<Long> before = written();
        KeyPair stranger = BundleKeys.generate();
        assertRefused(requestFile(UUID.randomUUID(), VILLAGE, stranger, request, null), Reason.UNKNOWN_DEVICE, "未在本服务器登记");
        // A file that names the village device but is signed by another key.
        assertRefused(requestFile(village.deviceId(), VILLAGE, stranger, request, null), Reason.BAD_SIGNATURE, "签名不符");
        assertRefused(requestFile(village.deviceId(), OTHER_VILLAGE, village.keys(), request, null), Reason.WRONG_VILLAGE,
                OTHER_VILLAGE);
        BundleHeader future = BundleHeader.request(2, UUID.randomUUID(), village.deviceId(), VILLAGE, Instant.now(),
                BundleKeys.keyId(village.keys().getPublic()), null);
        assertRefused(BundleFile.write(BundleFile.Kind.REQUEST, future, request, village.keys().getPrivate()),
                Reason.PROTOCOL_MISMATCH, "升级");
        byte[] replyFile = BundleFile.write(BundleFile.Kind.REPLY, BundleHeader.reply(1, UUID.randomUUID(), village.deviceId(),
                VILLAGE, Instant.now(), "x", UUID.randomUUID(), null, null), request, village.keys().getPrivate());
        assertRefused(replyFile, Reason.WRONG_KIND, "村里的电脑上导入");
        assertRefused("not a bundle at all".getBytes(), Reason.NOT_A_BUNDLE, "不是三务同步文件");

        // An older device without a key: refused until it registers one online.
        var old = server.enrollNewDevice(VILLAGE, "旧电脑");
        KeyPair oldKeys = BundleKeys.generate();
        byte[] fromOld = requestFile(UUID.fromString(old.deviceId()), VILLAGE, oldKeys, request, null);
        assertRefused(fromOld, Reason.NO_DEVICE_KEY, "联网同步一次");
        assertThat(written()).isEqualTo(List.of(before.get(0), before.get(1), before.get(2) + 1, before.get(3) + 1));
        String keyJson = "{\"publicKey\":\"" + BundleKeys.encode(oldKeys.getPublic()) + "\"}";
        TestServer.Reply registered = server.postJson("/api/v1/device/key", old.token(), keyJson);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body().get("serverPublicKey").asText()).isEqualTo(BundleKeys.encode(village.serverKey()));
        assertThat(server.postJson("/api/v1/device/key", old.token(), keyJson).status()).as("same key again").isEqualTo(200);
        assertThat(server.postJson("/api/v1/device/key", old.token(),
                "{\"publicKey\":\"" + BundleKeys.encode(stranger.getPublic()) + "\"}").status()).isEqualTo(409);
        assertThat(server.postJson("/api/v1/device/key", old.token(), "{\"publicKey\":\"abc\"}").status()).isEqualTo(400);
        assertThat(server.postBytes(BundleService.PATH, township.token(), fromOld).status()).isEqualTo(200);

        // Revoked: refused, by file as online.
        server.server().devices().revoke(village.deviceId());
        List<Long> beforeRevoked = written();
        assertRefused(requestFile(village, request), Reason.DEVICE_REVOKED, "已被停用");
        assertThat(written()).isEqualTo(beforeRevoked);
        // Only an authenticated courier may upload.
        assertThat(server.postBytes(BundleService.PATH, null, requestFile(township, push(0))).status()).isEqualTo(401);
    }

    private void assertRefused(byte[] file, Reason reason, String messagePart) {
        List<Long> before = written();
        TestServer.BinaryReply answer = server.postBytes(BundleService.PATH, township.token(), file);
        assertThat(answer.status()).as("%s", answer.error()).isEqualTo(422);
        assertThat(answer.error().get("code").asText()).isEqualTo(reason.name());
        assertThat(answer.error().get("message").asText()).contains(messagePart);
        assertThat(written()).as("a refused file writes nothing").isEqualTo(before);
    }

    @Test
    void aDeviceThatWasNeverOnlineEnrollsWithItsFirstFile() throws Exception {
        String code = server.server().devices().issueCode(VILLAGE);
        KeyPair keys = BundleKeys.generate();
        UUID deviceId = UUID.randomUUID();
        BundleHeader.Enrollment enrollment = new BundleHeader.Enrollment(code.toLowerCase(), "山村电脑",
                BundleKeys.encode(keys.getPublic()));
        SyncProtocol.Request request = push(0, newNotice(UUID.randomUUID(), VILLAGE, "第一份公开"));

        // A code for another village is refused, and stays unused for its own village.
        String otherCode = server.server().devices().issueCode(OTHER_VILLAGE);
        assertRefused(requestFile(deviceId, VILLAGE, keys, request, new BundleHeader.Enrollment(otherCode, "x",
                BundleKeys.encode(keys.getPublic()))), Reason.ENROLL_REFUSED, "登记码无效");
        // A file signed by another key than the one it enrolls is refused before the code is spent.
        byte[] forged = requestFile(deviceId, VILLAGE, BundleKeys.generate(), request, enrollment);
        assertRefused(forged, Reason.BAD_SIGNATURE, "签名不符");

        byte[] file = requestFile(deviceId, VILLAGE, keys, request, enrollment);
        TestServer.BinaryReply answer = server.postBytes(BundleService.PATH, township.token(), file);
        assertThat(answer.status()).isEqualTo(200);
        BundleFile.Parsed parsed = BundleFile.parse(answer.body(), BundleFile.DEFAULT_MAX_BYTES);
        String serverKey = parsed.header().serverPublicKey();
        parsed.verify(BundleKeys.publicKey(serverKey));
        assertThat(parsed.header().codeProof())
                .isEqualTo(BundleKeys.codeProof(BundleKeys.normaliseCode(code), serverKey, deviceId.toString()));
        assertThat(parsed.body(SyncProtocol.Response.class, 1 << 20).results()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.APPLIED));
        assertThat(server.server().devices().find(deviceId)).hasValueSatisfying(d -> {
            assertThat(d.villageCode()).isEqualTo(VILLAGE);
            assertThat(d.publicKey()).isEqualTo(BundleKeys.encode(keys.getPublic()));
        });
        // The same first file again: the device exists now; nothing new, the reply proves the code again.
        TestServer.BinaryReply again = server.postBytes(BundleService.PATH, township.token(), file);
        assertThat(again.status()).isEqualTo(200);
        assertThat(BundleFile.parse(again.body(), BundleFile.DEFAULT_MAX_BYTES).header().codeProof())
                .isEqualTo(parsed.header().codeProof());
        // The code is spent: another device cannot enroll with it.
        KeyPair thief = BundleKeys.generate();
        assertRefused(requestFile(UUID.randomUUID(), VILLAGE, thief, request, new BundleHeader.Enrollment(code, "x",
                BundleKeys.encode(thief.getPublic()))), Reason.ENROLL_REFUSED, "登记码");
    }

    @Test
    void anOversizedFileIsRefused() throws Exception {
        try (TestServer small = TestServer.start(TestDatabases.config(dir.resolve("small")).withMaxBodyBytes(64 * 1024))) {
            KeyedDevice courier = small.enrollKeyedDevice("219901101000", "乡镇");
            TestServer.BinaryReply answer = small.postBytes(BundleService.PATH, courier.token(), new byte[100 * 1024]);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.error().get("message").asText()).contains("太大");
        }
        // A file within the upload limit whose packed body unpacks past it is cut off there.
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            title.append('公');
        }
        byte[] bomb = requestFile(village, push(0, newNotice(UUID.randomUUID(), VILLAGE, title.toString())));
        BundleService tight = new BundleService(server.server().database(), server.server().devices(), null,
                ServerSigningKey.loadOrCreate(server.server().database(), Clock.systemUTC()), Clock.systemUTC(), 64 * 1024);
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> tight.importRequest(bomb, village -> true)).isInstanceOf(BundleException.class)
                .satisfies(e -> assertThat(((BundleException) e).reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void aTownshipReviewerCarriesFilesOfItsOwnVillagesOnly() throws Exception {
        AccountFixture.create(server.server().accounts());
        String reviewer = server.sessionToken("reviewer", AccountFixture.PASSWORD);
        KeyedDevice own = server.enrollKeyedDevice(AccountFixture.OWN_VILLAGE, "本乡村电脑");
        KeyedDevice foreign = server.enrollKeyedDevice(AccountFixture.OTHER_TOWNSHIP_VILLAGE, "外乡村电脑");

        byte[] ownFile = requestFile(own, push(0, newNotice(UUID.randomUUID(), AccountFixture.OWN_VILLAGE, "财务公开")));
        TestServer.BinaryReply answer = server.postBytes(BundleService.PATH, reviewer, ownFile);
        assertThat(reply(answer, own, ownFile).results()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.APPLIED));

        List<Long> before = written();
        byte[] foreignFile = requestFile(foreign, push(0, newNotice(UUID.randomUUID(), AccountFixture.OTHER_TOWNSHIP_VILLAGE,
                "财务公开")));
        TestServer.BinaryReply refused = server.postBytes(BundleService.PATH, reviewer, foreignFile);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error().get("code").asText()).isEqualTo(Reason.OUT_OF_SCOPE.name());
        assertThat(written()).isEqualTo(before);
        String admin = server.sessionToken("admin", AccountFixture.PASSWORD);
        assertThat(server.postBytes(BundleService.PATH, admin, foreignFile).status()).isEqualTo(200);
    }

    @Test
    void theServerKeyIsKeptInTheDatabaseAcrossRestarts() {
        server.close();
        server = TestServer.start(config);
        assertThat(server.enrollKeyedDevice(VILLAGE, "x").serverKey()).isEqualTo(village.serverKey());
    }
}
