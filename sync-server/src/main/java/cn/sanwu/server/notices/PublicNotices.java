package cn.sanwu.server.notices;

import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.CatalogJson;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.log.Checkpoint;
import cn.sanwu.model.log.CheckpointVerification;
import cn.sanwu.model.log.CheckpointVerifier;
import cn.sanwu.model.log.PublishedNoticeVerifier;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the public notice page shows (docs/public-pages.md, ADR 0022): a published notice's
 * revisions with their publication facts, the content of one revision <b>masked</b>, and the QR
 * check done here with shared-model code — the printed hash against the record, the record's
 * content against its own hash, and the record in the signed transparency log. Nothing unmasked
 * leaves this class. The village listing is {@link VillageListing}. Reads only; thread-safe.
 */
public final class PublicNotices {

    /** Whether the paper's content hash (the QR's {@code h}) is the record's. */
    public enum PaperCheck {
        /** {@code h} is the hash of this revision's published record, and the record's content still hashes to it. */
        MATCHES,
        /** {@code h} is not the record's hash, or the record's content no longer hashes to it. */
        DIFFERS,
        /** The QR's revision {@code r} was never published for this notice. */
        UNKNOWN_REVISION,
        /** No {@code h} was given (a link from the village page): there is no paper to compare. */
        NOT_GIVEN
    }

    /** One published revision: the facts, no content. Free texts (reasons) are masked. */
    public record Revision(int revision, String publicationNumber, ContentHash contentHash, LocalDate postingFrom,
            LocalDate postingUntil, Instant publishedAt, Instant approvedAt, String correctionReason, Instant withdrawnAt,
            String withdrawnReason) {
    }

    /**
     * The checks. {@code log} is the shared-model verifier's outcome for the record as the server
     * holds it (VERIFIED: in the signed log, unchanged); {@code checkpoint} the signed tree head it
     * was checked against (null when the checkpoint itself failed).
     */
    public record Check(PaperCheck paper, boolean contentIntact, PublishedNoticeVerifier.Outcome log, String logDetail,
            Checkpoint checkpoint) {

        /** Every check passed (with or without a paper to compare). */
        public boolean allGood() {
            return (paper == PaperCheck.MATCHES || paper == PaperCheck.NOT_GIVEN) && contentIntact
                    && log == PublishedNoticeVerifier.Outcome.VERIFIED;
        }
    }

    /**
     * A notice page. {@code content} is masked and null when the stored record cannot be read as
     * the content it claims to be; {@code shown} is the revision displayed (the QR's, else the
     * newest); {@code revisions} oldest first.
     */
    public record NoticeView(UUID id, String villageCode, Optional<Region> village, Optional<CatalogItem> item,
            NoticeContent content, Revision shown, List<Revision> revisions, Integer requestedRevision, Check check) {

        public Revision newest() {
            return revisions.getLast();
        }

        /** Withdrawn: the withdrawal is recorded on the revision that was in force, the newest. */
        public boolean withdrawn() {
            return newest().withdrawnAt() != null;
        }
    }

    private final Database db;
    private final TransparencyLog log;
    private final RegionService regions;
    private final Catalog catalog;
    private final PublicationLedger ledger = new PublicationLedger();
    private final VillageListing listing;
    private final PublishedNoticeVerifier verifier;
    private final CheckpointVerifier checkpoints;
    /** The last signed note checked and its verdict: one Ed25519 check per new checkpoint, not per page. */
    private final AtomicReference<Object[]> lastCheckpoint = new AtomicReference<>(new Object[] {null, null});

    public PublicNotices(Database db, TransparencyLog log, RegionService regions) {
        this(db, log, regions, CatalogJson.defaultCatalog());
    }

    public PublicNotices(Database db, TransparencyLog log, RegionService regions, Catalog catalog) {
        this.db = db;
        this.log = log;
        this.regions = regions;
        this.catalog = catalog;
        this.listing = new VillageListing(db, catalog);
        this.checkpoints = log.verifier();
        this.verifier = new PublishedNoticeVerifier(log.hasher(), checkpoints);
    }

    /** The village page's list over the same store and catalog. */
    public VillageListing listing() {
        return listing;
    }

