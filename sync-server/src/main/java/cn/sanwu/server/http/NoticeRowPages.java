package cn.sanwu.server.http;

import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;

/**
 * Row paging of the notice page (ADR 0026): the rows of the notice's tables, then the cash
 * journal's, then the recipient list's, are one sequence cut into pages of {@link #ROWS} rows, so a
 * 2,000-row list stays a phone-sized page. A table whose rows are all on other pages still shows
 * its heading, totals and the pages its rows are on. Immutable.
 *
 * @param page  1-based page shown
 * @param pages number of pages, at least 1
 * @param from  first row of the sequence on this page (inclusive)
 * @param to    last row of the sequence on this page (exclusive)
 */
record NoticeRowPages(int page, int pages, int from, int to) {

    /** Rows per page: ~150 B a row (measured, docs/benchmarks.md) keeps a page near 35 KB, under the 50 KB budget. */
    static final int ROWS = 200;

    /** The window of {@code page} over {@code content}'s rows; {@code page} must be within 1..{@link #pagesOf}. */
    static NoticeRowPages of(NoticeContent content, int page) {
        int rows = rowsOf(content);
        int pages = pagesOf(rows);
        if (page < 1 || page > pages) {
            throw new IllegalArgumentException("page " + page + " of " + pages);
        }
        return new NoticeRowPages(page, pages, (page - 1) * ROWS, Math.min(rows, page * ROWS));
    }

    /** Every paged row of the content: the tables', the journal's entries, the recipients. */
    static int rowsOf(NoticeContent content) {
        int rows = 0;
        for (NoticeTable t : content.tables()) {
            rows += t.rows().size();
        }
        rows += content.journal() == null ? 0 : content.journal().entries().size();
        rows += content.recipients() == null ? 0 : content.recipients().recipients().size();
        return rows;
    }

    static int pagesOf(int rows) {
        return Math.max(1, (rows + ROWS - 1) / ROWS);
    }

    /** The part of a section of {@code size} rows starting at sequence row {@code start} that is on this page. */
    Slice slice(int start, int size) {
        int first = Math.min(size, Math.max(0, from - start));
        int end = Math.min(size, to - start);
        return new Slice(first, Math.max(first, end), start / ROWS + 1, size == 0 ? start / ROWS + 1 : (start + size - 1) / ROWS + 1);
    }

    /**
     * Rows {@code [first, end)} of a section are on this page; all of its rows are on pages
     * {@code firstPage}–{@code lastPage}.
     */
    record Slice(int first, int end, int firstPage, int lastPage) {
        boolean isEmpty() {
            return end <= first;
        }
    }
}
