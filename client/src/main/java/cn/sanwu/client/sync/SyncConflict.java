package cn.sanwu.client.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice changed here and on the server from the same base. {@code myPayload} is the local
 * version when it was found, {@code serverPayload} the server's at {@code serverRevision} (both in
 * the outbox payload form). Open while {@code resolvedAt} is null.
 */
public record SyncConflict(UUID id, UUID noticeId, String myPayload, String serverPayload, int serverRevision,
        Instant detectedAt, Instant resolvedAt, Resolution resolution) {

    /** What the person chose. */
    public enum Resolution {
        /** 保留我的: my version re-queued on the server's revision. */
        KEEP_MINE,
        /** 采用对方: the server's version written here. */
        TAKE_THEIRS,
        /** 编辑合并: my version re-queued on the server's revision and opened in the editor. */
        EDIT_MERGE
    }
}
