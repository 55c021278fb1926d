package cn.sanwu.client.ledger.importing;

import java.util.List;

/** One source row: its 1-based line/row number and its cells, left to right from column A. */
record RawRow(int lineNo, List<CellValue> cells) {

    RawRow {
        cells = List.copyOf(cells);
    }

    /** The cell at a 0-based column, blank when the row is shorter or the column is absent (-1). */
    CellValue cell(int column) {
        return column < 0 || column >= cells.size() ? CellValue.BLANK : cells.get(column);
    }

    boolean isBlank() {
        for (CellValue c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
