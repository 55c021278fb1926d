package cn.sanwu.client.sync;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.model.sync.bundle.BundleKeys;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * This device's bundle-signing key pair and the server key it has pinned (ADR 0012), kept in the
 * local store's settings beside the device token, which they share a fate with: whoever holds the
 * store is the device. Thread-safe via {@link Database}.
 */
final class DeviceKeys {

    static final String PRIVATE_KEY = "bundle.privateKey";
    static final String PUBLIC_KEY = "bundle.publicKey";
    /** The server's reply-signing key (base64), learnt at enrollment or key registration, then pinned. */
    static final String SERVER_KEY = "bundle.serverPublicKey";
    /** "true" once the server knows this device's public key. */
    static final String KEY_REGISTERED = "bundle.keyRegistered";

    private final Database db;
    private final SettingsRepository settings;

    DeviceKeys(Database db, SettingsRepository settings) {
        this.db = db;
        this.settings = settings;
    }

    /** The device's key pair, created and stored on first use. */
    KeyPair ensure() {
        return db.inTransaction(c -> {
            Optional<String> privateKey = SettingsRepository.get(c, PRIVATE_KEY);
            Optional<String> publicKey = SettingsRepository.get(c, PUBLIC_KEY);
            if (privateKey.isPresent() && publicKey.isPresent()) {
                return new KeyPair(BundleKeys.publicKey(publicKey.get()), BundleKeys.privateKey(privateKey.get()));
            }
            KeyPair pair = BundleKeys.generate();
            SettingsRepository.put(c, PRIVATE_KEY, BundleKeys.encode(pair.getPrivate()));
            SettingsRepository.put(c, PUBLIC_KEY, BundleKeys.encode(pair.getPublic()));
            return pair;
        });
    }

    String publicKeyText() {
        return BundleKeys.encode(ensure().getPublic());
    }

    PrivateKey privateKey() {
        return ensure().getPrivate();
    }

    Optional<PublicKey> pinnedServerKey() {
        return settings.get(SERVER_KEY).map(BundleKeys::publicKey);
    }

    boolean registered() {
        return settings.get(KEY_REGISTERED).map("true"::equals).orElse(false);
    }

    /** The server knows our key and we pin its key. */
    static void recordRegistered(Connection c, String serverPublicKey) throws SQLException {
        SettingsRepository.put(c, SERVER_KEY, serverPublicKey);
        SettingsRepository.put(c, KEY_REGISTERED, "true");
    }
}
