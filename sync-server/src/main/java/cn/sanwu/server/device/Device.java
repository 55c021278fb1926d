package cn.sanwu.server.device;

import java.time.Instant;
import java.util.UUID;

/** An enrolled village PC; {@code revokedAt} null while it may sync. */
public record Device(UUID id, String name, String villageCode, Instant enrolledAt, Instant revokedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
