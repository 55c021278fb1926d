package cn.sanwu.client.print;

import cn.sanwu.client.print.Sheet.Align;
import cn.sanwu.client.print.Sheet.Carry;
import cn.sanwu.client.print.Sheet.Column;
import cn.sanwu.client.print.Sheet.Row;
import cn.sanwu.client.print.Sheet.Table;
import cn.sanwu.model.money.MoneyFormat;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One table on the pages of a {@link SheetLayout}: header repeated on every page, rows never cut
 * at a page break (only a row taller than a page continues), and for money tables 本页小计 /
 * 过次页 at the bottom and 承前页 at the top of each continued page.
 *
 * <p>Rules that keep the board readable and the layout finite: the caption, header and first row
 * (with the carry rows' room) start on the same page; a page break happens only after at least one
 * row (or part of one) is on the page, so no page shows a header or 承前页 without rows under it
 * and every pass of the loop either draws a line or breaks a page that then gets one; a header
 * taller than a third of a page is clipped with “…”.
 */
final class SheetTableLayout {

    private static final String PAGE_SUBTOTAL = "本页小计";
    private static final String CARRIED_FORWARD = "过次页";
    private static final String BROUGHT_FORWARD = "承前页";

    private final SheetLayout l;
    private final SheetLayout.Metrics m;
    private final Table t;
    private final float[] widths;
    private final List<List<String>> header;
    private final float headerHeight;
    private final float carryHeight;
    private final long[] pageSums;
    private final long[] runningSums;
    private final String[] lastValues;
    private int rowsOnPage;
    private boolean spansPages;

    SheetTableLayout(SheetLayout layout, Table table) {
        this.l = layout;
        this.m = layout.m;
        this.t = table;
        this.widths = columnWidths();
        int maxHeaderLines = Math.max(1, (int) ((l.freshPageSpace() / 3 - 2 * m.pad()) / m.lead(m.table())));
        List<List<String>> wrapped = wrapCells(table.columns().stream().map(Column::title).toList(), true);
        this.header = new ArrayList<>();
        for (int i = 0; i < wrapped.size(); i++) {
            header.add(l.clip(wrapped.get(i), maxHeaderLines, widths[i] - 2 * m.pad(), true, m.table()));
        }
        this.headerHeight = rowHeight(maxLines(header));
        this.carryHeight = table.carried() ? worstCarryHeight() : 0;
        int n = widths.length;
        pageSums = new long[n];
        runningSums = new long[n];
        lastValues = new String[n];
        Arrays.fill(lastValues, "");
    }

    void layout() {
        float caption = t.caption().isBlank() ? 0 : l.paragraphHeight(t.caption(), true, m.info()) + 2;
        float firstRow = firstRowHeight();
        float start = headerHeight + firstRow + 2 * carryHeight;
        // Keep caption, header and first row together when they fit on a page at all.
        if (caption + start <= l.freshPageSpace()) {
            l.ensure(caption + start);
        }
        if (caption > 0) {
            l.paragraph(t.caption(), true, m.info(), 0);
            l.y -= 2;
        }
        l.ensure(start);
        if (t.columns().isEmpty() || t.rows().isEmpty()) {
            if (!t.columns().isEmpty()) {
                drawRow(header, widths, headerHeight, t.columns(), true, SheetLayout.HEADER_FILL);
            }
            drawEmptyNote();
            return;
        }
        drawRow(header, widths, headerHeight, t.columns(), true, SheetLayout.HEADER_FILL);
        float reserve = 2 * carryHeight;
        float freshRowSpace = l.freshPageSpace() - headerHeight - 3 * carryHeight;
        for (Row row : t.rows()) {
            List<List<String>> cells = wrapCells(row.cells(), false);
            int lines = maxLines(cells);
            int from = 0;
            boolean counted = false;
            while (from < lines) {
                int fit = (int) Math.floor((l.y - l.bottom - reserve - 2 * m.pad()) / m.lead(m.table()));
                int remaining = lines - from;
                boolean restFitsOnFreshPage = rowHeight(remaining) <= freshRowSpace;
                if (rowsOnPage > 0 && fit < remaining && (restFitsOnFreshPage || fit < 1)) {
                    breakPage();
                    continue;
                }
                int take = Math.min(remaining, Math.max(fit, 1));
                List<List<String>> part = new ArrayList<>();
                for (List<String> c : cells) {
                    part.add(c.size() > from ? c.subList(from, Math.min(c.size(), from + take)) : List.of());
                }
                drawRow(part, widths, rowHeight(take), t.columns(), false, null);
                rowsOnPage++;
                if (!counted) {
                    count(row);
                    counted = true;
                }
                from += take;
            }
        }
        if (t.carried() && spansPages) {
            drawCarryRow(PAGE_SUBTOTAL, pageSums, null);
        }
    }

    /** Closes the page with its subtotal and the carried totals, repeats the header, brings the totals forward. */
    private void breakPage() {
        if (t.carried()) {
            drawCarryRow(PAGE_SUBTOTAL, pageSums, null);
            drawCarryRow(CARRIED_FORWARD, runningSums, lastValues);
        }
        l.newPage(true);
        drawRow(header, widths, headerHeight, t.columns(), true, SheetLayout.HEADER_FILL);
        if (t.carried()) {
            drawCarryRow(BROUGHT_FORWARD, runningSums, lastValues);
        }
        Arrays.fill(pageSums, 0);
        rowsOnPage = 0;
        spansPages = true;
    }

    private void count(Row row) {
        for (int i = 0; i < widths.length; i++) {
            Carry carry = t.columns().get(i).carry();
            if (carry == Carry.SUM && i < row.amountsFen().length) {
                pageSums[i] = Math.addExact(pageSums[i], row.amountsFen()[i]);
                runningSums[i] = Math.addExact(runningSums[i], row.amountsFen()[i]);
            } else if (carry == Carry.LAST && i < row.cells().size() && !row.cells().get(i).isBlank()) {
                lastValues[i] = row.cells().get(i);
            }
        }
    }

    private float firstRowHeight() {
        if (t.columns().isEmpty() || t.rows().isEmpty()) {
            return rowHeight(1);
        }
        float whole = rowHeight(maxLines(wrapCells(t.rows().getFirst().cells(), false)));
        // A first row taller than a page starts wherever at least one of its lines fits.
        return whole <= l.freshPageSpace() - headerHeight - 3 * carryHeight ? whole : rowHeight(1);
    }

    private void drawEmptyNote() {
        String empty = t.emptyText().isBlank() ? "（本期无数据）" : t.emptyText();
        float width = l.right - l.left;
        List<String> lines = l.wrap(l.fonts.printable(empty), width - 2 * m.pad(), false, m.table(), 0);
        drawRow(List.of(lines), new float[] {width}, rowHeight(lines.size()),
                List.of(new Column("", 1, Align.CENTER, Carry.NONE)), false, null);
    }

    // ---- carry rows ----

    /** The column that holds the 本页小计 / 过次页 / 承前页 label: the widest column that is not summed or carried. */
    private int labelColumn() {
        int label = -1;
        for (int i = 0; i < widths.length; i++) {
            if (t.columns().get(i).carry() == Carry.NONE && (label < 0 || widths[i] > widths[label])) {
                label = i;
            }
        }
        return label;
    }

    /**
     * The cells of a carry row, wrapped. When every column holds an amount (a money table whose
     * only column is 金额) the label goes on its own line above the first amount instead of
     * replacing it.
     */
    private List<List<String>> carryCells(String label, long[] sums, String[] lasts) {
        List<List<String>> cells = new ArrayList<>();
        int labelColumn = labelColumn();
        for (int i = 0; i < widths.length; i++) {
            String text = switch (t.columns().get(i).carry()) {
                case SUM -> MoneyFormat.grouped(sums[i]);
                case LAST -> lasts == null ? "" : lasts[i];
                case NONE -> i == labelColumn ? label : "";
            };
            if (labelColumn < 0 && i == 0) {
                text = label + "\n" + text;
            }
            cells.add(l.wrap(printableKeepingLineBreaks(text), widths[i] - 2 * m.pad(), true, m.table(), 0));
        }
        return cells;
    }

    private void drawCarryRow(String label, long[] sums, String[] lasts) {
        List<List<String>> cells = carryCells(label, sums, lasts);
        drawRow(cells, widths, rowHeight(maxLines(cells)), t.columns(), true, SheetLayout.CARRY_FILL);
    }

    /**
     * The tallest a carry row of this table can get (amounts wrap in narrow columns): room reserved
     * at the bottom of each page for 本页小计 and 过次页. No running or page sum has more digits than
     * the sum of the absolute amounts; no carried 余额 is longer than the longest one printed.
     */
    private float worstCarryHeight() {
        long[] worst = new long[widths.length];
        String[] longest = new String[widths.length];
        Arrays.fill(longest, "");
        for (Row row : t.rows()) {
            for (int i = 0; i < widths.length; i++) {
                if (i < row.amountsFen().length) {
                    long a = row.amountsFen()[i];
                    long abs = a == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(a);
                    worst[i] = worst[i] > Long.MAX_VALUE - abs ? Long.MAX_VALUE : worst[i] + abs;
                }
                if (i < row.cells().size() && row.cells().get(i).length() > longest[i].length()) {
                    longest[i] = row.cells().get(i);
                }
            }
        }
        for (int i = 0; i < worst.length; i++) {
            worst[i] = -worst[i]; // the minus sign is one more character
        }
        int lines = 1;
        for (String label : List.of(PAGE_SUBTOTAL, CARRIED_FORWARD, BROUGHT_FORWARD)) {
            lines = Math.max(lines, maxLines(carryCells(label, worst, longest)));
        }
        return rowHeight(lines);
    }

    // ---- cells ----

    private float[] columnWidths() {
        float total = 0;
        for (Column c : t.columns()) {
            total += c.weight();
        }
        float[] w = new float[t.columns().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (l.right - l.left) * t.columns().get(i).weight() / total;
        }
        return w;
    }

    private List<List<String>> wrapCells(List<String> cells, boolean bold) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            out.add(l.wrap(printableKeepingLineBreaks(cell), widths[i] - 2 * m.pad(), bold, m.table(), 0));
        }
        return out;
    }

    private String printableKeepingLineBreaks(String cell) {
        String[] parts = cell.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            b.append(i == 0 ? "" : "\n").append(l.fonts.printable(parts[i]));
        }
        return b.toString();
    }

    private float rowHeight(int lines) {
        return lines * m.lead(m.table()) + 2 * m.pad();
    }

    private static int maxLines(List<List<String>> cells) {
        int n = 1;
        for (List<String> c : cells) {
            n = Math.max(n, c.size());
        }
        return n;
    }

    private void drawRow(List<List<String>> cells, float[] widths, float height, List<Column> columns, boolean bold,
            Color fill) {
        PageOps page = l.page;
        float left = l.left;
        float right = l.right;
        float yTop = l.y;
        float yBottom = yTop - height;
        if (fill != null) {
            page.fill(left, yBottom, right - left, height, fill);
        }
        float x = left;
        for (int i = 0; i < widths.length; i++) {
            List<String> lines = cells.get(i);
            Align align = columns.get(i).align();
            for (int k = 0; k < lines.size(); k++) {
                String line = lines.get(k);
                if (line.isEmpty()) {
                    continue;
                }
                float tw = l.fonts.width(line, bold, m.table());
                float tx = switch (fill == SheetLayout.HEADER_FILL ? Align.CENTER : align) {
                    case LEFT -> x + m.pad();
                    case RIGHT -> x + widths[i] - m.pad() - tw;
                    case CENTER -> x + (widths[i] - tw) / 2;
                };
                float baseline = yTop - m.pad() - m.table() * 1.05f - k * m.lead(m.table());
                page.text(tx, baseline, line, bold, m.table());
            }
            page.line(x, yTop, x, yBottom, 0.5f);
            x += widths[i];
        }
        page.line(right, yTop, right, yBottom, 0.5f);
        page.line(left, yTop, right, yTop, 0.5f);
        page.line(left, yBottom, right, yBottom, 0.5f);
        l.y = yBottom;
    }
}
