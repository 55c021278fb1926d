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
 * Lays a {@link Sheet} out on pages: heading, info lines, body, tables split across pages with
 * the header repeated and 本页小计 / 过次页 / 承前页 rows, totals, and the 村务监督委员会 opinion
 * box. Nothing is cut: text wraps, and a row taller than a page continues on the next one. The
 * footer (QR, 监督电话, page x / y) is drawn by {@link SheetPdfWriter} in the space reserved here.
 */
final class SheetLayout {

    static final Color HEADER_FILL = new Color(235, 235, 235);
    static final Color CARRY_FILL = new Color(246, 246, 246);

    /** Font sizes and spacing in points for one paper and print size. */
    record Metrics(float margin, float heading, float title, float info, float body, float table, float footer,
            float qr, float pad) {

        static Metrics of(Paper paper, boolean large) {
            float a3 = paper == Paper.A3_LANDSCAPE ? 1.2f : 1f;
            float s = (large ? 1.4f : 1f) * a3;
            float f = (large ? 1.25f : 1f) * a3;
            return new Metrics(paper == Paper.A3_LANDSCAPE ? 40 : 34, 19 * s, 13 * s, 10 * s, 11 * s, 9.5f * s,
                    7.5f * f, 78 * f, 3 * s);
        }

        float lead(float size) {
            return size * 1.45f;
        }

        /** Height kept free at the bottom of every page for the footer. */
        float footerHeight() {
            return Math.max(qr + lead(footer) + 4, 4 * lead(footer) + 4);
        }
    }

    private final Sheet sheet;
    private final Paper paper;
    private final SheetFonts.DocumentFonts fonts;
    private final Metrics m;
    private final float left;
    private final float right;
    private final float top;
    private final float bottom;
    private final List<PageOps> pages = new ArrayList<>();
    private PageOps page;
    private float y;

    SheetLayout(Sheet sheet, Paper paper, boolean large, SheetFonts.DocumentFonts fonts) {
        this.sheet = sheet;
        this.paper = paper;
        this.fonts = fonts;
        this.m = Metrics.of(paper, large);
        this.left = m.margin();
        this.right = paper.widthPt() - m.margin();
        this.top = paper.heightPt() - m.margin();
        this.bottom = m.margin() + m.footerHeight() + 6;
    }

    Metrics metrics() {
        return m;
    }

    List<PageOps> layout() {
        newPage(false);
        centered(sheet.heading(), true, m.heading());
        if (!sheet.title().isBlank() && !sheet.title().equals(sheet.heading())) {
            centered(sheet.title(), true, m.title());
        }
        y -= m.lead(m.info()) * 0.3f;
        for (String info : sheet.infoLines()) {
            paragraph(info, false, m.info(), 0);
        }
        y -= m.lead(m.body()) * 0.3f;
        for (String p : sheet.paragraphs()) {
            paragraph(p, false, m.body(), 2);
        }
        for (Table t : sheet.tables()) {
            y -= m.lead(m.table()) * 0.4f;
            table(t);
        }
        if (!sheet.totals().isEmpty()) {
            y -= m.lead(m.body()) * 0.4f;
            for (String total : sheet.totals()) {
                paragraph(total, true, m.body(), 0);
            }
        }
        supervisionBox();
        return pages;
    }

    private void newPage(boolean continuation) {
        page = new PageOps();
        pages.add(page);
        y = top;
        if (continuation) {
            String cont = fonts.printable("（续）" + sheet.heading());
            for (String line : wrap(cont, right - left, false, m.info(), 0)) {
                y -= m.lead(m.info());
                page.text(left, y, line, false, m.info());
            }
            y -= m.lead(m.info()) * 0.3f;
        }
    }

    private void ensure(float height) {
        if (y - height < bottom) {
            newPage(true);
        }
    }

    private void centered(String text, boolean bold, float size) {
        for (String line : wrap(fonts.printable(text), right - left, bold, size, 0)) {
            ensure(m.lead(size));
            y -= m.lead(size);
            float w = fonts.width(line, bold, size);
            page.text(left + (right - left - w) / 2, y, line, bold, size);
        }
    }

