package cn.sanwu.server.bundle;

import cn.sanwu.model.sync.bundle.BundleKeys;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.StoreException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The server's bundle-signing key pair (ADR 0012), kept in the {@code server_key} table: created
 * by the first server that starts on a database, read by every other, so all instances sign with
 * the key the devices have pinned. Immutable once loaded.
 */
public final class ServerSigningKey {

    private static final String PURPOSE = "bundle";

    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String encodedPublicKey;

    private ServerSigningKey(String publicKey, String privateKey) {
        this.publicKey = BundleKeys.publicKey(publicKey);
        this.privateKey = BundleKeys.privateKey(privateKey);
        this.encodedPublicKey = publicKey;
    }

    /** The stored key, or a new one stored now; a race between two starting instances keeps the first. */
    public static ServerSigningKey loadOrCreate(Database db, Clock clock) {
        Optional<ServerSigningKey> stored = db.inTransaction(ServerSigningKey::find);
        if (stored.isPresent()) {
            return stored.get();
        }
        KeyPair pair = BundleKeys.generate();
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO server_key(purpose, public_key, private_key, created_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, PURPOSE);
                    ps.setString(2, BundleKeys.encode(pair.getPublic()));
                    ps.setString(3, BundleKeys.encode(pair.getPrivate()));
                    ps.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (StoreException e) {
            // Another instance stored its key first: use that one.
        }
        return db.inTransaction(ServerSigningKey::find)
                .orElseThrow(() -> new StoreException("cannot store the server's bundle key", null));
    }

    private static Optional<ServerSigningKey> find(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT public_key, private_key FROM server_key WHERE purpose = ?")) {
            ps.setString(1, PURPOSE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ServerSigningKey(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** Base64 X.509, as devices pin it. */
    public String encodedPublicKey() {
        return encodedPublicKey;
    }

    public String keyId() {
        return BundleKeys.keyId(publicKey);
    }
}
