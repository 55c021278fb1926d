package cn.sanwu.client.notice;

import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything a clerk does to notices, each user action one local transaction that writes the
 * notice and its outbox entry, then forced to disk before returning — when this returns, the
 * change is durable and the UI may say 已保存. Thread-safe (all state is in the database).
 */
public final class NoticeService {

    public static final String ENTITY_TYPE = "notice";

    private final Database db;
    private final NoticeRepository notices;
    private final OutboxRepository outbox;
    private final Supplier<Catalog> catalog;
    private final UuidV7 ids;
    private final Clock clock;
    private final NoticeSearchIndex searchIndex = new NoticeSearchIndex();
    private final cn.sanwu.client.review.ReviewInfoRepository reviews = new cn.sanwu.client.review.ReviewInfoRepository();
    private volatile boolean searchIndexLoaded;

    public NoticeService(Database db, NoticeRepository notices, OutboxRepository outbox, Supplier<Catalog> catalog,
            UuidV7 ids, Clock clock) {
        this.db = db;
        this.notices = notices;
        this.outbox = outbox;
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new, unsaved draft; it gets an id now and is stored by the first {@link #save}. */
    public Notice newDraft(String villageCode, CatalogItem item, Period period, String title, String body) {
        return new Notice(ids.next(), new NoticeContent(villageCode, item.code(), period, title, body, List.of(), null, null),
                NoticeStatus.DRAFT, 0, "", clock.instant());
    }

    /**
     * Saves the notice. {@code notice.revision()} is the revision the editor started from (0 for a
     * new one); the stored revision must still be that, otherwise nothing is written and an
     * {@link EditConflictException} is thrown.
     *
     * @return the notice as stored, with its new revision and time
     */
    public Notice save(Notice notice) {
        return save(notice, null);
    }

    /**
     * Saves the notice together with the editor's raw table rows ({@code scratchJson}, may be
     * null), so rows that do not parse yet survive a restart too.
     */
    public Notice save(Notice notice, String scratchJson) {
        CatalogItem item = itemOf(notice.content().itemCode());
        if (!notice.content().period().fits(item.frequency())) {
            throw new StoreException("期间“" + notice.content().period().displayZh() + "”与事项“" + item.nameZh()
                    + "”的公开频次（" + item.frequency().nameZh() + "）不符，未保存。");
        }
        Notice saved = db.inTransaction(c -> {
            Notice written = write(c, notice, item);
            if (scratchJson != null) {
                putScratch(c, written, scratchJson);
            }
            return written;
        });
        // Only after the commit: the index must never show what the database does not hold.
        searchIndex.put(NoticeRepository.searchEntry(saved, item.category(), item.nameZh()));
        try {
            db.forceToDisk();
        } catch (StoreException e) {
            throw new NotConfirmedOnDiskException(saved, e);
        }
        return saved;
    }

    /**
     * 不公开备案: files that nothing is disclosed for this item and period, with the reason. Filing
     * again updates the existing filing's reason (one filing per item and period); an item that
     * already has a notice for the period cannot be filed as not disclosed.
     */
    public Notice fileNotDisclosed(String villageCode, CatalogItem item, Period period, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new StoreException("不公开备案必须填写原因。");
        }
        List<Notice> existing = db.read(c -> notices.findByItemAndPeriod(c, villageCode, item.code(), period.code()));
        for (Notice n : existing) {
            if (n.status() == NoticeStatus.NOT_DISCLOSED_FILED) {
                if (reason.strip().equals(n.reason())) {
                    return n;
                }
                return save(new Notice(n.id(), n.content(), n.status(), n.revision(), reason.strip(), n.updatedAt()));
            }
        }
        if (!existing.isEmpty()) {
            throw new StoreException("“" + item.nameZh() + "”" + period.displayZh() + "已有公告（"
                    + existing.getFirst().status().nameZh() + "），不能再备案为不公开。");
        }
        Notice filing = new Notice(ids.next(), new NoticeContent(villageCode, item.code(), period,
                item.nameZh() + "（不公开备案）", "", List.of(), null, null), NoticeStatus.NOT_DISCLOSED_FILED, 0,
                reason.strip(), clock.instant());
        return save(filing);
    }

    /**
     * 村务监督委员会: records the 审核意见 of {@code supervisor} on exactly the notice's current
     * content (status 已审核 by the committee). Editing the content afterwards drops it.
     */
    public Notice signOff(Notice notice, String supervisor, String opinion) {
        if (supervisor == null || supervisor.isBlank() || opinion == null || opinion.isBlank()) {
            throw new StoreException("请填写监委会成员姓名和审核意见。");
        }
        NoticeStatus s = notice.status();
        if (!(s == NoticeStatus.DRAFT || s == NoticeStatus.RETURNED || s == NoticeStatus.SIGNED_OFF
                || s == NoticeStatus.NOT_DISCLOSED_FILED)) {
            throw new StoreException("“" + s.nameZh() + "”状态的公告不能再签署审核意见。");
        }
        String hash = NoticeHasher.sha256().hash(notice.id(), notice.content()).toString();
        return writeReviewStep(notice, NoticeStatus.SIGNED_OFF, info -> info.withSignOff(supervisor.strip(), opinion.strip(),
                hash, clock.instant()).withFiling(s == NoticeStatus.NOT_DISCLOSED_FILED || info.extras().path("filing").asBoolean()));
    }

    /** Longest public reason the server accepts (docs/review.md "Refusals", TEXT_TOO_LONG). */
    public static final int MAX_REASON = 2000;

    /**
     * 更正: opens a published notice (or an accepted 不公开备案) for editing as a new revision that
     * carries the public {@code reason}; it then goes through sign-off, submission, approval and
     * publication again, and the publication in force stays in force until the correction is
     * published (server). Nothing changes when the reason is blank or too long.
     */
    public Notice startCorrection(Notice notice, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new StoreException("更正必须填写公开的更正理由。");
        }
        if (text.length() > MAX_REASON) {
            throw new StoreException("更正理由过长（最多 " + MAX_REASON + " 字，现有 " + text.length() + " 字）。");
        }
        boolean acceptedFiling = notice.status() == NoticeStatus.NOT_DISCLOSED_FILED && reviewInfo(notice.id()).filingAccepted();
        if (notice.status() != NoticeStatus.PUBLISHED && !acceptedFiling) {
            throw new StoreException("只有已公开（或乡镇已接受备案）的公告才需要更正；“" + notice.status().nameZh() + "”状态的公告直接修改即可。");
        }
        // A filing stays a filing (its reason is what is corrected); a publication becomes a draft.
        NoticeStatus next = acceptedFiling ? NoticeStatus.NOT_DISCLOSED_FILED : NoticeStatus.DRAFT;
        return writeReviewStep(notice, next, info -> info.withoutSignOff().withoutDecision().withCorrectionReason(text));
    }

