package cn.sanwu.client.ledger.importing;

/**
 * Counts for the preview dialog's status line.
 *
 * @param validRows    entry rows that will be imported
 * @param errorRows    entry rows that will not (they have errors)
 * @param warningRows  valid rows that carry at least one warning
 * @param otherRows    期初余额 / 合计 / 累计 / 承前页 rows, recognised and not imported
 * @param totalIncomeFen  sum over valid rows
 * @param totalExpenseFen sum over valid rows
 */
public record ImportSummary(int validRows, int errorRows, int warningRows, int otherRows, long totalIncomeFen,
        long totalExpenseFen) {

    public String displayZh() {
        return "可导入 " + validRows + " 行，有错误 " + errorRows + " 行，有提示 " + warningRows + " 行";
    }
}
