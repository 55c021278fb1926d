package cn.sanwu.client.sync;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.village.VillageService;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * USB bundles on the client (ADR 0012, docs/sync-client.md): the village exports its next sync
 * request as a signed file and later imports the township's reply; a township PC forwards a
 * village's file to the server and writes the reply. Every refusal is a {@link BundleException}
 * with a Chinese message, and nothing is changed by it. Thread-safe via {@link Database}.
 */
public final class BundleService {

    static final String PENDING_CODE = "bundle.pendingEnrollCode";
    static final String PENDING_NAME = "bundle.pendingDeviceName";

    /** @param mutations changes carried; {@code enrolling} the file also asks to enroll this PC */
    public record Exported(UUID bundleId, Path file, int mutations, boolean enrolling) {
    }

    /**
     * @param alreadyImported the reply was imported before: nothing was changed now
     * @param enrolledNow     the reply completed this PC's enrollment by file
     * @param logProblem      the transparency log check the reply allowed failed: the warning (else empty)
     */
    public record Imported(UUID answers, int results, int changes, boolean hasMore, boolean alreadyImported,
            boolean enrolledNow, Instant answeredAt, Optional<String> logProblem) {
    }

    /** What the township forwarded: the village file's header and where the reply went. */
    public record Forwarded(BundleHeader request, Path reply) {
    }

    private final Database db;
    private final SettingsRepository settings;
    private final SyncEngine engine;
    private final VillageService villages;
    private final DeviceKeys keys;
    private final LogWatch log;
    private final UuidV7 ids;
    private final Clock clock;

    public BundleService(Database db, SettingsRepository settings, SyncEngine engine, VillageService villages, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.engine = engine;
        this.villages = villages;
        this.keys = new DeviceKeys(db, settings);
        this.log = new LogWatch(db, settings);
        this.ids = new UuidV7(clock);
        this.clock = clock;
    }