    /** The clerk submits the signed-off notice to the township (it travels with the next sync). */
    public Notice submit(Notice notice) {
        String hash = NoticeHasher.sha256().hash(notice.id(), notice.content()).toString();
        if (notice.status() != NoticeStatus.SIGNED_OFF || reviewInfo(notice.id()).signOffFor(hash).isEmpty()) {
            throw new StoreException("提交前须由村务监督委员会对当前内容签署审核意见。");
        }
        return writeReviewStep(notice, NoticeStatus.SUBMITTED, info -> info);
    }

    /** What this PC knows of the notice's review (sign-off, return comment, 公开编号 …). */
    public cn.sanwu.client.review.ReviewInfo reviewInfo(UUID noticeId) {
        return db.read(c -> reviews.find(c, noticeId));
    }

    private Notice writeReviewStep(Notice notice, NoticeStatus status,
            java.util.function.UnaryOperator<cn.sanwu.client.review.ReviewInfo> change) {
        CatalogItem item = itemOf(notice.content().itemCode());
        Notice saved = db.inTransaction(c -> {
            Optional<Integer> stored = notices.storedRevision(c, notice.id());
            if (stored.isEmpty() || stored.get() != notice.revision()) {
                throw new EditConflictException(notice.revision(), stored.orElse(0));
            }
            cn.sanwu.client.review.ReviewInfo info = change.apply(reviews.find(c, notice.id()));
            return writeVersion(c, new Notice(notice.id(), notice.content(), status, notice.revision(), notice.reason(),
                    notice.updatedAt()), item, info);
        });
        searchIndex.put(NoticeRepository.searchEntry(saved, item.category(), item.nameZh()));
        db.forceToDisk();
        return saved;
    }