    private void paragraph(String text, boolean bold, float size, int indentChars) {
        float indent = indentChars * size;
        List<String> lines = wrap(fonts.printable(text), right - left, bold, size, indent);
        for (int i = 0; i < lines.size(); i++) {
            ensure(m.lead(size));
            y -= m.lead(size);
            page.text(left + (i == 0 ? indent : 0), y, lines.get(i), bold, size);
        }
    }

    /**
     * Breaks printable text into lines no wider than {@code width}; any character may end a line
     * (Chinese has no spaces to break at), except that closing punctuation stays on its line.
     */
    List<String> wrap(String text, float width, boolean bold, float size, float firstIndent) {
        if (text.indexOf('\n') >= 0) {
            // Explicit line breaks (a money cell's 小写 and 大写) wrap separately.
            List<String> all = new ArrayList<>();
            String[] parts = text.split("\n", -1);
            for (int i = 0; i < parts.length; i++) {
                all.addAll(wrap(parts[i], width, bold, size, i == 0 ? firstIndent : 0));
            }
            return all;
        }
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            lines.add("");
            return lines;
        }
        StringBuilder line = new StringBuilder();
        float used = firstIndent;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            i += ch.length();
            float w = fonts.width(ch, bold, size);
            if (used + w > width && !line.isEmpty() && !"，。、；：？！）》」』".contains(ch)) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(ch);
            used += w;
        }
        lines.add(line.toString());
        return lines;
    }

    // ---- tables ----

    private float[] columnWidths(Table t) {
        float total = 0;
        for (Column c : t.columns()) {
            total += c.weight();
        }
        float[] w = new float[t.columns().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (right - left) * t.columns().get(i).weight() / total;
        }
        return w;
    }

    private List<List<String>> wrapCells(List<String> cells, float[] widths, boolean bold) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            out.add(wrap(printableKeepingLineBreaks(cell), widths[i] - 2 * m.pad(), bold, m.table(), 0));
        }
        return out;
    }

    private String printableKeepingLineBreaks(String cell) {
        String[] parts = cell.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            b.append(i == 0 ? "" : "\n").append(fonts.printable(parts[i]));
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

    private void table(Table t) {
        float[] widths = columnWidths(t);
        List<String> headerTitles = t.columns().stream().map(Column::title).toList();
        List<List<String>> header = wrapCells(headerTitles, widths, true);
        float headerHeight = rowHeight(maxLines(header));
        float carryHeight = rowHeight(1);
        boolean carried = t.carried();
        if (!t.caption().isBlank()) {
            ensure(m.lead(m.info()) + headerHeight + carryHeight);
            paragraph(t.caption(), true, m.info(), 0);
            y -= 2;
        }
        ensure(headerHeight + carryHeight * 3);
        drawRow(header, widths, headerHeight, t.columns(), true, HEADER_FILL);
        if (t.rows().isEmpty()) {
            String empty = t.emptyText().isBlank() ? "（本期无数据）" : t.emptyText();
            List<List<String>> cells = new ArrayList<>();
            cells.add(List.of(fonts.printable(empty)));
            drawRow(cells, new float[] {right - left}, carryHeight, List.of(new Column("", 1, Align.CENTER, Carry.NONE)),
                    false, null);
            return;
        }
        int n = widths.length;
        long[] pageSums = new long[n];
        long[] runningSums = new long[n];
        String[] lastValues = new String[n];
        Arrays.fill(lastValues, "");
        boolean spansPages = false;
        float reserve = carried ? 2 * carryHeight : 0;
        for (Row row : t.rows()) {
            List<List<String>> cells = wrapCells(row.cells(), widths, false);
            int lines = maxLines(cells);
            int from = 0;
            boolean counted = false;
            while (from < lines) {
                int fit = (int) Math.floor((y - bottom - reserve - 2 * m.pad()) / m.lead(m.table()));
                int remaining = lines - from;
                boolean wholeRowFitsOnFreshPage = rowHeight(remaining) <= top - bottom - headerHeight - 3 * carryHeight
                        - m.lead(m.info()) * 2;
                if (fit < remaining && (wholeRowFitsOnFreshPage || fit < 1)) {
                    // Break the page before this row: close the page with its subtotal and the carried
                    // totals, then repeat the header and bring the totals forward.
                    if (carried) {
                        drawCarryRow("本页小计", pageSums, null, t.columns(), widths, carryHeight);
                        drawCarryRow("过次页", runningSums, lastValues, t.columns(), widths, carryHeight);
                    }
                    newPage(true);
                    drawRow(header, widths, headerHeight, t.columns(), true, HEADER_FILL);
                    if (carried) {
                        drawCarryRow("承前页", runningSums, lastValues, t.columns(), widths, carryHeight);
                    }
                    Arrays.fill(pageSums, 0);
                    spansPages = true;
                    continue;
                }
                int take = Math.min(remaining, Math.max(fit, 1));
                List<List<String>> part = new ArrayList<>();
                for (List<String> c : cells) {
                    part.add(c.size() > from ? c.subList(from, Math.min(c.size(), from + take)) : List.of());
                }
                drawRow(part, widths, rowHeight(take), t.columns(), false, null);
                if (!counted) {
                    for (int i = 0; i < n; i++) {
                        if (t.columns().get(i).carry() == Carry.SUM && i < row.amountsFen().length) {
                            pageSums[i] = Math.addExact(pageSums[i], row.amountsFen()[i]);
                            runningSums[i] = Math.addExact(runningSums[i], row.amountsFen()[i]);
                        } else if (t.columns().get(i).carry() == Carry.LAST && i < row.cells().size()
                                && !row.cells().get(i).isBlank()) {
                            lastValues[i] = row.cells().get(i);
                        }
                    }
                    counted = true;
                }
                from += take;
            }
        }
        if (carried && spansPages) {
            drawCarryRow("本页小计", pageSums, null, t.columns(), widths, carryHeight);
        }
    }

    /** A 本页小计 / 过次页 / 承前页 row: the label in the first non-summed columns, sums in SUM columns. */
    private void drawCarryRow(String label, long[] sums, String[] lastValues, List<Column> columns, float[] widths,
            float height) {
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Carry carry = columns.get(i).carry();
            String text;
            if (carry == Carry.SUM) {
                text = MoneyFormat.grouped(sums[i]);
            } else if (carry == Carry.LAST) {
                text = lastValues == null ? "" : lastValues[i];
            } else {
                text = "";
            }
            cells.add(List.of(fonts.printable(text)));
        }
        // The label goes in the widest leading text column (摘要 in a journal, 序号… otherwise the first).
        int labelColumn = 0;
        float widest = -1;
        for (int i = 0; i < columns.size() && columns.get(i).carry() == Carry.NONE; i++) {
            if (widths[i] > widest) {
                widest = widths[i];
                labelColumn = i;
            }
        }
        cells.set(labelColumn, List.of(label));
        drawRow(cells, widths, height, columns, true, CARRY_FILL);
    }

    private void drawRow(List<List<String>> cells, float[] widths, float height, List<Column> columns, boolean bold,
            Color fill) {
        float yTop = y;
        float yBottom = y - height;
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
                float tw = fonts.width(line, bold, m.table());
                float tx = switch (bold && fill == HEADER_FILL ? Align.CENTER : align) {
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
        y = yBottom;
    }

    // ---- signature box ----

    private void supervisionBox() {
        float lead = m.lead(m.body());
        float height = lead * 5.2f;
        y -= lead * 0.6f;
        ensure(height);
        float yTop = y;
        page.rect(left, yTop - height, right - left, height, 0.8f);
        page.text(left + m.pad() * 2, yTop - lead, fonts.printable("村务监督委员会意见："), true, m.body());
        String sign = fonts.printable("监委会主任（签字）：＿＿＿＿＿＿　　（盖章）　　　　年　　月　　日");
        float w = fonts.width(sign, false, m.body());
        page.text(Math.max(left + m.pad() * 2, right - m.pad() * 2 - w), yTop - height + lead * 0.8f, sign, false, m.body());
        y = yTop - height;
    }
}
