package cn.sanwu.model.finance;

import java.time.LocalDate;

/**
 * One cash-journal line. Money is in fen. A line is either income or expense; validation reports
 * lines that carry both or neither rather than rejecting them here, so an editor can hold a
 * half-typed row.
 */
public record LedgerEntry(LocalDate date, String voucherNo, String summary, long incomeFen, long expenseFen) {

    public LedgerEntry {
        voucherNo = voucherNo == null ? "" : voucherNo.strip();
        summary = summary == null ? "" : summary.strip();
    }

    /** Effect of this line on the balance. */
    public long netFen() {
        return Math.subtractExact(incomeFen, expenseFen);
    }
}
