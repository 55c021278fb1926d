package cn.sanwu.model.validation;

/**
 * One validation finding. {@code field} names what it is about (e.g. {@code entries[3].voucherNo})
 * so an editor can highlight it; {@code row} is the 1-based row for table findings, 0 otherwise.
 * {@code blocking} problems prevent submission; others are warnings shown to the clerk.
 */
public record Problem(String field, int row, String messageZh, boolean blocking) {

    public static Problem error(String field, int row, String messageZh) {
        return new Problem(field, row, messageZh, true);
    }

    public static Problem warning(String field, int row, String messageZh) {
        return new Problem(field, row, messageZh, false);
    }
}
