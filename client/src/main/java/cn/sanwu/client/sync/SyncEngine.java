package cn.sanwu.client.sync;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.outbox.PayloadRevision;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The client half of one sync round trip, without the transport: {@link #prepare()} builds the
 * request from the outbox, {@link #apply} writes the server's answer, {@link #failed} puts the
 * entries back when no answer came. Each step is one transaction, so a crash between any two
 * leaves a state the next step handles (docs/sync-client.md). One request at a time; callers
 * serialise (the app runs it on the database thread). Thread-safe as far as {@link Database} is.
 */
public final class SyncEngine {

    /**
     * Bounds of one request; the rest goes in the next one (the server pages its answer too). The
     * payload bound counts characters: 2,000,000 of them are at most 6 MB of UTF-8 (Chinese is three
     * bytes a character), under the server's 8 MB body limit. (It was 4,000,000: up to 12 MB, which
     * the server refuses with 413 on every try.)
     */
    public static final int DEFAULT_MAX_MUTATIONS = 200;
    public static final long DEFAULT_MAX_PAYLOAD_CHARS = 2_000_000;

    private final Database db;
    private final NoticeService notices;
    private final OutboxRepository outbox;
    private final SyncStateRepository state = new SyncStateRepository();
    private final ConflictRepository conflicts = new ConflictRepository();
    private final UuidV7 ids;
    private final Clock clock;
    private final int maxMutations;
    private final long maxPayloadChars;
    private final FeedReload reload;
    /** A prepared request awaits its answer. In memory on purpose: SENT rows left by a stopped app are not "syncing". */
    private volatile boolean requestOpen;
    private volatile SyncSteps steps = SyncSteps.NONE;

    public SyncEngine(Database db, NoticeService notices, OutboxRepository outbox, UuidV7 ids, Clock clock) {
        this(db, notices, outbox, ids, clock, DEFAULT_MAX_MUTATIONS, DEFAULT_MAX_PAYLOAD_CHARS);
    }

    public SyncEngine(Database db, NoticeService notices, OutboxRepository outbox, UuidV7 ids, Clock clock,
            int maxMutations, long maxPayloadChars) {
        this.db = db;
        this.notices = notices;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
        this.maxMutations = maxMutations;
        this.maxPayloadChars = maxPayloadChars;
        this.reload = new FeedReload(notices, outbox, state, ids);
    }

    /** For the kill test only (ADR 0014). */
    void observeSteps(SyncSteps listener) {
        this.steps = listener;
    }

    /**
     * The next request: waiting outbox entries, oldest first and bounded, marked SENT in one
     * transaction together with the stored cursor, forced to disk before it returns (DESIGN.md
     * §5.5: before a sync request is sent). Entries a previous request left SENT (the app stopped
     * before an answer) travel again with the same mutation ids.
     */
    public SyncProtocol.Request prepare() {
        SyncProtocol.Request request = prepare(ids.next(), maxMutations, maxPayloadChars, (c, r) -> { });
        requestOpen = !request.mutations().isEmpty() || requestOpen;
        return request;
    }

    /** Work done in the transaction that prepares a request (a bundle export records itself and writes its file). */
    @FunctionalInterface
    public interface PreparedHook {
        void run(Connection c, SyncProtocol.Request request) throws SQLException;
    }

    /**
     * A request for a bundle file (ADR 0012): like {@link #prepare()}, with {@code bundleId} as
     * the request id and {@code hook} run in the same transaction, so the entries are SENT if and
     * only if the hook (recording the export, writing the file) succeeded. Larger bounds than an
     * online round: a village without a connection sends rarely. Not counted as "syncing".
     */
    public SyncProtocol.Request prepareBundle(UUID bundleId, PreparedHook hook) {
        return prepare(bundleId, BUNDLE_MAX_MUTATIONS, BUNDLE_MAX_PAYLOAD_CHARS, hook);
    }

    /** Bundle bounds: the request body stays under the server's 8 MB even in three-byte Chinese characters. */
    static final int BUNDLE_MAX_MUTATIONS = 2000;
    static final long BUNDLE_MAX_PAYLOAD_CHARS = 2_000_000;

    private SyncProtocol.Request prepare(UUID requestId, int maxCount, long maxChars, PreparedHook hook) {
        SyncProtocol.Request request = db.inTransaction(c -> {
            List<OutboxRepository.Entry> next = outbox.nextToSend(c, maxCount, maxChars);
            outbox.markSent(c, next.stream().map(OutboxRepository.Entry::seq).toList(), requestId);
            List<SyncProtocol.Mutation> mutations = next.stream()
                    .map(e -> new SyncProtocol.Mutation(e.mutationId(), e.entityType(), e.entityId(), e.baseRevision(),
                            NoticePayload.toTree(e.payload())))
                    .toList();
            SyncProtocol.Request prepared = new SyncProtocol.Request(SyncProtocol.VERSION, state.meta(c).cursor(), mutations);
            hook.run(c, prepared);
            return prepared;
        });
        db.forceToDisk();
        return request;
    }

    /**
     * Writes the server's answer to {@code sent} in one transaction: the result of each mutation,
     * then the pulled changes, then the new cursor; forced to disk before it returns. If anything
     * fails (a pulled notice of an item this PC's catalog does not know, say) nothing is written,
     * the cursor stays, and the caller reports it with {@link #failed}.
     *
     * @return notices whose local copy changed (server versions written here), for screens to reload
     */
    public List<Notice> apply(SyncProtocol.Request sent, SyncProtocol.Response response) {
        List<Notice> written = apply(sent, response, false, c -> null);
        requestOpen = false;
        return written;
    }

    /**
     * A reply file's answer: as {@link #apply}, but the cursor only moves forward (replies may be
     * imported out of order, and an online sync may have gone further meanwhile), and {@code hook}
     * (marking the bundle answered) commits with it.
     */
    public List<Notice> applyBundleReply(SyncProtocol.Request sent, SyncProtocol.Response response, Database.SqlWork<?> hook) {
        return apply(sent, response, true, hook);
    }

    private List<Notice> apply(SyncProtocol.Request sent, SyncProtocol.Response response, boolean cursorForwardOnly,
            Database.SqlWork<?> hook) {
        if (response.protocol() != SyncProtocol.VERSION) {
            throw new StoreException("服务器的同步协议版本（" + response.protocol() + "）与本程序（" + SyncProtocol.VERSION
                    + "）不同，未写入任何数据。请升级三务。");
        }
        List<Notice> written = db.inTransaction(c -> {
            Instant now = clock.instant();
            applyResults(c, sent, response, now);
            List<Notice> changed = new ArrayList<>();
            if (reload.epochChanged(c, response) || response.rebootstrap()) {
                // The server lost what this cursor stood for: reload from 0 (its changes, picked by
                // the old cursor, are not applied), then re-send what it lacks (FeedReload).
                reload.start(c, now);
                hook.run(c);
                return changed;
            }
            for (SyncProtocol.Change change : response.changes()) {
                if (SyncProtocol.ENTITY_NOTICE.equals(change.entityType())) {
                    applyChange(c, change, now).ifPresent(changed::add);
                }
            }
            steps.reached(SyncSteps.Step.BEFORE_CURSOR_SAVE);
            long cursor = cursorForwardOnly ? Math.max(state.meta(c).cursor(), response.cursor()) : response.cursor();
            state.recordSuccess(c, cursor, now);
            if (!response.hasMore() && reload.underWay(c)) {
                reload.finish(c, now);
            }
            hook.run(c);
            return changed;
        });
        notices.indexCommitted(written);
        db.forceToDisk();
        return written;
    }

    private void applyResults(Connection c, SyncProtocol.Request sent, SyncProtocol.Response response, Instant now)
            throws SQLException {
        Map<UUID, SyncProtocol.MutationResult> results = new HashMap<>();
        response.results().forEach(r -> results.put(r.mutationId(), r));
        for (SyncProtocol.Mutation m : sent.mutations()) {
            OutboxRepository.Entry entry = outbox.sentEntry(c, m.mutationId());
            if (entry == null) {
                continue; // answered before (a replayed response) or superseded by a conflict resolution
            }
            SyncProtocol.MutationResult result = results.get(m.mutationId());
            if (result == null) {
                // The server did not answer this one (it stopped early): it waits for the next request.
                outbox.returnToPending(c, m.mutationId());
                continue;
            }
            int sentRevision = PayloadRevision.of(entry.payload());
            switch (result.outcome()) {
                case APPLIED, DUPLICATE -> {
                    outbox.delete(c, entry.seq());
                    // The server now holds a later version from here: earlier refusals of it are history.
                    outbox.dropRefused(c, entry.entityId(), entry.seq());
                    state.setServerRevision(c, entry.entityId(), sentRevision, now);
                }
                case CONFLICT -> {
                    if (m.payload().equals(result.current())) {
                        // The server already holds exactly this version (another PC of the village
                        // re-sent the same notice after a restore): nothing to decide.
                        outbox.delete(c, entry.seq());
                        state.setServerRevision(c, entry.entityId(), result.serverRevision(), now);
                        continue;
                    }
                    conflicts.recordOpen(c, ids.next(), entry.entityId(), localPayload(c, entry.entityId(), entry.payload()),
                            result.current() == null ? "{}" : result.current().toString(), result.serverRevision(), now);
                    outbox.finish(c, entry.seq(), OutboxRepository.CONFLICT, result.message(), now);
                }
                case REJECTED -> {
                    outbox.finish(c, entry.seq(), OutboxRepository.REJECTED,
                            result.message() == null || result.message().isBlank() ? "服务器拒绝了这项修改。" : result.message(), now);
                    // It never reached the server: later changes of the entity are based on what the server holds.
                    outbox.rebase(c, entry.entityId(), sentRevision, entry.baseRevision());
                }
            }
        }
    }

    /**
     * One pulled change. Written here only if nothing local is unsynced and no conflict is open;
     * the device's own change coming back is a no-op; anything else becomes a conflict for a
     * person — a local draft is never overwritten silently.
     */
    private Optional<Notice> applyChange(Connection c, SyncProtocol.Change change, Instant now) throws SQLException {
        UUID id = change.entityId();
        OptionalInt known = state.serverRevision(c, id);
        if (known.isPresent() && change.revision() <= known.getAsInt()) {
            return Optional.empty(); // already known: our own ack, or a page seen before
        }
        List<OutboxRepository.Entry> unsynced = outbox.unsyncedEntries(c, id);
        boolean conflictOpen = conflicts.openFor(c, id).isPresent();
        Notice incoming = NoticePayload.fromTree(change.payload(), now);
        if (unsynced.isEmpty() && !conflictOpen) {
            Optional<Notice> local = notices.find(c, id);
            state.setServerRevision(c, id, change.revision(), now);
            if (local.isPresent() && local.get().revision() > change.revision()) {
                return Optional.empty(); // a replay after a re-bootstrap: the newer version is already here
            }
            notices.writeWithoutOutbox(c, incoming, cn.sanwu.client.review.ReviewInfo.of(change.payload()));
            return Optional.of(incoming);
        }
        if (!conflictOpen && isOwnChange(unsynced, incoming)) {
            return Optional.empty(); // ours, stored by the server; the answer to its (re)send records the revision
        }
        if (!conflictOpen && change.revision() == unsynced.getFirst().baseRevision()) {
            state.setServerRevision(c, id, change.revision(), now); // the version our pending change is based on
            return Optional.empty();
        }
        String mine = localPayload(c, id, unsynced.isEmpty() ? change.payload().toString() : unsynced.getLast().payload());
        conflicts.recordOpen(c, ids.next(), id, mine, change.payload().toString(), change.revision(), now);
        return Optional.empty();
    }

    private static boolean isOwnChange(List<OutboxRepository.Entry> unsynced, Notice incoming) {
        for (OutboxRepository.Entry e : unsynced) {
            if (!e.state().equals(OutboxRepository.REJECTED) && e.sentCount() > 0
                    && NoticePayload.fromJson(e.payload(), incoming.updatedAt()).equals(incoming)) {
                return true;
            }
        }
        return false;
    }

    /** The local version as a payload: what "mine" is in a conflict (it may be newer than what was sent). */
    private String localPayload(Connection c, UUID noticeId, String fallback) throws SQLException {
        return notices.find(c, noticeId).map(NoticePayload::toJson).orElse(fallback);
    }

    /**
     * No answer came (network error, timeout, lost response): the request's entries wait again with
     * the <em>same</em> mutation ids and payloads, so if the server did apply them, the resend gets
     * DUPLICATE rather than a second copy. The reason is kept for the status bar.
     */
    public void failed(SyncProtocol.Request sent, String reason) {
        db.inTransaction(c -> {
            for (SyncProtocol.Mutation m : sent.mutations()) {
                outbox.returnToPending(c, m.mutationId());
            }
            state.recordFailure(c, reason == null || reason.isBlank() ? "同步失败" : reason, clock.instant());
            return null;
        });
        requestOpen = false;
    }

    /**
     * The server no longer serves our cursor: forget the cursor and every known server revision, so
     * the next sync pulls everything again. The unsent outbox and open conflicts stay.
     */
    public void rebootstrap() {
        db.inTransaction(c -> {
            state.forgetServerState(c);
            return null;
        });
    }

    /** Everything the status bar shows, in one read. */
    public SyncStatus status() {
        return db.read(c -> {
            SyncStateRepository.Meta meta = state.meta(c);
            int inFlight = requestOpen ? outbox.count(c, OutboxRepository.SENT) : 0;
            return new SyncStatus(outbox.pendingCount(c), inFlight, conflicts.openCount(c),
                    outbox.count(c, OutboxRepository.REJECTED), meta.lastSuccessAt(), meta.lastError());
        });
    }

    /** A reload from cursor 0 is under way (after a restore or rebootstrap): keep syncing until it ends. */
    public boolean reloading() {
        return db.read(reload::underWay);
    }

    /** The cursor the next request carries. */
    public long cursor() {
        return db.read(c -> state.meta(c).cursor());
    }

    /** The server revision this device knows for a notice, if any. */
    public OptionalInt serverRevision(UUID noticeId) {
        return db.read(c -> state.serverRevision(c, noticeId));
    }
}
