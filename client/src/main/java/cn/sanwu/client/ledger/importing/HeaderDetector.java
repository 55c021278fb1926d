package cn.sanwu.client.ledger.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the header row among the first rows of a journal (title rows such as
 * "XX村村民委员会现金日记账 2026年11月" usually come first) and maps its columns to roles.
 * Also handles the two-row header of paper-style journals, where a "2026年" cell stands above
 * separate 月 and 日 columns.
 */
final class HeaderDetector {

    /** Non-blank rows examined; a header further down is not a journal we understand. */
    static final int SCAN_ROWS = 10;
    /** A header cell is a short label; longer text is a title or a note. */
    private static final int MAX_HEADER_CHARS = 16;
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern YEAR_CELL = Pattern.compile("((?:19|20)\\d{2})年(?:度)?");

    private static final Map<String, ColumnRole> EXACT = new LinkedHashMap<>();
    /** Checked in order after exact names fail, so "收入(借方)金额" still maps to income. */
    private static final List<Map.Entry<String, ColumnRole>> CONTAINS = List.of(
            Map.entry("日期", ColumnRole.DATE),
            Map.entry("凭证", ColumnRole.VOUCHER),
            Map.entry("摘要", ColumnRole.SUMMARY),
            Map.entry("余额", ColumnRole.BALANCE),
            Map.entry("结余", ColumnRole.BALANCE),
            Map.entry("结存", ColumnRole.BALANCE),
            Map.entry("收入", ColumnRole.INCOME),
            Map.entry("支出", ColumnRole.EXPENSE),
            Map.entry("借方", ColumnRole.INCOME),
            Map.entry("贷方", ColumnRole.EXPENSE));

    static {
        names(ColumnRole.DATE, "日期", "记账日期", "凭证日期", "业务日期", "发生日期", "date");
        names(ColumnRole.MONTH, "月", "月份", "month");
        names(ColumnRole.DAY, "日", "day");
        names(ColumnRole.VOUCHER, "凭证号", "凭证字号", "凭证编号", "凭证号码", "凭证号数", "凭证", "单据号", "编号",
                "voucher", "voucherno");
        names(ColumnRole.SUMMARY, "摘要", "事由", "内容", "收支内容", "摘要说明", "说明", "用途", "summary",
                "description");
        names(ColumnRole.INCOME, "收入", "借方", "收入金额", "借方金额", "收入借方", "借方收入", "收款", "income",
                "debit");
        names(ColumnRole.EXPENSE, "支出", "贷方", "支出金额", "贷方金额", "支出贷方", "贷方支出", "付款", "expense",
                "credit");
        names(ColumnRole.BALANCE, "余额", "结余", "结存", "结存金额", "余额金额", "balance");
    }

    /**
     * @param mapping        the columns
     * @param dataStartIndex index into the scanned rows of the first row below the header
     * @param statedYear     a year found in a title row or a "2026年" header cell, else {@code null}
     */
    record Found(HeaderMapping mapping, int dataStartIndex, Integer statedYear) {
    }

    private HeaderDetector() {
    }

    private static void names(ColumnRole role, String... names) {
        for (String n : names) {
            EXACT.put(n, role);
        }
    }

    /** Highest number of distinct roles any single row maps to; used to choose a CSV delimiter. */
    static int bestScore(List<RawRow> rows) {
        int best = 0;
        for (RawRow row : rows) {
            best = Math.max(best, roles(row).size());
        }
        return best;
    }

