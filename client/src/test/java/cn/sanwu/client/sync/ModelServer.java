package cn.sanwu.client.sync;

import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small in-memory model of the server's sync rules from SyncProtocol's Javadoc, for tests only:
 * a mutation applies when its base is the stored revision and its payload revision is above it;
 * the server stores revision = payload.revision; a replayed mutation id with the same payload
 * answers DUPLICATE, with another payload REJECTED; every applied change goes to a feed whose seq
 * strictly increases.
 */
final class ModelServer {

    record Stored(int revision, JsonNode payload) {
    }

    private final Map<UUID, Stored> entities = new HashMap<>();
    private final Map<UUID, JsonNode> appliedMutations = new HashMap<>();
    private final Map<UUID, List<Integer>> appliedRevisions = new HashMap<>();
    private final List<SyncProtocol.Change> feed = new ArrayList<>();
    private final int pageSize;
    int conflicts;
    int rejections;

    ModelServer(int pageSize) {
        this.pageSize = pageSize;
    }

    SyncProtocol.Response handle(SyncProtocol.Request request) {
        List<SyncProtocol.MutationResult> results = new ArrayList<>();
        // As the real server: later mutations of an entity whose earlier one did not apply get no result.
        java.util.Set<java.util.UUID> notApplied = new java.util.HashSet<>();
        for (SyncProtocol.Mutation m : request.mutations()) {
            if (notApplied.contains(m.entityId())) {
                continue;
            }
            SyncProtocol.MutationResult r = apply(m);
            results.add(r);
            if (r.outcome() != SyncProtocol.Outcome.APPLIED && r.outcome() != SyncProtocol.Outcome.DUPLICATE) {
                notApplied.add(m.entityId());
            }
        }
        List<SyncProtocol.Change> page = feed.stream().filter(ch -> ch.seq() > request.cursor()).limit(pageSize).toList();
        long cursor = page.isEmpty() ? request.cursor() : page.getLast().seq();
        boolean hasMore = feed.stream().anyMatch(ch -> ch.seq() > cursor);
        return new SyncProtocol.Response(SyncProtocol.VERSION, results, page, cursor, hasMore, false);
    }

    private SyncProtocol.MutationResult apply(SyncProtocol.Mutation m) {
        JsonNode before = appliedMutations.get(m.mutationId());
        if (before != null) {
            if (before.equals(m.payload())) {
                return new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.DUPLICATE,
                        before.path("revision").asInt(), null, null);
            }
            rejections++;
            return new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.REJECTED, 0, null,
                    "同一修改编号的内容不同，已拒绝。");
        }
        Stored current = entities.get(m.entityId());
        int currentRevision = current == null ? 0 : current.revision();
        if (currentRevision != m.baseRevision()) {
            conflicts++;
            return new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.CONFLICT, currentRevision,
                    current == null ? null : current.payload(), "服务器上已有更新的版本。");
        }
        int revision = m.payload().path("revision").asInt();
        if (revision <= m.baseRevision()) {
            rejections++;
            return new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.REJECTED, currentRevision, null,
                    "修改的版本号必须大于基础版本号。");
        }
        store(m.entityId(), revision, m.payload());
        appliedMutations.put(m.mutationId(), m.payload());
        return new SyncProtocol.MutationResult(m.mutationId(), SyncProtocol.Outcome.APPLIED, revision, null, null);
    }

    /** Another device's change (or the server's own), going straight into the store and the feed. */
    void store(UUID entityId, int revision, JsonNode payload) {
        entities.put(entityId, new Stored(revision, payload));
        appliedRevisions.computeIfAbsent(entityId, k -> new ArrayList<>()).add(revision);
        feed.add(new SyncProtocol.Change(feed.size() + 1L, SyncProtocol.ENTITY_NOTICE, entityId, revision, payload));
    }

    Map<UUID, Stored> entities() {
        return entities;
    }

    /** Per entity, the revisions stored, in order: a change stored twice shows up as a repeat. */
    Map<UUID, List<Integer>> appliedRevisions() {
        return appliedRevisions;
    }
}
