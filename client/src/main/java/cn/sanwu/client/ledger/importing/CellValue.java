package cn.sanwu.client.ledger.importing;

import java.math.BigDecimal;

/**
 * A source cell before interpretation. CSV cells are always {@link Text}; xlsx numeric cells keep
 * the exact decimal text Excel stored so amounts never pass through {@code double}.
 */
sealed interface CellValue {

    CellValue BLANK = new Text("");

    boolean isBlank();

    /** How the cell is quoted back to the accountant in a message. */
    String display();

    record Text(String value) implements CellValue {

        @Override
        public boolean isBlank() {
            return value.isBlank();
        }

        @Override
        public String display() {
            return value.strip();
        }
    }

    /**
     * @param value          parsed from {@code raw} by BigDecimal, exact
     * @param raw            the text in the sheet XML, e.g. {@code 1234.5600000000001}
     * @param dateFormatted  the cell's number format is a date format, so the value is a day serial
     */
    record Num(BigDecimal value, String raw, boolean dateFormatted) implements CellValue {

        @Override
        public boolean isBlank() {
            return false;
        }

        @Override
        public String display() {
            return raw;
        }
    }
}