    /**
     * @param rows the first non-blank rows (at most {@link #SCAN_ROWS})
     * @throws ImportException {@code NO_HEADER}, naming what was found and what is missing
     */
    static Found detect(List<RawRow> rows) throws ImportException {
        Found best = null;
        int bestScore = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<ColumnRole, Integer> roles = roles(rows.get(i));
            int consumed = 1;
            if (!roles.containsKey(ColumnRole.DATE) && i + 1 < rows.size()) {
                // Two-row header: 月/日 (and sometimes others) sit in the row below.
                Map<ColumnRole, Integer> below = roles(rows.get(i + 1));
                if (below.containsKey(ColumnRole.MONTH) || below.containsKey(ColumnRole.DAY)) {
                    for (Map.Entry<ColumnRole, Integer> e : below.entrySet()) {
                        if (!roles.containsKey(e.getKey()) && !roles.containsValue(e.getValue())) {
                            roles.put(e.getKey(), e.getValue());
                        }
                    }
                    consumed = 2;
                }
            }
            if (roles.containsKey(ColumnRole.DATE)) {
                roles.remove(ColumnRole.MONTH);
                roles.remove(ColumnRole.DAY);
            }
            if (isUsable(roles) && roles.size() > bestScore) {
                bestScore = roles.size();
                best = new Found(mapping(rows, i, consumed, roles), i + consumed, statedYear(rows, i + consumed));
            }
        }
        if (best == null) {
            throw new ImportException(ImportException.Reason.NO_HEADER, noHeaderMessage(rows));
        }
        return best;
    }

    private static boolean isUsable(Map<ColumnRole, Integer> roles) {
        boolean date = roles.containsKey(ColumnRole.DATE)
                || (roles.containsKey(ColumnRole.MONTH) && roles.containsKey(ColumnRole.DAY));
        boolean amount = roles.containsKey(ColumnRole.INCOME) || roles.containsKey(ColumnRole.EXPENSE);
        return date && amount && roles.containsKey(ColumnRole.SUMMARY);
    }

    private static HeaderMapping mapping(List<RawRow> rows, int index, int consumed, Map<ColumnRole, Integer> roles) {
        List<HeaderMapping.MappedColumn> columns = new ArrayList<>();
        roles.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> {
                    String text = rows.get(index).cell(e.getValue()).display();
                    if (consumed == 2 && (text.isEmpty() || YEAR_CELL.matcher(normalize(text)).matches())) {
                        text = rows.get(index + 1).cell(e.getValue()).display();
                    }
                    columns.add(new HeaderMapping.MappedColumn(e.getKey(), e.getValue(), text));
                });
        return new HeaderMapping(rows.get(index).lineNo(), columns);
    }

    private static Integer statedYear(List<RawRow> rows, int end) {
        for (int i = 0; i < end; i++) {
            for (CellValue c : rows.get(i).cells()) {
                if (c instanceof CellValue.Text t) {
                    Matcher m = YEAR.matcher(t.value());
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            }
        }
        return null;
    }

    /** First column wins for each role; later duplicates (e.g. a second 摘要) are ignored. */
    private static Map<ColumnRole, Integer> roles(RawRow row) {
        Map<ColumnRole, Integer> roles = new EnumMap<>(ColumnRole.class);
        List<CellValue> cells = row.cells();
        for (int col = 0; col < cells.size(); col++) {
            if (cells.get(col) instanceof CellValue.Text t) {
                ColumnRole role = role(t.value());
                if (role != null) {
                    roles.putIfAbsent(role, col);
                }
            }
        }
        return roles;
    }

    static ColumnRole role(String headerText) {
        String n = normalize(headerText);
        if (n.isEmpty() || n.length() > MAX_HEADER_CHARS) {
            return null;
        }
        ColumnRole exact = EXACT.get(n);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, ColumnRole> e : CONTAINS) {
            if (n.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Drops spaces, brackets, colons and a "(元)" unit so "收入（借方）金额：" compares as "收入借方金额". */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || "()（）[]【】:：*".indexOf(c) >= 0) {
                continue;
            }
            b.append(c);
        }
        String n = b.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith("元") && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    private static String noHeaderMessage(List<RawRow> rows) {
        Map<ColumnRole, Integer> partial = Map.of();
        int partialLine = 0;
        for (RawRow row : rows) {
            Map<ColumnRole, Integer> roles = roles(row);
            if (roles.size() > partial.size()) {
                partial = roles;
                partialLine = row.lineNo();
            }
        }
        StringBuilder m = new StringBuilder("没有找到现金日记账的表头：前" + SCAN_ROWS
                + "行中没有同时含有“日期（或月、日）”“摘要”“收入/支出”列名的行。");
        if (partial.size() >= 2) {
            List<String> found = partial.keySet().stream().map(ColumnRole::displayZh).toList();
            List<String> missing = new ArrayList<>();
            if (!partial.containsKey(ColumnRole.DATE)
                    && !(partial.containsKey(ColumnRole.MONTH) && partial.containsKey(ColumnRole.DAY))) {
                missing.add("日期");
            }
            if (!partial.containsKey(ColumnRole.SUMMARY)) {
                missing.add("摘要");
            }
            if (!partial.containsKey(ColumnRole.INCOME) && !partial.containsKey(ColumnRole.EXPENSE)) {
                missing.add("收入/支出");
            }
            m.append("第").append(partialLine).append("行找到了“").append(String.join("、", found))
                    .append("”，缺少“").append(String.join("、", missing)).append("”。");
        }
        m.append("请确认选择的是现金日记账，且表头使用常见列名。");
        return m.toString();
    }
}
