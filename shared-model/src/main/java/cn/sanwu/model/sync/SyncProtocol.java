package cn.sanwu.model.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * The sync protocol's bodies, shared by client and server (docs/sync-protocol.md). One round trip
 * per sync: {@link Request} carries the client's pending mutations and its cursor; {@link Response}
 * carries a result per mutation and the changes after the cursor. JSON (Jackson), gzip both ways.
 */
public final class SyncProtocol {

    /** Bumped on incompatible changes; a different version gets HTTP 426 and nothing is written. */
    public static final int VERSION = 1;
    public static final String PATH = "/api/v1/sync";
    public static final String ENTITY_NOTICE = "notice";

    private SyncProtocol() {
    }

    /**
     * One local change. {@code baseRevision} is the server revision the change was made on (0 for
     * an entity the server has never seen); {@code payload} is the entity as the client stores it
     * (for a notice: id, status, revision, reason, content) and must carry {@code revision} >
     * baseRevision. The same {@code mutationId} with a different payload is rejected.
     */
    public record Mutation(UUID mutationId, String entityType, UUID entityId, int baseRevision, JsonNode payload) {
    }

    public record Request(int protocol, long cursor, List<Mutation> mutations) {
        public Request {
            mutations = mutations == null ? List.of() : List.copyOf(mutations);
        }
    }

    public enum Outcome {
        /** Stored now. */
        APPLIED,
        /** Stored earlier under the same mutation id with the same payload (a retry). */
        DUPLICATE,
        /** The server's revision is not the base: nothing stored; {@code current} is the server's version. */
        CONFLICT,
        /** Not allowed or invalid (another village's entity, bad payload, reused id …); nothing stored. */
        REJECTED
    }

    /** What happened to one mutation; {@code current} is set for CONFLICT. {@code message} is Chinese. */
    public record MutationResult(UUID mutationId, Outcome outcome, int serverRevision, JsonNode current, String message) {
    }

    /** A committed change in the scope's feed: {@code seq} strictly increasing, never skipped. */
    public record Change(long seq, String entityType, UUID entityId, int revision, JsonNode payload) {
    }

    /**
     * @param cursor     the seq to send next time (the last change returned, or the request's)
     * @param hasMore    more changes wait: sync again at once (paging by size)
     * @param rebootstrap the cursor is no longer served (retention, schema): reload a snapshot,
     *                   keep the unsent outbox
     * @param feedEpoch  the server database's feed epoch (null from servers before it existed): when
     *                   it differs from the one a client last saw, the server was restored from a
     *                   backup; the client reloads from 0 and re-sends what the server lacks
     */
    public record Response(int protocol, List<MutationResult> results, List<Change> changes, long cursor, boolean hasMore,
            boolean rebootstrap, String feedEpoch) {
        public Response {
            results = results == null ? List.of() : List.copyOf(results);
            changes = changes == null ? List.of() : List.copyOf(changes);
        }

        /** A response without a feed epoch (tests, model servers). */
        public Response(int protocol, List<MutationResult> results, List<Change> changes, long cursor, boolean hasMore,
                boolean rebootstrap) {
            this(protocol, results, changes, cursor, hasMore, rebootstrap, null);
        }
    }

    /** Error body of every 4xx/5xx answer: a stable code and a Chinese message for the user. */
    public record Error(String code, String message) {
    }
}
