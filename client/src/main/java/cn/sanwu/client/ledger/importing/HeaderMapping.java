package cn.sanwu.client.ledger.importing;

import java.util.List;
import java.util.Optional;

/**
 * Where the header was and which source column feeds which field.
 *
 * @param lineNo   1-based line (CSV) or row (xlsx) of the header; for a two-row header, the first
 * @param columns  one entry per recognised column, in source order
 */
public record HeaderMapping(int lineNo, List<MappedColumn> columns) {

    /** {@code columnIndex} is 0-based; {@link #columnLetter()} gives the Excel-style name. */
    public record MappedColumn(ColumnRole role, int columnIndex, String headerText) {

        public String columnLetter() {
            StringBuilder b = new StringBuilder();
            for (int i = columnIndex + 1; i > 0; i = (i - 1) / 26) {
                b.insert(0, (char) ('A' + (i - 1) % 26));
            }
            return b.toString();
        }
    }

    public HeaderMapping {
        columns = List.copyOf(columns);
    }

    public Optional<MappedColumn> column(ColumnRole role) {
        return columns.stream().filter(c -> c.role() == role).findFirst();
    }

    /** 0-based index, or -1 when the file has no such column. */
    public int indexOf(ColumnRole role) {
        return column(role).map(MappedColumn::columnIndex).orElse(-1);
    }

    public boolean has(ColumnRole role) {
        return indexOf(role) >= 0;
    }
}
