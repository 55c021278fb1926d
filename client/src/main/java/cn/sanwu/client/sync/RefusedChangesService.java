package cn.sanwu.client.sync;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes the server refused (REJECTED): what the 被拒绝的修改 screen lists, and 重新上传. A refused
 * change never reached the server and is never retried by itself (a retry would be refused the
 * same way); a person either fixes the notice in the editor — its next save is queued on the
 * revision the server holds — or, once the cause is fixed elsewhere (e.g. the township updated the
 * catalog), queues it again here. Thread-safe (all state is in the database).
 */
public final class RefusedChangesService {

    /**
     * One refused change as the screen shows it.
     *
     * @param notice     the notice as it is here now (empty if it is gone)
     * @param superseded a later change of the notice is already waiting to be sent
     */
    public record Refused(long seq, UUID noticeId, Optional<Notice> notice, String reason, Instant refusedAt,
            boolean superseded) {
    }

    /** What 重新上传 did. */
    public enum Requeued {
        /** The notice as it is here now waits to be sent again. */
        QUEUED,
        /** A later change of the notice already waits; the refused record was removed. */
        SUPERSEDED
    }

    private final Database db;
    private final NoticeService notices;
    private final OutboxRepository outbox;
    private final UuidV7 ids;
    private final Clock clock;

    public RefusedChangesService(Database db, NoticeService notices, OutboxRepository outbox, UuidV7 ids, Clock clock) {
        this.db = db;
        this.notices = notices;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
    }

    /** Every refused change, oldest first. */
    public List<Refused> list() {
        return db.read(c -> {
            List<Refused> out = new ArrayList<>();
            for (OutboxRepository.Refused r : outbox.refused(c)) {
                UUID id = r.entry().entityId();
                out.add(new Refused(r.entry().seq(), id, notices.find(c, id), r.message(), r.refusedAt(),
                        !outbox.openEntries(c, id).isEmpty()));
            }
            return out;
        });
    }

    /**
     * 重新上传: the notice as it is here now is queued again on the revision the server holds (the
     * refused entry's base), replacing every refused record of the notice — or, if a later change
     * already waits, only the records are removed (that change carries the newer content).
     */
    public Requeued requeue(long seq) {
        Requeued done = db.inTransaction(c -> {
            List<OutboxRepository.Refused> all = outbox.refused(c);
            UUID id = all.stream().filter(r -> r.entry().seq() == seq).findFirst()
                    .orElseThrow(() -> new StoreException("这项修改已经处理过了。")).entry().entityId();
            // The newest refused entry of the notice is the one whose base the server still holds.
            OutboxRepository.Entry newest = all.stream().map(OutboxRepository.Refused::entry)
                    .filter(e -> e.entityId().equals(id)).reduce((older, newer) -> newer).orElseThrow();
            if (!outbox.openEntries(c, id).isEmpty()) {
                outbox.dropRefused(c, id, newest.seq());
                return Requeued.SUPERSEDED;
            }
            Notice notice = notices.find(c, id)
                    .orElseThrow(() -> new StoreException("本机已没有这份公告，无法重新上传。"));
            outbox.dropRefused(c, id, newest.seq());
            outbox.insertPending(c, ids.next(), NoticeService.ENTITY_TYPE, id, newest.baseRevision(),
                    NoticePayload.toJson(notice), clock.instant());
            return Requeued.QUEUED;
        });
        db.forceToDisk();
        return done;
    }
}