    /**
     * Writes the next sync request to {@code file}: the outbox entries become SENT (as for an
     * online round) in the same transaction that records the export, and only if the file was
     * written. A PC that was never enrolled passes the one-time code; it travels in this and every
     * following file until a reply completes the enrollment.
     */
    public Exported export(Path file, String enrollCode, String deviceName) throws BundleException, IOException {
        String village = villages.profile().map(p -> p.code()).orElseThrow(() -> new BundleException(Reason.NOT_ENROLLED,
                "请先在三务中设置本村信息，再导出同步文件。"));
        BundleHeader.Enrollment enrollment = enrollmentFor(enrollCode, deviceName);
        UUID deviceId = settings.get(SyncService.DEVICE_ID).map(UUID::fromString).orElseGet(UUID::randomUUID);
        UUID bundleId = ids.next();
        Instant now = clock.instant();
        var keyPair = keys.ensure();
        SyncProtocol.Request request;
        try {
            request = prepareAndWrite(file, village, enrollment, deviceId, bundleId, now, keyPair);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Exported(bundleId, file, request.mutations().size(), enrollment != null);
    }

    private SyncProtocol.Request prepareAndWrite(Path file, String village, BundleHeader.Enrollment enrollment, UUID deviceId,
            UUID bundleId, Instant now, java.security.KeyPair keyPair) {
        return engine.prepareBundle(bundleId, (c, prepared) -> {
            if (enrollment != null) {
                SettingsRepository.put(c, SyncService.DEVICE_ID, deviceId.toString());
                SettingsRepository.put(c, PENDING_CODE, enrollment.code());
                SettingsRepository.put(c, PENDING_NAME, enrollment.deviceName());
            }
            recordExport(c, bundleId, now, prepared, file);
            BundleHeader header = BundleHeader.request(SyncProtocol.VERSION, bundleId, deviceId, village, now,
                    BundleKeys.keyId(keyPair.getPublic()), enrollment).withLogSize(log.keptSize().orElse(null));
            try {
                BundleFile.writeAtomically(file, BundleFile.write(BundleFile.Kind.REQUEST, header, prepared, keyPair.getPrivate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // rolls the export back: the entries stay as they were
            }
        });
    }

    private BundleHeader.Enrollment enrollmentFor(String enrollCode, String deviceName) throws BundleException {
        boolean enrolled = keys.registered() && settings.get(SyncService.DEVICE_ID).isPresent();
        Optional<String> pending = settings.get(PENDING_CODE);
        if (enrolled && enrollCode != null) {
            throw new BundleException(Reason.ENROLL_REFUSED, "本机已登记，导出同步文件不需要登记码。");
        }
        if (enrolled) {
            return null;
        }
        if (settings.get(SyncService.TOKEN).isPresent()) {
            // Enrolled online before bundle files existed: its key is registered by its next online sync.
            throw new BundleException(Reason.NO_DEVICE_KEY, "本机还没有向服务器登记文件签名密钥。请先联网同步一次"
                    + "（sanwu sync），之后就可以用U盘同步。");
        }
        if (enrollCode == null && pending.isEmpty()) {
            throw new BundleException(Reason.NOT_ENROLLED, "本机尚未登记。第一次用U盘同步时，请加上乡镇发的一次性登记码："
                    + "sanwu export-bundle 文件 --code 登记码");
        }
        String code = enrollCode != null ? BundleKeys.normaliseCode(enrollCode) : pending.get();
        if (code.isBlank()) {
            throw new BundleException(Reason.ENROLL_REFUSED, "请填写乡镇发给本村的一次性登记码。");
        }
        String name = deviceName != null ? deviceName : settings.get(PENDING_NAME).orElse("村务电脑");
        return new BundleHeader.Enrollment(code, name, keys.publicKeyText());
    }

    private static void recordExport(Connection c, UUID bundleId, Instant now, SyncProtocol.Request prepared, Path file)
            throws SQLException {
        List<UUID> mutationIds = prepared.mutations().stream().map(SyncProtocol.Mutation::mutationId).toList();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bundle_export(bundle_id, created_at, feed_cursor,"
                + " mutation_ids, file_name) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, bundleId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, prepared.cursor());
            ps.setString(4, ModelJson.mapper().writeValueAsString(mutationIds));
            ps.setString(5, file.toAbsolutePath().toString());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of UUIDs is always JSON", e);
        }
    }

    /**
     * Applies a reply file: it must be signed by the pinned server key (or, completing an
     * enrollment by file, prove the one-time code), be meant for this device and answer a file this
     * PC exported. A reply imported before is reported and changes nothing.
     */
    public Imported importReply(Path file) throws BundleException {
        BundleFile.Parsed parsed = BundleFile.read(file, BundleFile.DEFAULT_MAX_BYTES);
        if (parsed.kind() != BundleFile.Kind.REPLY) {
            throw new BundleException(Reason.WRONG_KIND, "这是" + parsed.kind().label() + "，应拿到乡镇导入"
                    + "（sanwu import-bundle 文件 --reply 回复文件），不是在村里导入。未做任何修改。");
        }
        BundleHeader header = parsed.header();
        String myDevice = settings.get(SyncService.DEVICE_ID).orElseThrow(() -> new BundleException(Reason.NOT_ENROLLED,
                "本机尚未登记，也没有导出过同步文件，无法导入回复文件。"));
        if (!header.deviceId().toString().equals(myDevice)) {
            throw new BundleException(Reason.OTHER_DEVICE, "这个回复文件是给另一台电脑的（设备编号 " + header.deviceId()
                    + "，本机是 " + myDevice + "）。请找到本机的回复文件。未做任何修改。");
        }
        Optional<String> enrollingWith = keys.registered() ? Optional.empty() : settings.get(PENDING_CODE);
        PublicKey serverKey = enrollingWith.isPresent() ? provenServerKey(header, enrollingWith.get(), myDevice)
                : keys.pinnedServerKey().orElseThrow(() -> new BundleException(Reason.NO_DEVICE_KEY,
                        "本机还没有服务器的签名密钥，无法核实回复文件。请先联网同步一次（sanwu sync）。"));
        if (!header.signerKeyId().equals(BundleKeys.keyId(serverKey))) {
            throw new BundleException(Reason.OTHER_SERVER, "这个回复文件不是本机登记的同步服务器签发的（签名密钥 "
                    + header.signerKeyId() + "，本机认可的是 " + BundleKeys.keyId(serverKey) + "）。未做任何修改。");
        }
        parsed.verify(serverKey);
        if (header.protocol() != SyncProtocol.VERSION) {
            throw new BundleException(Reason.PROTOCOL_MISMATCH, "回复文件的同步协议版本（" + header.protocol()
                    + "）与本程序（" + SyncProtocol.VERSION + "）不同，请升级三务。未做任何修改。");
        }
        Export export = findExport(header.answers()).orElseThrow(() -> new BundleException(Reason.UNKNOWN_BUNDLE,
                "本机没有导出过这个回复所答复的同步文件（" + header.answers() + "）。未做任何修改。"));
        if (export.answeredAt() != null) {
            return new Imported(header.answers(), 0, 0, false, true, false, export.answeredAt(), Optional.empty());
        }
        SyncProtocol.Response response = parsed.body(SyncProtocol.Response.class, BundleFile.DEFAULT_MAX_BYTES);
        SyncProtocol.Request sent = new SyncProtocol.Request(SyncProtocol.VERSION, export.cursor(), export.mutationIds().stream()
                .map(id -> new SyncProtocol.Mutation(id, null, null, 0, null)).toList());
        Instant now = clock.instant();
        engine.applyBundleReply(sent, response, c -> {
            markAnswered(c, header, now);
            if (enrollingWith.isPresent()) {
                DeviceKeys.recordRegistered(c, header.serverPublicKey());
                forgetFileEnrollment(c);
            }
            return null;
        });
        // A PC without a connection keeps the log honest too: the reply carries what LogWatch fetches online.
        Optional<String> logProblem = header.log() == null ? Optional.empty() : log.check(LogWatch.fromBundle(header.log()));
        return new Imported(header.answers(), response.results().size(), response.changes().size(), response.hasMore(), false,
                enrollingWith.isPresent(), now, logProblem);
    }

    /** The first reply to a file enrollment names the server key; the code proof shows it is the server the code came from. */
    private static PublicKey provenServerKey(BundleHeader header, String code, String deviceId) throws BundleException {
        String claimed = header.serverPublicKey();
        if (claimed == null || header.codeProof() == null
                || !BundleKeys.codeProof(code, claimed, deviceId).equals(header.codeProof())) {
            throw new BundleException(Reason.OTHER_SERVER, "无法证实这个回复文件来自发放本机登记码的服务器，未做任何修改。"
                    + "请确认回复文件是乡镇用本机导出的文件生成的。");
        }
        try {
            return BundleKeys.publicKey(claimed);
        } catch (IllegalArgumentException e) {
            throw new BundleException(Reason.CORRUPT, "回复文件中的服务器密钥无效，未做任何修改。");
        }
    }

    /** A later online enrollment supersedes a file enrollment that never completed. */
    static void forgetFileEnrollment(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM setting WHERE k IN (?, ?)")) {
            ps.setString(1, PENDING_CODE);
            ps.setString(2, PENDING_NAME);
            ps.executeUpdate();
        }
    }

    /**
     * Township: sends a village's file to the server with this PC's token and writes the reply to
     * {@code replyFile}, after checking it answers that file (and, if this PC pins the server key,
     * that the server signed it).
     */
    public Forwarded forward(Path villageFile, Path replyFile) throws BundleException, IOException, SyncTransport.Refused {
        String url = settings.get(SyncService.SERVER_URL).orElse(null);
        String token = settings.get(SyncService.TOKEN).orElse(null);
        if (url == null || token == null) {
            throw new BundleException(Reason.NOT_ENROLLED, "本机尚未登记到同步服务器，不能代村里导入文件。"
                    + "请先用登记码登记本机（sanwu enroll --server 网址 --code 登记码）。");
        }
        if (Files.exists(replyFile) && Files.isSameFile(villageFile, replyFile)) {
            throw new BundleException(Reason.WRONG_KIND, "回复文件不能覆盖村里导出的文件，请另起一个文件名。");
        }
        BundleFile.Parsed request = BundleFile.read(villageFile, BundleFile.DEFAULT_MAX_BYTES);
        if (request.kind() != BundleFile.Kind.REQUEST) {
            throw new BundleException(Reason.WRONG_KIND, "这是" + request.kind().label()
                    + "，应拿回村里导入（sanwu import-bundle 文件），不需要在乡镇导入。");
        }
        byte[] replyBytes = new SyncTransport(url, SyncService.TIMEOUT).uploadBundle(token, request.bytes());
        BundleFile.Parsed reply = BundleFile.parse(replyBytes, BundleFile.DEFAULT_MAX_BYTES);
        if (reply.kind() != BundleFile.Kind.REPLY || !request.header().bundleId().equals(reply.header().answers())) {
            throw new BundleException(Reason.CORRUPT, "服务器的回答不是这份文件的回复文件，未写入回复文件。请重试。");
        }
        Optional<PublicKey> pinned = keys.pinnedServerKey();
        if (pinned.isPresent()) {
            reply.verify(pinned.get());
        }
        BundleFile.writeAtomically(replyFile, replyBytes);
        return new Forwarded(request.header(), replyFile);
    }

    private record Export(long cursor, List<UUID> mutationIds, Instant answeredAt) {
    }

    private Optional<Export> findExport(UUID bundleId) {
        if (bundleId == null) {
            return Optional.empty();
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT feed_cursor, mutation_ids, answered_at FROM bundle_export WHERE bundle_id = ?")) {
                ps.setObject(1, bundleId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<UUID> mutationIds;
                    try {
                        mutationIds = ModelJson.mapper().readValue(rs.getString(2), new TypeReference<List<UUID>>() { });
                    } catch (JsonProcessingException e) {
                        throw new SQLException("bundle_export.mutation_ids is not a JSON list of ids", e);
                    }
                    Timestamp answered = rs.getTimestamp(3);
                    return Optional.of(new Export(rs.getLong(1), mutationIds, answered == null ? null : answered.toInstant()));
                }
            }
        });
    }

    private static void markAnswered(Connection c, BundleHeader reply, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE bundle_export SET answered_at = ?, reply_id = ? WHERE bundle_id = ? AND answered_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, reply.bundleId());
            ps.setObject(3, reply.answers());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("bundle " + reply.answers() + " was answered meanwhile");
            }
        }
    }
}
