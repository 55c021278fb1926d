package cn.sanwu.client.sync;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Open conflicts and what a person decides about them. Each decision is one transaction that
 * writes the local notice, replaces the notice's unsent outbox entries and records the resolution,
 * forced to disk before it returns. Thread-safe (all state is in the database).
 */
public final class ConflictService {

    /**
     * One open conflict as the screen shows it: the local version and the server's; {@code theirs}
     * is null when the server answered CONFLICT without a version (it holds none).
     */
    public record Details(SyncConflict conflict, Notice mine, Notice theirs) {
    }

    private final Database db;
    private final NoticeService notices;
    private final OutboxRepository outbox;
    private final SyncStateRepository state = new SyncStateRepository();
    private final ConflictRepository conflicts = new ConflictRepository();
    private final UuidV7 ids;
    private final Clock clock;

    public ConflictService(Database db, NoticeService notices, OutboxRepository outbox, UuidV7 ids, Clock clock) {
        this.db = db;
        this.notices = notices;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Open conflicts, oldest first. "Mine" is the local notice as it is now (edits made after the
     * conflict was found included), or the recorded local version if the notice is gone.
     */
    public List<Details> open() {
        return db.read(c -> {
            List<Details> out = new java.util.ArrayList<>();
            for (SyncConflict conflict : conflicts.open(c)) {
                out.add(details(c, conflict));
            }
            return out;
        });
    }

    public int openCount() {
        return db.read(conflicts::openCount);
    }

    private Details details(Connection c, SyncConflict conflict) throws SQLException {
        Instant at = conflict.detectedAt();
        Notice mine = notices.find(c, conflict.noticeId()).orElseGet(() -> NoticePayload.fromJson(conflict.myPayload(), at));
        JsonNode server = NoticePayload.toTree(conflict.serverPayload());
        return new Details(conflict, mine, server.has("content") ? NoticePayload.fromTree(server, at) : null);
    }

    /** 保留我的: my version is queued again, based on the server's revision, so the server takes it. */
    public Notice keepMine(UUID conflictId) {
        return requeueMine(conflictId, SyncConflict.Resolution.KEEP_MINE);
    }

    /**
     * 编辑合并: like {@link #keepMine} — so closing the editor without a change still leaves a
     * truthful outbox — and the caller opens the returned notice in the editor; its saves
     * replace the queued entry and keep the server's revision as base.
     */
    public Notice editMerge(UUID conflictId) {
        return requeueMine(conflictId, SyncConflict.Resolution.EDIT_MERGE);
    }

    /** 采用对方: the server's version is written here; my unsent changes of this notice are dropped. */
    public Notice takeTheirs(UUID conflictId) {
        return decide(conflictId, SyncConflict.Resolution.TAKE_THEIRS, (c, d, now) -> {
            if (d.theirs() == null) {
                throw new StoreException("服务器上没有这份公告的版本，只能保留本机的版本。");
            }
            Notice theirs = new Notice(d.theirs().id(), d.theirs().content(), d.theirs().status(),
                    d.conflict().serverRevision(), d.theirs().reason(), now);
            // The server's review facts (return comment, 公开编号 …) come with its version.
            notices.writeWithoutOutbox(c, theirs, cn.sanwu.client.review.ReviewInfo.of(
                    NoticePayload.toTree(d.conflict().serverPayload())));
            outbox.discardUnsynced(c, theirs.id());
            return theirs;
        });
    }

    /**
     * My content gets revision server+1 (the server stores the payload's revision, which must be
     * above the base) and one PENDING entry based on the server's revision replaces every unsent one.
     */
    private Notice requeueMine(UUID conflictId, SyncConflict.Resolution resolution) {
        return decide(conflictId, resolution, (c, d, now) -> {
            int serverRevision = d.conflict().serverRevision();
            Notice mine = new Notice(d.mine().id(), d.mine().content(), d.mine().status(), serverRevision + 1,
                    d.mine().reason(), now);
            notices.writeWithoutOutbox(c, mine);
            outbox.discardUnsynced(c, mine.id());
            outbox.insertPending(c, ids.next(), NoticeService.ENTITY_TYPE, mine.id(), serverRevision,
                    NoticePayload.toJson(mine, notices.reviewInfo(mine.id())), now);
            return mine;
        });
    }

    private interface Decision {
        Notice write(Connection c, Details details, Instant now) throws SQLException;
    }

    private Notice decide(UUID conflictId, SyncConflict.Resolution resolution, Decision decision) {
        Notice written = db.inTransaction(c -> {
            SyncConflict conflict = conflicts.find(c, conflictId)
                    .filter(x -> x.resolvedAt() == null)
                    .orElseThrow(() -> new StoreException("这个冲突已经处理过了。"));
            Instant now = clock.instant();
            Notice notice = decision.write(c, details(c, conflict), now);
            state.setServerRevision(c, conflict.noticeId(), conflict.serverRevision(), now);
            conflicts.resolve(c, conflictId, resolution, now);
            return notice;
        });
        notices.indexCommitted(List.of(written));
        db.forceToDisk();
        return written;
    }
}