    /** A disclosing unit (village or community) by code; empty for anything else. */
    public Optional<Region> village(String code) {
        if (code == null || !Region.isValidCode(code)) {
            return Optional.empty();
        }
        try {
            return Optional.of(regions.requireDisclosingUnit(code));
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    private record Row(Revision revision, String villageCode, String contentJson) {
    }

    /**
     * The notice page's facts and checks; empty when nothing of the notice was ever published.
     * {@code revision} and {@code printed} are the QR's {@code r} and {@code h}, each may be null.
     */
    public Optional<NoticeView> notice(UUID id, Integer revision, ContentHash printed) {
        List<Row> rows = db.inReadTransaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.revision, r.publication_number, r.content_hash,"
                    + " r.posting_from, r.posting_until, r.published_at, p.approved_at, p.correction_reason, p.withdrawn_at,"
                    + " p.withdrawn_reason, r.village_code, r.content_json FROM published_record r LEFT JOIN publication p"
                    + " ON p.notice_id = r.notice_id AND p.revision = r.revision WHERE r.notice_id = ? ORDER BY r.revision")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(new Revision(rs.getInt(1), rs.getString(2), hash(rs.getString(3)),
                                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), instant(rs, 6),
                                instant(rs, 7), masked(rs.getString(8)), instant(rs, 9), masked(rs.getString(10))),
                                rs.getString(11), rs.getString(12)));
                    }
                }
            }
            return out;
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row shown = rows.getLast();
        boolean unknownRevision = false;
        if (revision != null) {
            Optional<Row> asked = rows.stream().filter(r -> r.revision().revision() == revision).findFirst();
            unknownRevision = asked.isEmpty();
            shown = asked.orElse(shown);
        } else if (printed != null) {
            // Sheets printed before the QR carried r: the revision is the one with the printed hash, if any.
            shown = rows.stream().filter(r -> printed.equals(r.revision().contentHash())).reduce((a, b) -> b).orElse(shown);
        }
        Optional<NoticeContent> content = PublishedContent.parse(id, shown.contentJson());
        ContentHash recordHash = shown.revision().contentHash();
        boolean intact = content.isPresent() && recordHash != null
                && ledger.contentHash(shown.contentJson()).equals(recordHash);
        PaperCheck paper = printed == null ? PaperCheck.NOT_GIVEN
                : unknownRevision ? PaperCheck.UNKNOWN_REVISION
                : printed.equals(recordHash) && intact ? PaperCheck.MATCHES : PaperCheck.DIFFERS;
        Check check = logCheck(id, shown.revision().revision(), paper, intact);
        List<Revision> revisions = rows.stream().map(Row::revision).toList();
        return Optional.of(new NoticeView(id, shown.villageCode(), village(shown.villageCode()),
                content.flatMap(c -> catalog.find(c.itemCode())), content.map(Masking::content).orElse(null),
                shown.revision(), revisions, revision, check));
    }

    /** The record of {@code revision} as the log's inclusion route serves it, checked by the shared-model verifier. */
    private Check logCheck(UUID id, int revision, PaperCheck paper, boolean intact) {
        Optional<TransparencyLog.Inclusion> inclusion;
        try {
            inclusion = log.inclusion(id, revision);
        } catch (RuntimeException e) { // a record the log cannot even read (damaged leaf index, …)
            return new Check(paper, intact, PublishedNoticeVerifier.Outcome.NOT_IN_LOG, e.getMessage(), null);
        }
        if (inclusion.isEmpty()) {
            return new Check(paper, intact, PublishedNoticeVerifier.Outcome.NOT_IN_LOG, "no record", null);
        }
        TransparencyLog.Inclusion in = inclusion.get();
        PublishedNoticeVerifier.Result result = verifier.verify(id, in.leaf().contentHash(), in.leaf(), in.proof(),
                verified(in.checkpoint()));
        return new Check(paper, intact, result.outcome(), result.detail(), result.checkpoint());
    }

    private CheckpointVerification verified(String note) {
        Object[] last = lastCheckpoint.get();
        if (note.equals(last[0])) {
            return (CheckpointVerification) last[1];
        }
        CheckpointVerification v = checkpoints.verify(note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lastCheckpoint.set(new Object[] {note, v});
        return v;
    }

    static String masked(String text) {
        return text == null ? null : Masking.freeText(text);
    }

    private static ContentHash hash(String text) {
        try {
            return ContentHash.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // a damaged record: shown as 不一致, never as matching
        }
    }

    static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
