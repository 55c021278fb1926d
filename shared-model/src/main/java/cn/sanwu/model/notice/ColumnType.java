package cn.sanwu.model.notice;

/**
 * Semantic type of a generic table column. Decides canonical hashing (money and integers hash as
 * JSON integers) and masking (personal columns never print unmasked).
 */
public enum ColumnType {
    TEXT,
    /** Cells hold an integer number of fen as decimal digits, e.g. "123456". */
    MONEY_FEN,
    INTEGER,
    /** ISO date, yyyy-MM-dd. */
    DATE,
    PERSON_NAME,
    ID_NUMBER,
    BANK_ACCOUNT,
    PHONE,
    ADDRESS
}
