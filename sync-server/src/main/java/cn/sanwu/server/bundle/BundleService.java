package cn.sanwu.server.bundle;

import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.log.ConsistencyProof;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.model.sync.bundle.BundleHeader;
import cn.sanwu.model.sync.bundle.BundleKeys;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The township side of USB bundles (ADR 0012): a village's request file is checked (structure,
 * device, signature, village, protocol) and then handled exactly as an online sync request of that
 * device; the answer goes back as a reply file signed with the server's key. Importing a file again
 * changes nothing (its mutations are DUPLICATE by id) and is reported. Thread-safe; state is in the
 * database. Knows nothing of HTTP.
 */
public final class BundleService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BundleService.class);

    public static final String PATH = "/api/v1/bundles";
    /** Pages of the change feed put into one reply: a village without a connection gets as much as fits at once. */
    static final int MAX_PAGES_PER_REPLY = 32;

    /**
     * @param reply       the reply file's bytes
     * @param request     the imported file's header
     * @param importCount how often this file has been imported, this time included
     * @param enrolled    the file enrolled its device just now
     */
    public record Imported(byte[] reply, BundleHeader request, SyncProtocol.Response response, int importCount,
            boolean enrolled) {
    }

    private final Database db;
    private final DeviceService devices;
    private final SyncService sync;
    private final ServerSigningKey key;
    private final Clock clock;
    private final UuidV7 ids;
    private final long maxBytes;
    private final TransparencyLog log;

    public BundleService(Database db, DeviceService devices, SyncService sync, ServerSigningKey key, Clock clock,
            long maxBytes) {
        this(db, devices, sync, key, clock, maxBytes, null);
    }

    /** With {@code log}, every reply carries the log evidence a PC without a connection checks (ADR 0012). */
    public BundleService(Database db, DeviceService devices, SyncService sync, ServerSigningKey key, Clock clock,
            long maxBytes, TransparencyLog log) {
        this.log = log;
        this.db = db;
        this.devices = devices;
        this.sync = sync;
        this.key = key;
        this.clock = clock;
        this.ids = new UuidV7(clock);
        this.maxBytes = maxBytes;
    }

    public ServerSigningKey signingKey() {
        return key;
    }

    /**
     * Imports a village's request file and answers the reply file; refused files change nothing.
     *
     * @param carriable whether the caller may bring files of this village (its scope)
     */
    public Imported importRequest(byte[] file, Predicate<String> carriable) throws BundleException {
        BundleFile.Parsed parsed = BundleFile.parse(file, maxBytes);
        if (parsed.kind() != BundleFile.Kind.REQUEST) {
            throw new BundleException(Reason.WRONG_KIND, "这是" + parsed.kind().label()
                    + "，应在村里的电脑上导入（sanwu import-bundle 文件），不是在乡镇。未导入任何内容。");
        }
        BundleHeader header = parsed.header();
        if (header.protocol() != SyncProtocol.VERSION) {
            throw protocolMismatch(header.protocol());
        }
        if (header.villageCode() == null || !carriable.test(header.villageCode())) {
            throw new BundleException(Reason.OUT_OF_SCOPE, "这份文件属于村 " + header.villageCode()
                    + "，不在您的管辖范围内，未导入任何内容。");
        }
        boolean enrolling = devices.find(header.deviceId()).isEmpty() && header.enrollment() != null;
        Device device = enrolling ? enrollByFile(parsed) : signedByKnownDevice(parsed);
        if (!device.villageCode().equals(header.villageCode())) {
            throw new BundleException(Reason.WRONG_VILLAGE, "文件写明的村代码（" + header.villageCode() + "）与该设备登记的村（"
                    + device.villageCode() + "）不同，未导入任何内容。");
        }
        SyncProtocol.Request request = parsed.body(SyncProtocol.Request.class, maxBytes);
        if (request.protocol() != SyncProtocol.VERSION) {
            throw protocolMismatch(request.protocol());
        }
        SyncProtocol.Response response = syncAllPages(device, request);
        Instant now = clock.instant();
        int imports = db.inTransaction(c -> recordImport(c, header, device, request.mutations().size(), now));
        String proof = header.enrollment() == null ? null
                : BundleKeys.codeProof(BundleKeys.normaliseCode(header.enrollment().code()), key.encodedPublicKey(),
                        device.id().toString());
        BundleHeader replyHeader = BundleHeader.reply(SyncProtocol.VERSION, ids.next(), device.id(), device.villageCode(), now,
                key.keyId(), header.bundleId(), key.encodedPublicKey(), proof).withLog(logEvidence(header.logSize()));
        byte[] reply = BundleFile.write(BundleFile.Kind.REPLY, replyHeader, response, key.privateKey());
        return new Imported(reply, header, response, imports, enrolling);
    }

    /**
     * The first file of a device that has never been online: its one-time code enrolls it, with
     * the key that signed the file. The signature is checked before the code is spent.
     */
    private Device enrollByFile(BundleFile.Parsed parsed) throws BundleException {
        BundleHeader.Enrollment enrollment = parsed.header().enrollment();
        PublicKey deviceKey;
        try {
            deviceKey = BundleKeys.publicKey(enrollment.publicKey());
        } catch (IllegalArgumentException e) {
            throw new BundleException(Reason.CORRUPT, "登记文件中的设备密钥无效，未导入任何内容。请重新导出。");
        }
        parsed.verify(deviceKey);
        if (enrollment.code() == null || enrollment.code().isBlank()) {
            throw enrollRefused();
        }
        return devices.enrollByFile(parsed.header().deviceId(), enrollment.code(), enrollment.deviceName(),
                enrollment.publicKey(), parsed.header().villageCode()).orElseThrow(BundleService::enrollRefused);
    }

    private Device signedByKnownDevice(BundleFile.Parsed parsed) throws BundleException {
        BundleHeader header = parsed.header();
        Device device = devices.find(header.deviceId()).orElseThrow(() -> new BundleException(Reason.UNKNOWN_DEVICE,
                "这份文件来自未在本服务器登记的设备（编号 " + header.deviceId() + "），未导入任何内容。"
                        + "请确认它是本乡镇服务器登记的村电脑。"));
        if (device.isRevoked()) {
            throw new BundleException(Reason.DEVICE_REVOKED, "导出这份文件的设备（" + device.name() + "，村代码 "
                    + device.villageCode() + "）已被停用，未导入任何内容。");
        }
        if (device.publicKey() == null) {
            throw new BundleException(Reason.NO_DEVICE_KEY, "该设备（" + device.name() + "）还没有登记文件签名密钥，"
                    + "无法核实文件。请让它联网同步一次（会自动登记密钥），之后再用U盘同步。未导入任何内容。");
        }
        parsed.verify(BundleKeys.publicKey(device.publicKey()));
        return device;
    }

    /** The sync round, then further feed pages into the same reply: the village may not come back for weeks. */
    private SyncProtocol.Response syncAllPages(Device device, SyncProtocol.Request request) {
        SyncProtocol.Response first = sync.sync(device, request);
        List<SyncProtocol.Change> changes = new ArrayList<>(first.changes());
        SyncProtocol.Response last = first;
        for (int page = 1; page < MAX_PAGES_PER_REPLY && last.hasMore() && !last.rebootstrap(); page++) {
            last = sync.sync(device, new SyncProtocol.Request(SyncProtocol.VERSION, last.cursor(), List.of()));
            changes.addAll(last.changes());
        }
        return new SyncProtocol.Response(SyncProtocol.VERSION, first.results(), changes, last.cursor(), last.hasMore(),
                first.rebootstrap(), first.feedEpoch());
    }

    /**
     * The log's newest checkpoint and keys and, from the size the PC keeps, a consistency proof —
     * what LogWatch fetches online. Never fails an import: without it the PC checks next time.
     */
    private BundleHeader.LogEvidence logEvidence(Long keptSize) {
        if (log == null) {
            return null;
        }
        try {
            TransparencyLog.StoredCheckpoint latest = log.latest();
            ConsistencyProof proof = keptSize != null && keptSize > 0 && keptSize < latest.treeSize()
                    ? log.consistency(keptSize, latest.treeSize()) : null;
            return new BundleHeader.LogEvidence(latest.signedNote(), log.keys().verifierKeys(), proof);
        } catch (RuntimeException e) {
            LOG.warn("event=bundle-log-evidence-failed reason=\"{}\"", e.getMessage());
            return null;
        }
    }

    private static int recordImport(Connection c, BundleHeader header, Device device, int mutations, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE bundle_import SET last_imported_at = ?,"
                + " import_count = import_count + 1 WHERE bundle_id = ?")) {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            ps.setObject(2, header.bundleId());
            if (ps.executeUpdate() == 1) {
                try (PreparedStatement q = c.prepareStatement("SELECT import_count FROM bundle_import WHERE bundle_id = ?")) {
                    q.setObject(1, header.bundleId());
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bundle_import(bundle_id, device_id, village_code,"
                + " created_at, first_imported_at, last_imported_at, import_count, mutation_count) VALUES (?, ?, ?, ?, ?, ?, 1, ?)")) {
            ps.setObject(1, header.bundleId());
            ps.setObject(2, device.id());
            ps.setString(3, device.villageCode());
            ps.setObject(4, (header.createdAt() == null ? now : header.createdAt()).atOffset(ZoneOffset.UTC));
            ps.setObject(5, now.atOffset(ZoneOffset.UTC));
            ps.setObject(6, now.atOffset(ZoneOffset.UTC));
            ps.setInt(7, mutations);
            ps.executeUpdate();
        }
        return 1;
    }

    private static BundleException protocolMismatch(int version) {
        return new BundleException(Reason.PROTOCOL_MISMATCH, "文件的同步协议版本（" + version + "）与服务器（" + SyncProtocol.VERSION
                + "）不兼容，请把村里的三务升级后重新导出。未导入任何内容。");
    }

    private static BundleException enrollRefused() {
        return new BundleException(Reason.ENROLL_REFUSED, "文件中的登记码无效、已使用、已过期或不属于文件写明的村，未导入任何内容。"
                + "请向管理员索取新的登记码，在村里重新导出。");
    }
}
