package cn.sanwu.server.sync;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.model.sync.SyncProtocol.Mutation;
import cn.sanwu.model.sync.SyncProtocol.MutationResult;
import cn.sanwu.model.sync.SyncProtocol.Outcome;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.StoreException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One sync round trip (docs/sync-protocol.md): applies each pushed mutation in its own
 * transaction, then returns the device's village feed after the cursor. Knows nothing of HTTP.
 * Thread-safe; all state is in the database, so any number of server instances may run.
 */
public final class SyncService {

    /** Payload bytes per response page; one change always goes, however large. */
    public static final long DEFAULT_PAGE_BYTES = 512 * 1024;
    static final int MAX_PAGE_ROWS = 1000;

    private final Database db;
    private final Clock clock;
    private final long pageBytes;
    private final ChangeFeed feed = new ChangeFeed();
    private final EntityStore entities = new EntityStore();
    private final MutationLog mutations = new MutationLog();
    private final PushRules rules;

    /**
     * What the review workflow adds to a push (docs/review.md): a refusal before anything is
     * written, and its own records after the payload was stored — both in the mutation's
     * transaction, so a refused push changes nothing and an applied one is never half recorded.
     */
    public interface PushRules {
        /** A reason to refuse this push of {@code payload} over {@code storedPayload} (null for a new notice); empty to allow. */
        Optional<String> refusal(Connection c, Device device, JsonNode storedPayload, NoticePayload.Checked payload)
                throws SQLException;

        /** Called after the payload was stored at its revision. */
        void applied(Connection c, Device device, NoticePayload.Checked payload, Instant now) throws SQLException;

        PushRules NONE = new PushRules() {
            @Override
            public Optional<String> refusal(Connection c, Device device, JsonNode storedPayload, NoticePayload.Checked payload) {
                return Optional.empty();
            }

            @Override
            public void applied(Connection c, Device device, NoticePayload.Checked payload, Instant now) {
            }
        };
    }

    public SyncService(Database db, Clock clock, long pageBytes) {
        this(db, clock, pageBytes, PushRules.NONE);
    }

    public SyncService(Database db, Clock clock, long pageBytes, PushRules rules) {
        this.db = db;
        this.clock = clock;
        this.pageBytes = pageBytes;
        this.rules = rules;
    }

