package cn.sanwu.client.notice;

import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.notice.NoticeTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for notices. Works inside the caller's transaction (a {@link Connection} is passed in).
 * Every read recomputes the content hash and refuses a row that does not match it. Stateless.
 */
public final class NoticeRepository {

    private static final String COLUMNS = "id, item_code, category, period_code, title, status, revision, updated_at";

    private final NoticeHasher hasher;

    public NoticeRepository(NoticeHasher hasher) {
        this.hasher = hasher;
    }

    public Optional<Integer> storedRevision(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM notice WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    public void insert(Connection c, Notice n, Category category, String itemName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice(village_code, item_code, category, period_code,"
                + " period_start, title, status, revision, reason, content_json, content_hash, search_text, created_at,"
                + " updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindCommon(ps, n, category, itemName);
            ps.setTimestamp(i++, Timestamp.from(n.updatedAt()));
            ps.setTimestamp(i++, Timestamp.from(n.updatedAt()));
            ps.setObject(i, n.id());
            ps.executeUpdate();
        }
    }

    public void update(Connection c, Notice n, Category category, String itemName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notice SET village_code = ?, item_code = ?, category = ?,"
                + " period_code = ?, period_start = ?, title = ?, status = ?, revision = ?, reason = ?, content_json = ?,"
                + " content_hash = ?, search_text = ?, updated_at = ? WHERE id = ?")) {
            int i = bindCommon(ps, n, category, itemName);
            ps.setTimestamp(i++, Timestamp.from(n.updatedAt()));
            ps.setObject(i, n.id());
            ps.executeUpdate();
        }
    }

    private int bindCommon(PreparedStatement ps, Notice n, Category category, String itemName) throws SQLException {
        NoticeContent content = n.content();
        int i = 1;
        ps.setString(i++, content.villageCode());
        ps.setString(i++, content.itemCode());
        ps.setString(i++, category.name());
        ps.setString(i++, content.period().code());
        ps.setObject(i++, content.period().start());
        ps.setString(i++, truncate(content.title(), 1000));
        ps.setString(i++, n.status().name());
        ps.setInt(i++, n.revision());
        ps.setString(i++, n.reason());
        ps.setString(i++, toJson(content));
        ps.setString(i++, hasher.hash(n.id(), content).toString());
        ps.setString(i++, searchText(content, itemName, n.reason()));
        return i;
    }

    public Optional<Notice> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, revision, reason, content_json, content_hash, updated_at FROM notice WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readFull(rs)) : Optional.empty();
            }
        }
    }

    /** Full notices of one item and period (there may be several, e.g. one per accounting entity). */
    public List<Notice> findByItemAndPeriod(Connection c, String villageCode, String itemCode, String periodCode)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, revision, reason, content_json, content_hash,"
                + " updated_at FROM notice WHERE village_code = ? AND item_code = ? AND period_code = ? ORDER BY created_at")) {
            ps.setString(1, villageCode);
            ps.setString(2, itemCode);
            ps.setString(3, periodCode);
            List<Notice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readFull(rs));
                }
            }
            return out;
        }
    }

    private Notice readFull(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        NoticeContent content;
        try {
            content = JsonMapping.mapper().readValue(rs.getString("content_json"), NoticeContent.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CorruptedNoticeException(id, "content_json unreadable: " + e.getMessage());
        }
        ContentHash stored = ContentHash.parse(rs.getString("content_hash"));
        ContentHash actual = hasher.hash(id, content);
        if (!stored.equals(actual)) {
            throw new CorruptedNoticeException(id, "stored " + stored + " != computed " + actual);
        }
        return new Notice(id, content, NoticeStatus.valueOf(rs.getString("status")), rs.getInt("revision"),
                rs.getString("reason"), rs.getTimestamp("updated_at").toInstant());
    }

    public List<NoticeSummary> search(Connection c, NoticeQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notice WHERE village_code = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.villageCode());
        if (q.category() != null) {
            sql.append(" AND category = ?");
            args.add(q.category().name());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.periodCode() != null && !q.periodCode().isBlank()) {
            sql.append(" AND period_code = ?");
            args.add(q.periodCode().strip());
        }
        if (q.itemCode() != null && !q.itemCode().isBlank()) {
            sql.append(" AND item_code = ?");
            args.add(q.itemCode().strip());
        }
        if (q.text() != null) {
            for (String word : q.text().strip().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!word.isEmpty()) {
                    sql.append(" AND search_text LIKE ? ESCAPE '\\'");
                    args.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
        }
        sql.append(" ORDER BY updated_at DESC LIMIT ?");
        args.add(q.limit() <= 0 ? 500 : q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<NoticeSummary> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NoticeSummary(rs.getObject(1, UUID.class), rs.getString(2), Category.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), NoticeStatus.valueOf(rs.getString(6)), rs.getInt(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        }
    }

    /** (item code, period code, status) of every notice of a village in the given periods; feeds the checklist. */
    public List<String[]> statusesForPeriods(Connection c, String villageCode, List<String> periodCodes) throws SQLException {
        if (periodCodes.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(periodCodes.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT item_code, period_code, status, id, reason FROM notice"
                + " WHERE village_code = ? AND period_code IN (" + marks + ")")) {
            ps.setString(1, villageCode);
            for (int i = 0; i < periodCodes.size(); i++) {
                ps.setString(i + 2, periodCodes.get(i));
            }
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            return out;
        }
    }

    /** Latest status per item for items without calendar periods (standing and event items). */
    public List<String[]> latestPerItem(Connection c, String villageCode, List<String> itemCodes) throws SQLException {
        if (itemCodes.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(itemCodes.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT item_code, period_code, status, id, reason, updated_at FROM notice"
                + " WHERE village_code = ? AND item_code IN (" + marks + ") ORDER BY updated_at DESC")) {
            ps.setString(1, villageCode);
            for (int i = 0; i < itemCodes.size(); i++) {
                ps.setString(i + 2, itemCodes.get(i));
            }
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            return out;
        }
    }

    /** Everything the in-memory search index holds, for all notices. */
    /** One page of search entries in id order, after {@code afterId} (null for the first page). */
    List<NoticeSearchIndex.Entry> searchEntries(Connection c, UUID afterId, int limit) throws SQLException {
        List<NoticeSearchIndex.Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, village_code, item_code, category, period_code, title,"
                + " status, revision, updated_at, search_text FROM notice" + (afterId == null ? "" : " WHERE id > ?")
                + " ORDER BY id LIMIT ?")) {
            int i = 1;
            if (afterId != null) {
                ps.setObject(i++, afterId);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NoticeSearchIndex.Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            Category.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            NoticeStatus.valueOf(rs.getString(7)), rs.getInt(8), rs.getTimestamp(9).toInstant(),
                            rs.getString(10)));
                }
            }
        }
        return out;
    }

    static NoticeSearchIndex.Entry searchEntry(Notice n, Category category, String itemName) {
        NoticeContent c = n.content();
        return new NoticeSearchIndex.Entry(n.id(), c.villageCode(), c.itemCode(), category, c.period().code(),
                truncate(c.title(), 1000), n.status(), n.revision(), n.updatedAt(), searchText(c, itemName, n.reason()));
    }

    public int count(Connection c, String villageCode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notice WHERE village_code = ?")) {
            ps.setString(1, villageCode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static String toJson(NoticeContent content) {
        try {
            return JsonMapping.mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice content is always serialisable", e);
        }
    }

    /** Lower-cased text that plain substring search runs over. */
    static String searchText(NoticeContent c, String itemName, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(c.title()).append('\n').append(itemName).append('\n').append(c.body()).append('\n').append(reason);
        for (NoticeTable t : c.tables()) {
            b.append('\n').append(t.caption());
            t.rows().forEach(r -> b.append('\n').append(String.join(" ", r)));
        }
        if (c.journal() != null) {
            for (LedgerEntry e : c.journal().entries()) {
                b.append('\n').append(e.voucherNo()).append(' ').append(e.summary());
            }
        }
        if (c.recipients() != null) {
            b.append('\n').append(c.recipients().programme());
            for (Recipient r : c.recipients().recipients()) {
                b.append('\n').append(r.name()).append(' ').append(r.group());
            }
        }
        return truncate(b.toString().toLowerCase(Locale.ROOT), 1_000_000);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
