package cn.sanwu.client.ledger.importing;

/** What a non-blank source row below the header is. */
public enum RowKind {
    /** An ordinary journal line (parsed or with errors). */
    ENTRY,
    /** 期初余额 / 上年结转 / 上月结转: states the opening balance. */
    OPENING_BALANCE,
    /** 本月合计 / 本期合计 / 合计: states totals and the closing balance. */
    PERIOD_TOTAL,
    /** 本年累计 / 累计: year-to-date figures, not comparable with one file's lines. */
    CUMULATIVE_TOTAL,
    /** 承前页 / 过次页: paper-ledger page carry lines, repeat figures already counted. */
    PAGE_CARRY
}