    public SyncProtocol.Response sync(Device device, SyncProtocol.Request request) {
        List<MutationResult> results = new ArrayList<>();
        if (!request.mutations().isEmpty()) {
            feed.ensureScope(db, device.villageCode());
        }
        // A later mutation of an entity is built on the revision its earlier one creates. If the
        // earlier one did not apply (CONFLICT: another device took that revision number), applying
        // the later one would put it on top of the other device's version and silently drop that
        // version. So it gets no result; the client keeps it waiting (docs/sync-protocol.md).
        java.util.Set<java.util.UUID> notApplied = new java.util.HashSet<>();
        for (Mutation m : request.mutations()) {
            if (m != null && m.entityId() != null && notApplied.contains(m.entityId())) {
                continue;
            }
            MutationResult result = applyRetryingOnce(device, m);
            results.add(result);
            if (m != null && m.entityId() != null && result.outcome() != Outcome.APPLIED
                    && result.outcome() != Outcome.DUPLICATE) {
                notApplied.add(m.entityId());
            }
        }
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.APPLIED)) {
            db.forceToDisk(); // acknowledged means on disk (DESIGN.md §5.5)
        }
        return pull(device.villageCode(), request.cursor(), results);
    }

    private SyncProtocol.Response pull(String scope, long cursor, List<MutationResult> results) {
        return db.inReadTransaction(c -> {
            long head = feed.head(c, scope);
            String epoch = cn.sanwu.server.store.FeedEpoch.current(c);
            if (cursor > head || cursor < 0) {
                // A cursor this server never issued: restored server backup, another server's
                // database. The client reloads from 0 and keeps its outbox.
                return new SyncProtocol.Response(SyncProtocol.VERSION, results, List.of(), 0, false, true, epoch);
            }
            ChangeFeed.Page page = feed.pull(c, scope, cursor, pageBytes, MAX_PAGE_ROWS);
            long next = page.changes().isEmpty() ? cursor : page.changes().getLast().seq();
            return new SyncProtocol.Response(SyncProtocol.VERSION, results, page.changes(), next, page.hasMore(), false,
                    epoch);
        });
    }

    /**
     * A unique-key violation means a concurrent request did the same thing first (same mutation
     * id, or the first change of an entity); evaluated again, it becomes DUPLICATE or
     * CONFLICT. A second failure is a real error and fails the request; what was applied before
     * it stays applied, and the client's retry gets those as DUPLICATE.
     */
    private MutationResult applyRetryingOnce(Device device, Mutation m) {
        try {
            return apply(device, m);
        } catch (StoreException first) {
            return apply(device, m);
        }
    }

    private MutationResult apply(Device device, Mutation m) {
        if (m == null || m.mutationId() == null || m.entityId() == null || m.entityType() == null) {
            return rejected(m == null ? null : m.mutationId(), "同步数据缺少必填字段（mutationId、entityType、entityId）。");
        }
        String scope = device.villageCode();
        NoticePayload.Checked payload;
        try {
            payload = NoticePayload.check(m);
        } catch (NoticePayload.Invalid e) {
            return rejected(m.mutationId(), e.getMessage());
        }
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Optional<MutationLog.Applied> earlier = mutations.find(c, m.mutationId());
            if (earlier.isPresent()) {
                MutationLog.Applied a = earlier.get();
                if (a.scope().equals(scope) && a.payloadHash().equals(payload.hash())) {
                    return new MutationResult(m.mutationId(), Outcome.DUPLICATE, a.serverRevision(), null, "已同步（重复提交）。");
                }
                return rejected(m.mutationId(), "同一个同步编号已用于不同的内容，未保存。");
            }
            if (!scope.equals(payload.villageCode())) {
                return rejected(m.mutationId(), "只能同步本村的公告（本设备属于 " + scope + "）。");
            }
            // Taking the seq first locks the scope: the entity check below cannot race another
            // writer of this village, and the feed stays in commit order (ADR 0009).
            long seq = feed.nextSeq(c, scope);
            Optional<EntityStore.Stored> stored = entities.find(c, m.entityType(), m.entityId());
            if (stored.isPresent() && !stored.get().scope().equals(scope)) {
                c.rollback();
                return rejected(m.mutationId(), "这份公告属于其他村，不能修改。");
            }
            int serverRevision = stored.map(EntityStore.Stored::revision).orElse(0);
            if (serverRevision != m.baseRevision()) {
                c.rollback(); // gives the reserved seq back
                JsonNode current = stored.map(s -> ChangeFeed.parseStored(s.payload())).orElse(null);
                return new MutationResult(m.mutationId(), Outcome.CONFLICT, serverRevision, current,
                        "服务器上的版本（" + serverRevision + "）已被修改，与本机的基础版本（" + m.baseRevision() + "）不同，请核对。");
            }
            Optional<String> refusal = rules.refusal(c, device,
                    stored.map(st -> ChangeFeed.parseStored(st.payload())).orElse(null), payload);
            if (refusal.isPresent()) {
                c.rollback();
                return rejected(m.mutationId(), refusal.get());
            }
            store(c, m, stored.isPresent(), payload, scope, seq, now);
            rules.applied(c, device, payload, now);
            mutations.insert(c, m.mutationId(), device.id(), scope, payload.hash(), payload.revision(), now);
            return new MutationResult(m.mutationId(), Outcome.APPLIED, payload.revision(), null, "已同步。");
        });
    }

    private void store(Connection c, Mutation m, boolean exists, NoticePayload.Checked payload, String scope, long seq,
            Instant now) throws SQLException {
        if (exists) {
            if (!entities.update(c, m.entityType(), m.entityId(), m.baseRevision(), payload.revision(), payload.json(), now)) {
                throw new SQLException("entity changed under the scope lock: " + m.entityId());
            }
        } else {
            entities.insert(c, m.entityType(), m.entityId(), scope, payload.revision(), payload.json(), now);
        }
        feed.append(c, scope, seq, m.entityType(), m.entityId(), payload.revision(), payload.json(), now);
    }

    private static MutationResult rejected(java.util.UUID mutationId, String message) {
        return new MutationResult(mutationId, Outcome.REJECTED, 0, null, message);
    }
}
