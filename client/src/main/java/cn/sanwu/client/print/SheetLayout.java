package cn.sanwu.client.print;

import cn.sanwu.client.print.Sheet.Table;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a {@link Sheet} out on pages: heading, info lines, body, tables ({@link SheetTableLayout}),
 * totals, and the 村务监督委员会 opinion box. Nothing is cut: text wraps, and a row taller than a
 * page continues on the next one. The footer (QR, 监督电话, page x / y) is wrapped here and drawn
 * by {@link SheetPdfWriter} in the space reserved for it.
 */
final class SheetLayout {

    static final Color HEADER_FILL = new Color(235, 235, 235);
    static final Color CARRY_FILL = new Color(246, 246, 246);
    /** Marks text cut short where it cannot fit (an absurdly long column title or footer). */
    static final String CLIPPED = "…";
    /** Footer lines beyond this are clipped: the footer must leave the page for the content. */
    static final int MAX_FOOTER_LINES = 8;
    /** Punctuation that must not start a line (禁则). */
    private static final String CLOSING = "，。、；：？！）》」』”’】〕〉,.;:?!)]}";

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

        /** Distance between footer text lines. */
        float footerLead() {
            return lead(footer) * 1.1f;
        }

        /** Height kept free at the bottom of every page for a footer of {@code lines} text lines. */
        float footerHeight(int lines) {
            return Math.max(qr + lead(footer) + 4, lines * footerLead() + lead(footer) * 1.2f + 4);
        }
    }

    private final Sheet sheet;
    final SheetFonts.DocumentFonts fonts;
    final Metrics m;
    final float left;
    final float right;
    final float top;
    final float bottom;
    private final List<String> footer;
    private final float footerTop;
    private final List<PageOps> pages = new ArrayList<>();
    PageOps page;
    float y;

    SheetLayout(Sheet sheet, Paper paper, boolean large, SheetFonts.DocumentFonts fonts) {
        this.sheet = sheet;
        this.fonts = fonts;
        this.m = Metrics.of(paper, large);
        this.left = m.margin();
        this.right = paper.widthPt() - m.margin();
        this.top = paper.heightPt() - m.margin();
        this.footer = wrapFooter();
        this.footerTop = m.margin() + m.footerHeight(footer.size());
        this.bottom = footerTop + 6;
    }

    Metrics metrics() {
        return m;
    }

    /** The footer's text lines, wrapped to the space left of the QR code (and clipped if absurd). */
    List<String> footerLines() {
        return footer;
    }

    /** Where the footer's rule is drawn; everything above it is content. */
    float footerTop() {
        return footerTop;
    }

    private List<String> wrapFooter() {
        float width = right - m.qr() - 8 - left;
        List<String> lines = new ArrayList<>();
        List<String> texts = new ArrayList<>(sheet.footerLines());
        texts.add(sheet.reference());
        for (String text : texts) {
            lines.addAll(wrap(fonts.printable(text), width, false, m.footer(), 0));
        }
        return clip(lines, MAX_FOOTER_LINES, width, false, m.footer());
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
            new SheetTableLayout(this, t).layout();
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

    /** Height the “（续）” heading takes at the top of a continuation page. */
    float continuationHeight() {
        return m.lead(m.info()) * 1.3f;
    }

    /** Content height of a fresh continuation page. */
    float freshPageSpace() {
        return top - bottom - continuationHeight();
    }

    void newPage(boolean continuation) {
        page = new PageOps();
        pages.add(page);
        y = top;
        if (continuation) {
            // One line only, clipped: a continuation heading that filled the page would leave no room, forever.
            String cont = fonts.printable("（续）" + sheet.heading());
            List<String> line = clip(wrap(cont, right - left, false, m.info(), 0), 1, right - left, false, m.info());
            y -= m.lead(m.info());
            page.text(left, y, line.getFirst(), false, m.info());
            y -= m.lead(m.info()) * 0.3f;
        }
    }

    /** Starts a new page unless {@code height} still fits on this one. */
    void ensure(float height) {
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

    /** Height a paragraph will take. */
    float paragraphHeight(String text, boolean bold, float size) {
        return wrap(fonts.printable(text), right - left, bold, size, 0).size() * m.lead(size);
    }

    void paragraph(String text, boolean bold, float size, int indentChars) {
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
     * (Chinese has no spaces to break at), but closing punctuation does not start one: the
     * character before it moves down with it. A run of closing punctuation longer than a line
     * (200 “。”) still breaks, so every line fits.
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
        StringBuilder line = new StringBuilder();
        float used = firstIndent;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            i += ch.length();
            float w = fonts.width(ch, bold, size);
            if (used + w > width && !line.isEmpty()) {
                int lastCp = line.codePointBefore(line.length());
                String last = new String(Character.toChars(lastCp));
                boolean pushDown = CLOSING.contains(ch) && !CLOSING.contains(last) && line.length() > last.length();
                if (pushDown) {
                    line.setLength(line.length() - last.length());
                }
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
                if (pushDown) {
                    line.append(last);
                    used = fonts.width(last, bold, size);
                }
            }
            line.append(ch);
            used += w;
        }
        lines.add(line.toString());
        return lines;
    }

    /** At most {@code max} lines; if cut, the last kept line ends with {@link #CLIPPED} within {@code width}. */
    List<String> clip(List<String> lines, int max, float width, boolean bold, float size) {
        if (lines.size() <= max) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, Math.max(1, max)));
        String last = kept.getLast();
        while (!last.isEmpty() && fonts.width(last + CLIPPED, bold, size) > width) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        }
        kept.set(kept.size() - 1, last + CLIPPED);
        return kept;
    }

    // ---- signature box ----

    private void supervisionBox() {
        float lead = m.lead(m.body());
        Sheet.SignOff signOff = sheet.signOff();
        float inner = right - left - m.pad() * 4;
        List<String> opinion = signOff == null ? List.of()
                : wrap(fonts.printable(signOff.opinion()), inner, false, m.body(), m.body() * 2);
        float height = lead * (3.2f + Math.max(2, opinion.size()));
        y -= lead * 0.6f;
        ensure(height);
        float yTop = y;
        page.rect(left, yTop - height, right - left, height, 0.8f);
        page.text(left + m.pad() * 2, yTop - lead, fonts.printable("村务监督委员会意见："), true, m.body());
        for (int i = 0; i < opinion.size(); i++) {
            page.text(left + m.pad() * 2 + (i == 0 ? m.body() * 2 : 0), yTop - lead * (2.2f + i), opinion.get(i), false, m.body());
        }
        // Signed at the PC for exactly this content: name and date printed; otherwise blanks for a pen.
        String sign = fonts.printable(signOff == null ? "监委会主任（签字）：＿＿＿＿＿＿　　（盖章）　　　　年　　月　　日"
                : "监委会成员：" + signOff.name() + "　　" + signOff.date());
        float w = fonts.width(sign, false, m.body());
        page.text(Math.max(left + m.pad() * 2, right - m.pad() * 2 - w), yTop - height + lead * 0.8f, sign, false, m.body());
        y = yTop - height;
    }
}