    private Notice write(Connection c, Notice notice, CatalogItem item) throws SQLException {
        Optional<Integer> stored = notices.storedRevision(c, notice.id());
        if (stored.isPresent() && stored.get() != notice.revision()) {
            throw new EditConflictException(notice.revision(), stored.get());
        }
        if (stored.isEmpty() && notice.revision() != 0) {
            throw new StoreException("这份公告已不在本机数据库中，未保存。");
        }
        if (!notice.status().isEditable()) {
            throw new StoreException("“" + notice.status().nameZh() + "”状态的公告不能再修改；如需更正请新建更正。");
        }
        // An edit starts the review over: a returned notice becomes a draft again, and a sign-off
        // stays only while the content is exactly what the committee signed.
        cn.sanwu.client.review.ReviewInfo info = reviews.find(c, notice.id());
        if (info.filingAccepted() && info.correctionReason().isEmpty()) {
            throw new StoreException("乡镇已接受这份不公开备案，不能直接修改；如需修改请使用“更正…”并写明理由。");
        }
        NoticeStatus status = notice.status();
        String hash = NoticeHasher.sha256().hash(notice.id(), notice.content()).toString();
        if (status == NoticeStatus.RETURNED || (status == NoticeStatus.SIGNED_OFF && info.signOffFor(hash).isEmpty())) {
            status = NoticeStatus.DRAFT;
        }
        if (status == NoticeStatus.DRAFT) {
            info = info.withoutSignOff();
        }
        return writeVersion(c, new Notice(notice.id(), notice.content(), status, notice.revision(), notice.reason(),
                notice.updatedAt()), item, info);
    }

    private Notice writeVersion(Connection c, Notice notice, CatalogItem item, cn.sanwu.client.review.ReviewInfo info)
            throws SQLException {
        Optional<Integer> stored = notices.storedRevision(c, notice.id());
        Instant now = clock.instant();
        Notice next = new Notice(notice.id(), notice.content(), notice.status(), notice.revision() + 1, notice.reason(), now);
        if (stored.isEmpty()) {
            notices.insert(c, next, item.category(), item.nameZh());
        } else {
            notices.update(c, next, item.category(), item.nameZh());
        }
        reviews.put(c, next.id(), info);
        outbox.recordChange(c, ids.next(), ENTITY_TYPE, next.id(), notice.revision(), NoticePayload.toJson(next, info), now);
        return next;
    }

