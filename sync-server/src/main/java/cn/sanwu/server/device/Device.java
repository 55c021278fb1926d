package cn.sanwu.server.device;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled village PC; {@code revokedAt} null while it may sync. {@code publicKey} (base64
 * Ed25519) signs its bundle files; null for a device enrolled before bundles that has not synced since.
 */
public record Device(UUID id, String name, String villageCode, Instant enrolledAt, Instant revokedAt, String publicKey) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
