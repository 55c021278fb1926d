package cn.sanwu.server.notices;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.hash.CanonicalJson;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a published record's canonical content JSON (docs/canonical-hash.md) back into a
 * {@link NoticeContent}, and accepts it only when writing that content again gives the very same
 * bytes: then what the page shows is exactly what the content hash covers, field for field, and a
 * record edited into something else (or a field the reader would drop) is reported, not shown as
 * if it were the published one. Stateless.
 */
final class PublishedContent {

    private PublishedContent() {
    }

    /** The content, or empty when the JSON is not the canonical form of a notice content for {@code noticeId}. */
    static Optional<NoticeContent> parse(UUID noticeId, String json) {
        try {
            Map<String, Object> tree = ModelJson.mapper().readValue(json,
                    ModelJson.mapper().getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            NoticeContent content = new NoticeContent(text(tree, "villageCode"), text(tree, "itemCode"),
                    Period.parse(text(tree, "period")), text(tree, "title"), text(tree, "body"), tables(tree.get("tables")),
                    journal(tree.get("journal")), recipients(tree.get("recipients")));
            if (!CanonicalJson.toText(NoticeHasher.canonicalTree(noticeId, content)).equals(json)) {
                return Optional.empty();
            }
            return Optional.of(content);
        } catch (Exception e) { // any shape the model cannot hold: a damaged record, reported as such
            return Optional.empty();
        }
    }

    private static List<NoticeTable> tables(Object value) {
        List<NoticeTable> out = new ArrayList<>();
        for (Object t : list(value)) {
            Map<?, ?> m = (Map<?, ?>) t;
            List<TableColumn> columns = new ArrayList<>();
            for (Object c : list(m.get("columns"))) {
                Map<?, ?> col = (Map<?, ?>) c;
                columns.add(new TableColumn((String) col.get("title"), ColumnType.valueOf((String) col.get("type"))));
            }
            List<List<String>> rows = new ArrayList<>();
            for (Object r : list(m.get("rows"))) {
                List<String> cells = new ArrayList<>();
                for (Object cell : list(r)) {
                    cells.add(String.valueOf(cell));
                }
                rows.add(cells);
            }
            out.add(new NoticeTable((String) m.get("caption"), columns, rows));
        }
        return out;
    }

    private static CashJournal journal(Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        List<LedgerEntry> entries = new ArrayList<>();
        for (Object e : list(m.get("entries"))) {
            Map<?, ?> row = (Map<?, ?>) e;
            Object date = row.get("date");
            entries.add(new LedgerEntry(date == null ? null : LocalDate.parse((String) date), (String) row.get("voucherNo"),
                    (String) row.get("summary"), number(row.get("incomeFen")), number(row.get("expenseFen"))));
        }
        return new CashJournal(AccountingEntity.valueOf((String) m.get("entity")), number(m.get("openingBalanceFen")), entries);
    }

    private static RecipientList recipients(Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        List<Recipient> rows = new ArrayList<>();
        for (Object r : list(m.get("rows"))) {
            Map<?, ?> row = (Map<?, ?>) r;
            rows.add(new Recipient((String) row.get("name"), (String) row.get("group"),
                    Math.toIntExact(number(row.get("population"))), number(row.get("amountFen")), (String) row.get("idNumber")));
        }
        return new RecipientList((String) m.get("programme"), rows);
    }

    private static String text(Map<String, Object> tree, String key) {
        Object v = tree.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " is not text");
        }
        return s;
    }

    private static long number(Object v) {
        if (!(v instanceof Number n) || v instanceof Double || v instanceof Float) {
            throw new IllegalArgumentException("not an integer: " + v);
        }
        return n.longValue();
    }

    private static List<?> list(Object v) {
        if (v == null) {
            return List.of();
        }
        return (List<?>) v;
    }
}