    private void putScratch(Connection c, Notice n, String json) throws SQLException {
        try (var ps = c.prepareStatement(
                "MERGE INTO editor_scratch(notice_id, revision, json, saved_at) KEY(notice_id) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, n.id());
            ps.setInt(2, n.revision());
            ps.setString(3, json);
            ps.setTimestamp(4, java.sql.Timestamp.from(n.updatedAt()));
            ps.executeUpdate();
        }
    }

    /** The raw editor rows saved with exactly this revision, if any. */
    public Optional<String> scratchFor(UUID noticeId, int revision) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT json FROM editor_scratch WHERE notice_id = ? AND revision = ?")) {
                ps.setObject(1, noticeId);
                ps.setInt(2, revision);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Writes a version that did not come from the clerk's editor — the server's, or a conflict
     * resolution — inside the caller's transaction, with its own revision and no outbox entry (the
     * caller decides what, if anything, must travel). Call {@link #indexCommitted} after the commit.
     */
    public void writeWithoutOutbox(Connection c, Notice n, cn.sanwu.client.review.ReviewInfo review) throws SQLException {
        // The server's version carries only its latest decision: the publications seen before stay here.
        cn.sanwu.client.review.ReviewInfo withHistory = review.withHistoryFrom(reviews.find(c, n.id()), n.status().name(),
                n.revision(), n.reason());
        writeWithoutOutbox(c, n);
        reviews.put(c, n.id(), withHistory);
    }

    public void writeWithoutOutbox(Connection c, Notice n) throws SQLException {
        CatalogItem item = itemOf(n.content().itemCode());
        if (notices.storedRevision(c, n.id()).isPresent()) {
            notices.update(c, n, item.category(), item.nameZh());
        } else {
            notices.insert(c, n, item.category(), item.nameZh());
        }
    }

    /** Puts notices written by {@link #writeWithoutOutbox} into the search index, once committed. */
    public void indexCommitted(List<Notice> written) {
        for (Notice n : written) {
            CatalogItem item = itemOf(n.content().itemCode());
            searchIndex.put(NoticeRepository.searchEntry(n, item.category(), item.nameZh()));
        }
    }

    public Optional<Notice> find(Connection c, UUID id) throws SQLException {
        return notices.find(c, id);
    }

    public Optional<Notice> find(UUID id) {
        return db.read(c -> notices.find(c, id));
    }

    /**
     * Searches the in-memory index once {@link #loadSearchIndex()} has run, the database before
     * that (same results, slower for text).
     */
    public List<NoticeSummary> search(NoticeQuery query) {
        if (searchIndexLoaded) {
            return searchIndex.search(query);
        }
        return db.read(c -> notices.search(c, query));
    }

    /** Rows read per database call while building the search index (tests use small pages). */
    private int indexPage = 2_000;

    void indexPageSizeForTesting(int rows) {
        this.indexPage = rows;
    }

    /**
     * Builds the search index from the database; the app calls it in the background after start.
     * Read in pages so a save from the UI thread waits for one page (milliseconds), not for the
     * whole load (~1 s for 50,000 notices). A save that commits meanwhile puts its entry itself;
     * {@link NoticeSearchIndex#merge} keeps whichever revision is newer, so none is lost.
     */
    public void loadSearchIndex() {
        UUID after = null;
        while (true) {
            UUID from = after;
            List<NoticeSearchIndex.Entry> page = db.read(c -> notices.searchEntries(c, from, indexPage));
            searchIndex.merge(page);
            if (page.size() < indexPage) {
                break;
            }
            after = page.getLast().id();
        }
        searchIndexLoaded = true;
    }

    public int pendingUploads() {
        return db.read(outbox::pendingCount);
    }

    public int count(String villageCode) {
        return db.read(c -> notices.count(c, villageCode));
    }

    /**
     * The cash journal of the same entity in the previous period, whose closing balance is this
     * period's opening balance. Empty for the first period the village keeps here.
     */
    public Optional<CashJournal> previousJournal(String villageCode, String itemCode, AccountingEntity entity, Period period) {
        Period previous = period.previous();
        if (previous == null) {
            return Optional.empty();
        }
        return db.read(c -> notices.findByItemAndPeriod(c, villageCode, itemCode, previous.code())).stream()
                .map(n -> n.content().journal())
                .filter(j -> j != null && j.entity() == entity)
                .findFirst();
    }

    private CatalogItem itemOf(String code) {
        return catalog.get().find(code)
                .orElseThrow(() -> new StoreException("公开目录中没有事项“" + code + "”，未保存。"));
    }
}
