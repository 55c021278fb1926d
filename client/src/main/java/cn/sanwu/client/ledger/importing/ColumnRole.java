package cn.sanwu.client.ledger.importing;

/** Meaning of a source column, found from its header text. */
public enum ColumnRole {
    DATE("日期"),
    MONTH("月"),
    DAY("日"),
    VOUCHER("凭证号"),
    SUMMARY("摘要"),
    INCOME("收入"),
    EXPENSE("支出"),
    BALANCE("余额");

    private final String displayZh;

    ColumnRole(String displayZh) {
        this.displayZh = displayZh;
    }

    public String displayZh() {
        return displayZh;
    }
}
