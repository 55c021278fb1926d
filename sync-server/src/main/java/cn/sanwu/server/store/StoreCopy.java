package cn.sanwu.server.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Copies every table of one server store into another that the same migrations created and that
 * holds no data yet: how a server moves from its H2 file to PostgreSQL ({@code admin
 * copy-to-postgres}, docs/operations.md). Generic over the schema (tables are read from JDBC
 * metadata, so tables added by later migrations are copied without touching this class), in
 * foreign-key order, in one target transaction — a failure leaves the target empty. Afterwards
 * both sides are read again and compared table by table (row count and a digest of every value,
 * normalised so that H2's and PostgreSQL's representations of a timestamp or UUID agree); any
 * difference rolls nothing back by itself but is reported and makes the command fail.
 *
 * <p>The feed epoch, cursors, device tokens and signing keys are copied as they are: village PCs
 * sync on against the new store without noticing the move.
 */
public final class StoreCopy {

    /** The migration bookkeeping table; the target's own migrations wrote it already. */
    private static final String SCHEMA_VERSION = "schema_version";
    private static final int BATCH = 500;

    /** What was copied: rows per table, in copy order. */
    public record Report(Map<String, Long> rowsPerTable) {
        public long totalRows() {
            return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StoreCopy() {
    }

    /**
     * Copies {@code source} into {@code target}. Refuses (nothing written) when the target already
     * holds data in any table, or when the two schemas differ in tables.
     */
    public static Report copy(Database source, Database target, PrintStream progress) {
        try (Connection from = source.connection(); Connection to = target.connection()) {
            // One consistent read of the source even if something still writes to it.
            from.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            from.setReadOnly(true);
            List<String> tables = tablesInCopyOrder(from);
            Set<String> targetTables = new LinkedHashSet<>(tableNames(to));
            List<String> missing = tables.stream().filter(t -> !targetTables.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new StoreException("目标数据库缺少数据表 " + missing + "：两边的服务器版本不同？请用同一版本的服务器。");
            }
            for (String table : tables) {
                long rows = count(to, table);
                if (rows > 0 && !isStartupOnly(table, to)) {
                    throw new StoreException("目标数据库不是空的：表 " + table + " 已有 " + rows
                            + " 行。请复制到新建的空数据库（不会覆盖已有数据）。");
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            try {
                // Rows a fresh server writes at start (its feed epoch) are replaced by the source's.
                for (String table : tables.reversed()) {
                    try (Statement s = to.createStatement()) {
                        s.executeUpdate("DELETE FROM " + table);
                    }
                }
                for (String table : tables) {
                    long n = copyTable(from, to, table);
                    copied.put(table, n);
                    progress.println("  " + table + ": " + n + " 行");
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            } finally {
                from.rollback();
            }
            verify(source, target, tables);
            return new Report(copied);
        } catch (SQLException e) {
            throw new StoreException("复制失败，目标数据库未写入任何数据：" + e.getMessage(), e);
        }
    }

    /**
     * A table a freshly migrated server fills by itself ({@code server_meta} with its feed epoch,
     * {@code ledger_head} with an empty log's head, migration V6): the copy replaces those rows
     * with the source's, so they do not make the target "not empty".
     */
    private static boolean isStartupOnly(String table, Connection to) {
        return table.equals("server_meta") || table.equals("ledger_head");
    }

    /** Compares row counts and value digests of every table; throws with the tables that differ. */
    public static void verify(Database source, Database target, List<String> tables) {
        try (Connection a = source.connection(); Connection b = target.connection()) {
            List<String> differing = new ArrayList<>();
            for (String table : tables) {
                String left = digest(a, table);
                String right = digest(b, table);
                if (!left.equals(right)) {
                    differing.add(table);
                }
            }
            a.rollback();
            b.rollback();
            if (!differing.isEmpty()) {
                throw new StoreException("复制后核对不一致的表：" + differing + "。请不要启用目标数据库，保留原 H2 文件并报告此问题。");
            }
        } catch (SQLException e) {
            throw new StoreException("复制后核对失败：" + e.getMessage(), e);
        }
    }

    /**
     * Row count plus SHA-256 over the sorted per-row digests, values normalised. Sorted in Java
     * because the databases order UUIDs and (collation-dependent) text differently.
     */
    static String digest(Connection c, String table) throws SQLException {
        List<String> rowDigests = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            // Column order may differ between databases; digest by sorted column name.
            List<Integer> byName = new ArrayList<>(new TreeMap<>(indexByName(columns)).values());
            while (rs.next()) {
                MessageDigest row = sha256();
                for (int i : byName) {
                    row.update(normalised(value(rs, i)).getBytes(StandardCharsets.UTF_8));
                    row.update((byte) 0x1f);
                }
                rowDigests.add(HexFormat.of().formatHex(row.digest()));
            }
        }
        rowDigests.sort(null);
        MessageDigest all = sha256();
        rowDigests.forEach(d -> all.update(d.getBytes(StandardCharsets.US_ASCII)));
        return rowDigests.size() + ":" + HexFormat.of().formatHex(all.digest());
    }

    private static Map<String, Integer> indexByName(List<String> columns) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), i + 1);
        }
        return m;
    }

