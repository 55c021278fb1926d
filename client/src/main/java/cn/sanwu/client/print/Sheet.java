package cn.sanwu.client.print;

import java.util.List;

/**
 * One bulletin-board sheet, already masked and formatted: everything the layout prints and
 * nothing it must still decide about content. Built by {@link SheetComposer}, drawn by
 * {@link SheetPdfWriter}.
 *
 * @param heading     e.g. 红旗村2026年10月财务公开榜
 * @param title       the notice's own title
 * @param infoLines   公开单位, 公开期限, 事项 and 期间 lines under the heading
 * @param paragraphs  the body, one entry per paragraph
 * @param tables      zero or more tables, printed one after another
 * @param totals      closing lines such as 收入合计 in 小写 and 大写
 * @param footerLines 监督电话, 经办人/制表人, 打印日期 … printed on every page
 * @param qrUrl       what the QR code encodes: the public page, with notice id and content hash
 * @param reference   short id and hash printed next to the QR for people without a phone
 * @param draft       prints the 草稿·未审核 watermark
 * @param publicNumbers numbers the village publishes on purpose (the configured 监督电话): the
 *                    only digits the last-line privacy check ({@link SheetPrivacyCheck}) lets
 *                    pass, and only in the footer
 * @param signOff     the 村务监督委员会 opinion printed in its box — only when it was given for
 *                    exactly the printed content; null leaves the box blank for a handwritten one
 * @param withdrawn   the township withdrew the notice: prints the 已撤回 mark instead of any watermark
 */
public record Sheet(String heading, String title, List<String> infoLines, List<String> paragraphs, List<Table> tables,
        List<String> totals, List<String> footerLines, String qrUrl, String reference, boolean draft,
        List<String> publicNumbers, SignOff signOff, boolean withdrawn) {

    /** The committee's opinion as signed at the PC: member's name, 审核意见, date (China time). */
    public record SignOff(String name, String opinion, String date) {
    }

    public Sheet(String heading, String title, List<String> infoLines, List<String> paragraphs, List<Table> tables,
            List<String> totals, List<String> footerLines, String qrUrl, String reference, boolean draft,
            List<String> publicNumbers) {
        this(heading, title, infoLines, paragraphs, tables, totals, footerLines, qrUrl, reference, draft, publicNumbers,
                null, false);
    }

    public Sheet {
        infoLines = List.copyOf(infoLines);
        paragraphs = List.copyOf(paragraphs);
        tables = List.copyOf(tables);
        totals = List.copyOf(totals);
        footerLines = List.copyOf(footerLines);
        publicNumbers = List.copyOf(publicNumbers);
    }

    /** How a column behaves in page subtotals and carried rows (承前页/过次页). */
    public enum Carry {
        /** Not summed; blank in subtotal rows. */
        NONE,
        /** Money in fen, summed per page and carried. */
        SUM,
        /** A running value (余额): carried rows show the value of the last row so far. */
        LAST
    }

    public enum Align { LEFT, CENTER, RIGHT }

    /** A column: title, relative width, alignment and carry behaviour. */
    public record Column(String title, float weight, Align align, Carry carry) {
    }

    /**
     * One row: the printed cells, and for {@link Carry#SUM} columns the amounts in fen (index by
     * column; 0 where not summed). Keeping amounts beside the text means page subtotals never
     * parse printed text back.
     */
    public record Row(List<String> cells, long[] amountsFen) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A table. {@code emptyText} is printed when there are no rows (an empty table is a statement
     * too: 本期无收支). {@code carried} turns on 本页小计 and 承前页/过次页 rows when it spans pages.
     */
    public record Table(String caption, List<Column> columns, List<Row> rows, String emptyText, boolean carried) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }
}
