package cn.sanwu.server.device;

import cn.sanwu.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Device enrollment and bearer-token authentication (DESIGN.md §7): an administrator issues a
 * one-time code for a village; a PC exchanges it for a device id and a 256-bit token, which the
 * server keeps only as a SHA-256 hash and can revoke. Thread-safe; all state is in the database.
 */
public final class DeviceService {

    public static final Duration CODE_VALIDITY = Duration.ofDays(7);
    private static final Pattern VILLAGE_CODE = Pattern.compile("\\d{12}");

    private final Database db;
    private final Clock clock;
    private final Secrets secrets = new Secrets();
    private final DeviceRepository repository = new DeviceRepository();

    public DeviceService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What a successful enrollment hands the device; the token is shown this once only. */
    public record Enrollment(UUID deviceId, String token, String villageCode) {
    }

    /** A one-time code as handed out: shown this once, stored only as its hash. */
    public record IssuedCode(String code, String villageCode, Instant expiresAt) {
    }

    /** A fresh one-time code for {@code villageCode}, valid {@link #CODE_VALIDITY} (admin command line). */
    public String issueCode(String villageCode) {
        return issueCode(villageCode, null).code();
    }

    /** A fresh one-time code, recording which user issued it (null: the command line). */
    public IssuedCode issueCode(String villageCode, UUID issuedBy) {
        String code = secrets.newEnrollmentCode();
        return new IssuedCode(code, villageCode, storeCode(code, villageCode, false, issuedBy));
    }

    /**
     * Makes {@code code} a fresh, unused code for {@code villageCode}, replacing an earlier one of
     * the same text: the demo prints the same code on every start so the demo client can enroll
     * without anyone typing.
     */
    public void reissueFixedCode(String code, String villageCode) {
        storeCode(code, villageCode, true, null);
    }

    /** Stores the code's hash and answers when it expires. */
    private Instant storeCode(String code, String villageCode, boolean replace, UUID issuedBy) {
        requireVillageCode(villageCode);
        Instant now = clock.instant();
        String hash = Secrets.hash(Secrets.normaliseCode(code));
        db.inTransaction(c -> {
            if (replace) {
                repository.deleteCode(c, hash);
            }
            repository.insertCode(c, hash, villageCode, now, now.plus(CODE_VALIDITY), issuedBy);
            return null;
        });
        return now.plus(CODE_VALIDITY);
    }

    /** Exchanges a one-time code for a device identity; empty when the code is unknown, used or expired. */
    public Optional<Enrollment> enroll(String code, String deviceName) {
        String name = deviceName == null || deviceName.isBlank() ? "未命名设备" : deviceName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String finalName = name;
        UUID deviceId = UUID.randomUUID();
        String token = secrets.newToken();
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<String> village = repository.claimCode(c, Secrets.hash(Secrets.normaliseCode(code)), deviceId, now);
            if (village.isEmpty()) {
                return Optional.empty();
            }
            repository.insertDevice(c, new Device(deviceId, finalName, village.get(), now, null), Secrets.hash(token));
            return Optional.of(new Enrollment(deviceId, token, village.get()));
        });
    }

    /** The device a bearer token belongs to, if it exists and is not revoked. */
    public Optional<Device> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return db.inTransaction(c -> repository.findByTokenHash(c, Secrets.hash(token.strip())))
                .filter(d -> !d.isRevoked());
    }

    public List<Device> listDevices() {
        return db.inTransaction(repository::list);
    }

    /** Revokes a device at once: its next request gets 401. False if unknown or already revoked. */
    public boolean revoke(UUID deviceId) {
        Instant now = clock.instant();
        return db.inTransaction(c -> repository.revoke(c, deviceId, now));
    }

    public static void requireVillageCode(String villageCode) {
        if (villageCode == null || !VILLAGE_CODE.matcher(villageCode).matches()) {
            throw new IllegalArgumentException("village code must be 12 digits: " + villageCode);
        }
    }
}