    private static String normalised(Object v) {
        return switch (v) {
            case null -> "\u2400";
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            case OffsetDateTime t -> t.toInstant().toString();
            case ZonedDateTime t -> t.toInstant().toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case Boolean b -> b.toString();
            case Number n -> new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            default -> v.toString();
        };
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        List<String> key = primaryKey(from, table);
        String order = key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key);
        List<String[]> selfReferences = selfReferences(from, table);
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + order)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                columns.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            String insert = "INSERT INTO " + table + "(" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 1; i <= n; i++) {
                    row[i - 1] = value(rs, i);
                }
                rows.add(row);
            }
            if (!selfReferences.isEmpty()) {
                rows = parentsFirst(rows, columns, selfReferences, table);
            }
            try (PreparedStatement ps = to.prepareStatement(insert)) {
                int pending = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < n; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            return rows.size();
        }
    }

    /**
     * Orders rows of a table that references itself (region → parent region) so every referenced
     * row is inserted before the rows that point at it.
     */
    private static List<Object[]> parentsFirst(List<Object[]> rows, List<String> columns, List<String[]> refs, String table) {
        List<Object[]> ordered = new ArrayList<>();
        Set<String> inserted = new java.util.HashSet<>();
        List<Object[]> waiting = new ArrayList<>(rows);
        while (!waiting.isEmpty()) {
            List<Object[]> next = new ArrayList<>();
            for (Object[] row : waiting) {
                boolean ready = true;
                for (String[] ref : refs) {
                    Object parent = row[columns.indexOf(ref[0])];
                    if (parent != null && !inserted.contains(ref[1] + "=" + parent)) {
                        ready = false;
                    }
                }
                if (ready) {
                    ordered.add(row);
                    for (String[] ref : refs) {
                        inserted.add(ref[1] + "=" + row[columns.indexOf(ref[1])]);
                    }
                } else {
                    next.add(row);
                }
            }
            if (next.size() == waiting.size()) {
                throw new StoreException("表 " + table + " 中有引用不存在的行，无法复制：" + next.size() + " 行");
            }
            waiting = next;
        }
        return ordered;
    }

    /** Values as plain Java objects both drivers accept back (LOBs read out, not as handles). */
    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (v instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        return v;
    }

    /** User tables, each after every table it references (FK order), without schema_version. */
    static List<String> tablesInCopyOrder(Connection c) throws SQLException {
        List<String> tables = tableNames(c);
        tables.remove(SCHEMA_VERSION);
        Map<String, Set<String>> references = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        for (String table : tables) {
            Set<String> parents = new LinkedHashSet<>();
            try (ResultSet rs = md.getImportedKeys(null, schema(c), storedName(c, table))) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        parents.add(parent);
                    }
                }
            }
            references.put(table, parents);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(references.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new StoreException("外键有环，无法决定复制顺序：" + references);
            }
        }
        return ordered;
    }

    /** Columns of {@code table} referencing its own primary key: {fk column, referenced column}. */
    private static List<String[]> selfReferences(Connection c, String table) throws SQLException {
        List<String[]> refs = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(null, schema(c), storedName(c, table))) {
            while (rs.next()) {
                if (rs.getString("PKTABLE_NAME").equalsIgnoreCase(table)) {
                    refs.add(new String[] {rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT),
                        rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT)});
                }
            }
        }
        return refs;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, schema(c), storedName(c, table))) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(key.values());
    }

    private static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, schema(c), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        names.sort(null);
        return names;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** H2 keeps unquoted names upper case, PostgreSQL lower case. */
    private static String storedName(Connection c, String table) throws SQLException {
        return isH2(c) ? table.toUpperCase(Locale.ROOT) : table;
    }

    private static String schema(Connection c) throws SQLException {
        return Objects.requireNonNullElse(c.getSchema(), isH2(c) ? "PUBLIC" : "public");
    }

    private static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
