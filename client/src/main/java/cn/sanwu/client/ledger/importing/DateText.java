package cn.sanwu.client.ledger.importing;

import java.time.LocalDate;

/**
 * The one parser for dates as village bookkeepers write them (2026-11-05, 2026/11/5, 2026.11.5,
 * 2026年11月5日, 20261105, full-width digits, and 11-05 / 11月5日 with a given year). Used by the
 * importer and by the ledger editor, so typing and importing accept exactly the same forms.
 */
public final class DateText {

    private DateText() {
    }

    /**
     * @param defaultYear completes dates written without a year; may be null
     * @throws IllegalArgumentException with a Chinese message
     */
    public static LocalDate parse(String text, Integer defaultYear) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("缺少日期");
        }
        return CellParsing.dateFromText(text, defaultYear);
    }
}
