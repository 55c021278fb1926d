package cn.sanwu.model.catalog;

/** What the body of a notice for this item mainly consists of; picks the editor and the sheet layout. */
public enum ContentKind {
    /** Free text, optionally with generic tables. */
    TEXT,
    /** A cash journal (日期/凭证号/摘要/收入/支出/余额) of one accounting entity. */
    CASH_JOURNAL,
    /** A list of recipients of a subsidy or relief (masked in public output). */
    RECIPIENT_LIST
}
