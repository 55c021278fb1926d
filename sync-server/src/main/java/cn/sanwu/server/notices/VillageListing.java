package cn.sanwu.server.notices;

import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The village page's data (docs/public-pages.md): every notice the village published, its newest
 * revision, grouped by category and period, newest period first, filtered by a search over titles
 * and 公开编号 and cut into pages. One query per page reads the village's records with their content
 * JSON; the few fields the listing needs from a content (masked title, item, period) are kept in
 * memory with a 64-bit fingerprint of the JSON they came from, and a content whose fingerprint
 * differs (a record edited in the database behind the server's back) is parsed again, so the list
 * never shows a stale title (ADR 0026). Parsing, not reading, is what the memory saves. Thread-safe.
 */
public final class VillageListing {

    public static final int PAGE_SIZE = 30;
    public static final int MAX_QUERY_CHARS = 40;
    /** Bounds the memory of summaries; past it the cache starts again (it refills from the database). */
    static final int MAX_CACHED = 200_000;

    /** One notice in the list: its newest revision. {@code category} null when the item is not in the catalog. */
    public record Entry(UUID noticeId, int revision, String publicationNumber, Instant publishedAt, boolean withdrawn,
            boolean corrected, String title, Category category, String itemName, Period period) {
    }

    /** A page of the list; {@code total} notices of the village, {@code matching} after the search and filter. */
    public record Page(Region village, String query, Category filter, int page, int pages, int total, int matching,
            List<Entry> entries) {
    }

    /** {@code fingerprint}: {@link #fingerprint} of the content JSON the fields were read from. */
    private record Summary(String title, String itemCode, Period period, long fingerprint) {
    }

    private record Key(UUID noticeId, int revision) {
    }

    private record Newest(Key key, String number, Instant publishedAt, boolean withdrawn, int revisions, String json) {
    }

    private static final String DAMAGED_TITLE = "（该记录无法读取）";

    private final Database db;
    private final Catalog catalog;
    private final Map<Key, Summary> summaries = new ConcurrentHashMap<>();

    public VillageListing(Database db, Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** Normalises a typed search: NFC, trimmed, at most {@link #MAX_QUERY_CHARS}; empty for none. */
    public static String normaliseQuery(String q) {
        if (q == null) {
            return "";
        }
        String s = Normalizer.normalize(q, Normalizer.Form.NFKC).strip();
        return s.length() > MAX_QUERY_CHARS ? s.substring(0, MAX_QUERY_CHARS) : s;
    }

    /** A page (from 1) of {@code village}'s list; a page past the end gives the last page. */
    public Page page(Region village, String query, Category filter, int page) {
        List<Newest> newest = newest(village.code());
        if (summaries.size() + newest.size() > MAX_CACHED) {
            summaries.clear();
        }
        String q = normaliseQuery(query).toLowerCase(Locale.ROOT);
        List<Entry> all = new ArrayList<>();
        for (Newest n : newest) {
            Summary s = current(n);
            Optional<CatalogItem> item = catalog.find(s.itemCode());
            all.add(new Entry(n.key().noticeId(), n.key().revision(), n.number(), n.publishedAt(), n.withdrawn(),
                    n.revisions() > 1, s.title(), item.map(CatalogItem::category).orElse(null),
                    item.map(CatalogItem::nameZh).orElse(""), s.period()));
        }
        int total = all.size();
        List<Entry> matching = all.stream()
                .filter(e -> filter == null || e.category() == filter)
                .filter(e -> q.isEmpty() || e.title().toLowerCase(Locale.ROOT).contains(q)
                        || e.publicationNumber().toLowerCase(Locale.ROOT).contains(q))
                .sorted(ORDER).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(1, page), pages);
        List<Entry> slice = matching.subList(Math.min(matching.size(), (p - 1) * PAGE_SIZE),
                Math.min(matching.size(), p * PAGE_SIZE));
        return new Page(village, normaliseQuery(query), filter, p, pages, total, matching.size(), List.copyOf(slice));
    }

    /** Party, village affairs, finance, then items outside the catalog; newest period first; newest publication first. */
    static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.category() == null ? Integer.MAX_VALUE : e.category().ordinal())
            .thenComparing((Entry e) -> e.period() == null ? LocalDate.MIN : e.period().end(), Comparator.reverseOrder())
            .thenComparing(Entry::publishedAt, Comparator.reverseOrder())
            .thenComparing(Entry::publicationNumber);

    private List<Newest> newest(String village) {
        return db.inReadTransaction(c -> {
            Map<UUID, Newest> byNotice = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.notice_id, r.revision, r.publication_number,"
                    + " r.published_at, p.withdrawn_at, r.content_json FROM published_record r LEFT JOIN publication p"
                    + " ON p.notice_id = r.notice_id AND p.revision = r.revision WHERE r.village_code = ?")) {
                ps.setString(1, village);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Newest row = new Newest(new Key(rs.getObject(1, UUID.class), rs.getInt(2)), rs.getString(3),
                                PublicNotices.instant(rs, 4), rs.getObject(5) != null, 1, rs.getString(6));
                        byNotice.merge(row.key().noticeId(), row, (a, b) -> {
                            Newest later = a.key().revision() >= b.key().revision() ? a : b;
                            return new Newest(later.key(), later.number(), later.publishedAt(),
                                    a.withdrawn() || b.withdrawn(), a.revisions() + b.revisions(), later.json());
                        });
                    }
                }
            }
            return new ArrayList<>(byNotice.values());
        });
    }

    /** The summary of the content as stored now: from memory when the JSON is the one it was read from. */
    private Summary current(Newest n) {
        long fingerprint = fingerprint(n.json());
        Summary cached = summaries.get(n.key());
        if (cached != null && cached.fingerprint() == fingerprint) {
            return cached;
        }
        Summary fresh = summary(n.key().noticeId(), n.json(), fingerprint);
        summaries.put(n.key(), fresh);
        return fresh;
    }

    /**
     * 64-bit FNV-1a over the JSON's chars: an edit shows as a different value (a crafted collision
     * would only keep the older title in the list; the notice page always reads the record).
     */
    static long fingerprint(String json) {
        long h = 0xcbf29ce484222325L;
        if (json == null) {
            return h;
        }
        for (int i = 0; i < json.length(); i++) {
            h ^= json.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static Summary summary(UUID id, String json, long fingerprint) {
        Optional<NoticeContent> content = json == null ? Optional.empty() : PublishedContent.parse(id, json);
        return content.map(c -> new Summary(PublicNotices.masked(c.title()), c.itemCode(), c.period(), fingerprint))
                .orElse(new Summary(DAMAGED_TITLE, "", null, fingerprint));
    }
}
