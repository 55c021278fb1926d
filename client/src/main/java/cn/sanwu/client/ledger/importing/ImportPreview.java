package cn.sanwu.client.ledger.importing;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.validation.Problem;
import cn.sanwu.model.validation.Validation;
import java.util.List;

/**
 * What a file would import, for the user to confirm. Nothing has been written anywhere.
 *
 * @param fileName      file name only (no directory), for the dialog title
 * @param format        detected from the content, not the extension
 * @param encoding      CSV only: "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE"...; {@code null} for xlsx
 * @param delimiter     CSV only: ',', '\t' or ';'; {@code null} for xlsx
 * @param sheetName     xlsx only: the sheet read; {@code null} for CSV
 * @param sheetNames    xlsx only: all sheets, so the dialog can offer a choice; empty for CSV
 * @param header        where the header is and how columns were mapped
 * @param year          year used to complete 月/日 dates; {@code null} when the file has full dates
 * @param rows          every non-blank row below the header, in file order
 * @param statedOpeningBalanceFen from a 期初余额/上年结转 row; {@code null} if none
 * @param statedTotals  from the last 本月合计/本期合计 row; {@code null} if none
 * @param fileWarnings  Chinese notes about the file as a whole (extension mismatch, several sheets...)
 * @param summary       counts for the status line
 */
public record ImportPreview(String fileName, SourceFormat format, String encoding, Character delimiter,
        String sheetName, List<String> sheetNames, HeaderMapping header, Integer year, List<ImportRow> rows,
        Long statedOpeningBalanceFen, StatedTotals statedTotals, List<String> fileWarnings, ImportSummary summary) {

    public ImportPreview {
        sheetNames = List.copyOf(sheetNames);
        rows = List.copyOf(rows);
        fileWarnings = List.copyOf(fileWarnings);
    }

    /** The entries that would be imported, in file order. */
    public List<LedgerEntry> validEntries() {
        return rows.stream().filter(ImportRow::valid).map(ImportRow::entry).toList();
    }

    public List<ImportRow> errorRows() {
        return rows.stream().filter(r -> r.kind() == RowKind.ENTRY && r.hasErrors()).toList();
    }

    /** Stated opening balance, or 0 when the file states none (the caller may carry it from last period). */
    public long openingBalanceFenOrZero() {
        return statedOpeningBalanceFen == null ? 0 : statedOpeningBalanceFen;
    }

    /** The valid entries as a journal; the caller decides the entity and the opening balance shown. */
    public CashJournal toJournal(AccountingEntity entity) {
        return new CashJournal(entity, openingBalanceFenOrZero(), validEntries());
    }

    /** Compares the 合计 row's figures with the valid entries; empty when nothing was stated or all agree. */
    public List<Problem> checkStatedTotals(AccountingEntity entity) {
        if (statedTotals == null) {
            return List.of();
        }
        return Validation.statedTotals(toJournal(entity), statedTotals.incomeFen(), statedTotals.expenseFen(),
                statedTotals.closingBalanceFen());
    }
}
