package cn.sanwu.client.ledger.importing;

import cn.sanwu.model.finance.LedgerEntry;
import java.util.List;

/**
 * One non-blank source row below the header.
 *
 * @param lineNo    1-based line (CSV, where the record starts) or row number (xlsx), as the
 *                  accountant sees it in the spreadsheet program
 * @param kind      entry or one of the summary lines that are not entries
 * @param entry     the parsed line; {@code null} when {@code errors} is non-empty or the row is not
 *                  an {@link RowKind#ENTRY}
 * @param errors    Chinese messages, each starting with "第N行："; the row is not imported
 * @param warnings  Chinese messages; the row is imported as shown
 */
public record ImportRow(int lineNo, RowKind kind, LedgerEntry entry, List<String> errors, List<String> warnings) {

    public ImportRow {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return kind == RowKind.ENTRY && entry != null && errors.isEmpty();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
