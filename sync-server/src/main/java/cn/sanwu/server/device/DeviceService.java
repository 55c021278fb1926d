package cn.sanwu.server.device;

import cn.sanwu.model.sync.bundle.BundleKeys;
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
        return enroll(code, deviceName, null);
    }

    /**
     * As {@link #enroll(String, String)}, registering the device's bundle-signing key at once.
     *
     * @param publicKey base64 Ed25519 public key, or null (an older client)
     * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
     */
    public Optional<Enrollment> enroll(String code, String deviceName, String publicKey) {
        String token = secrets.newToken();
        return claim(UUID.randomUUID(), code, deviceName, publicKey, token)
                .map(d -> new Enrollment(d.id(), token, d.villageCode()));
    }

    /**
     * Enrollment by a device's first bundle file (it has never been online): the device chose its
     * id and proved its key by signing the file. It gets a token nobody knows, so it can only
     * sync by file until it enrolls online with a new code. Empty when the code is unusable or
     * belongs to another village than {@code villageCode} (then it stays unused).
     */
    public Optional<Device> enrollByFile(UUID deviceId, String code, String deviceName, String publicKey, String villageCode) {
        return claim(deviceId, code, deviceName, publicKey, secrets.newToken(), villageCode);
    }

    private Optional<Device> claim(UUID deviceId, String code, String deviceName, String publicKey, String token) {
        return claim(deviceId, code, deviceName, publicKey, token, null);
    }

    private Optional<Device> claim(UUID deviceId, String code, String deviceName, String publicKey, String token,
            String requiredVillage) {
        if (publicKey != null) {
            BundleKeys.publicKey(publicKey); // refuses anything that is not a key
        }
        String name = deviceName == null || deviceName.isBlank() ? "未命名设备" : deviceName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String finalName = name;
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<String> village = repository.claimCode(c, Secrets.hash(Secrets.normaliseCode(code)), deviceId, now);
            if (village.isEmpty()) {
                return Optional.empty();
            }
            if (requiredVillage != null && !requiredVillage.equals(village.get())) {
                c.rollback();
                return Optional.<Device>empty();
            }
            Device device = new Device(deviceId, finalName, village.get(), now, null, publicKey);
            repository.insertDevice(c, device, Secrets.hash(token));
            return Optional.of(device);
        });
    }

    /** A device by id, revoked or not. */
    public Optional<Device> find(UUID deviceId) {
        return db.inTransaction(c -> repository.findById(c, deviceId));
    }

    /** What {@link #registerKey} did. */
    public enum KeyRegistration { REGISTERED, ALREADY_REGISTERED, DIFFERENT_KEY_REGISTERED }

    /**
     * Registers the bundle-signing key of a device enrolled before bundles existed. A key is set
     * once: the same key again is fine, another one is refused (the store that holds the private
     * key is the device; a new store enrolls anew).
     *
     * @throws IllegalArgumentException if {@code publicKey} is not an Ed25519 key
     */
    public KeyRegistration registerKey(UUID deviceId, String publicKey) {
        BundleKeys.publicKey(publicKey);
        return db.inTransaction(c -> {
            if (repository.setPublicKey(c, deviceId, publicKey)) {
                return KeyRegistration.REGISTERED;
            }
            String existing = repository.findById(c, deviceId).map(Device::publicKey).orElse(null);
            return publicKey.equals(existing) ? KeyRegistration.ALREADY_REGISTERED : KeyRegistration.DIFFERENT_KEY_REGISTERED;
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
