package cn.sanwu.model.hash;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one implementation of a notice's canonical content hash, used by client and server for
 * approval binding, QR codes, the transparency log and corruption checks. The canonical tree is
 * documented field by field in docs/canonical-hash.md; changing it changes every hash, so a
 * change needs a new {@link #SCHEMA}. Thread-safe.
 */
public final class NoticeHasher {

    public static final String SCHEMA = "sanwu.notice-content/1";

    private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private final HashAlgorithm algorithm;

    public NoticeHasher(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public static NoticeHasher sha256() {
        return new NoticeHasher(Sha256.INSTANCE);
    }

    public ContentHash hash(UUID noticeId, NoticeContent content) {
        return ContentHash.of(algorithm, algorithm.digest(CanonicalJson.toBytes(canonicalTree(noticeId, content))));
    }

    /** The tree that is serialised and hashed; public so tests and docs can show it. */
    public static Map<String, Object> canonicalTree(UUID noticeId, NoticeContent c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("noticeId", noticeId.toString());
        m.put("villageCode", c.villageCode());
        m.put("itemCode", c.itemCode());
        m.put("period", c.period().code());
        m.put("title", c.title());
        m.put("body", c.body());
        List<Object> tables = new ArrayList<>();
        for (NoticeTable t : c.tables()) {
            tables.add(table(t));
        }
        m.put("tables", tables);
        if (c.journal() != null) {
            m.put("journal", journal(c.journal()));
        }
        if (c.recipients() != null) {
            m.put("recipients", recipients(c.recipients()));
        }
        return m;
    }

    private static Map<String, Object> table(NoticeTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caption", t.caption());
        List<Object> columns = new ArrayList<>();
        for (var col : t.columns()) {
            columns.add(Map.of("title", col.title(), "type", col.type().name()));
        }
        m.put("columns", columns);
        List<Object> rows = new ArrayList<>();
        for (List<String> row : t.rows()) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ColumnType type = i < t.columns().size() ? t.columns().get(i).type() : ColumnType.TEXT;
                cells.add(cell(row.get(i), type));
            }
            rows.add(cells);
        }
        m.put("rows", rows);
        return m;
    }

    /**
     * Money and integer cells hash as JSON integers when they hold one in canonical form (no
     * leading zeros, no "-0"); otherwise as text. Only the canonical form is converted so that two
     * different cell texts ("7" and "007") can never hash alike.
     */
    private static Object cell(String value, ColumnType type) {
        if ((type == ColumnType.MONEY_FEN || type == ColumnType.INTEGER) && value != null
                && CANONICAL_INTEGER.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        return value == null ? "" : value;
    }

    private static Map<String, Object> journal(CashJournal j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", j.entity().name());
        m.put("openingBalanceFen", j.openingBalanceFen());
        List<Object> entries = new ArrayList<>();
        for (LedgerEntry e : j.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", e.date() == null ? null : e.date().toString());
            row.put("voucherNo", e.voucherNo());
            row.put("summary", e.summary());
            row.put("incomeFen", e.incomeFen());
            row.put("expenseFen", e.expenseFen());
            entries.add(row);
        }
        m.put("entries", entries);
        return m;
    }

    private static Map<String, Object> recipients(RecipientList list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("programme", list.programme());
        List<Object> rows = new ArrayList<>();
        for (Recipient r : list.recipients()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("group", r.group());
            row.put("population", (long) r.population());
            row.put("amountFen", r.amountFen());
            row.put("idNumber", r.idNumber());
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }
}
