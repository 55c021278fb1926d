package cn.sanwu.client.notice;

import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An in-memory copy of what search looks at, newest first. H2 needs 300–450 ms for a
 * {@code LIKE '%水泥路%'} over 50,000 notices (its full-text search does not handle Chinese), while a
 * plain substring scan of the text in memory takes a few milliseconds; see
 * docs/decisions/0004-in-memory-search.md and docs/benchmarks.md. The database stays the source of
 * truth: the index is rebuilt from it at start and updated after each committed save.
 * Thread-safe (all methods synchronized; searches are short).
 */
final class NoticeSearchIndex {

    /** One notice as search sees it; {@code text} is already lower-cased. */
    record Entry(UUID id, String villageCode, String itemCode, Category category, String periodCode, String title,
            NoticeStatus status, int revision, Instant updatedAt, String text) {

        NoticeSummary summary() {
            return new NoticeSummary(id, itemCode, category, periodCode, title, status, revision, updatedAt);
        }
    }

    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::updatedAt).reversed()
            .thenComparing(Entry::id);

    private final List<Entry> newestFirst = new ArrayList<>();
    private final Map<UUID, Entry> byId = new HashMap<>();

    /**
     * Adds entries read from the database unless the index already holds the same or a newer
     * revision (a save that committed and was put while this page was being read).
     */
    synchronized void merge(List<Entry> entries) {
        for (Entry e : entries) {
            Entry held = byId.get(e.id());
            if (held == null || held.revision() < e.revision()) {
                put(e);
            }
        }
    }

    synchronized void put(Entry entry) {
        Entry old = byId.put(entry.id(), entry);
        if (old != null) {
            int at = Collections.binarySearch(newestFirst, old, NEWEST_FIRST);
            if (at >= 0) {
                newestFirst.remove(at);
            } else {
                newestFirst.remove(old);
            }
        }
        int at = Collections.binarySearch(newestFirst, entry, NEWEST_FIRST);
        newestFirst.add(at < 0 ? -at - 1 : at, entry);
    }

    synchronized int size() {
        return newestFirst.size();
    }

    synchronized List<NoticeSummary> search(NoticeQuery q) {
        String[] words = q.text() == null ? new String[0] : q.text().strip().toLowerCase(Locale.ROOT).split("\\s+");
        String period = blankToNull(q.periodCode());
        String item = blankToNull(q.itemCode());
        int limit = q.limit() <= 0 ? 500 : q.limit();
        List<NoticeSummary> out = new ArrayList<>(Math.min(limit, 64));
        for (Entry e : newestFirst) {
            if (!e.villageCode().equals(q.villageCode())
                    || (q.category() != null && e.category() != q.category())
                    || (q.status() != null && e.status() != q.status())
                    || (period != null && !e.periodCode().equals(period))
                    || (item != null && !e.itemCode().equals(item))
                    || !containsAll(e.text(), words)) {
                continue;
            }
            out.add(e.summary());
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    private static boolean containsAll(String text, String[] words) {
        for (String w : words) {
            if (!w.isEmpty() && !text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
