package cn.sanwu.client.ledger.importing;

/**
 * Knobs for one import.
 *
 * @param defaultYear    year for files that only have 月/日 columns and state no year in a title
 *                       row (or a "2026年" header cell); {@code null} = not known
 * @param sheetName      xlsx sheet to read; {@code null} = the active sheet if it has a journal
 *                       header, else the first sheet that does
 * @param maxDataRows    refuse files with more data rows than this
 * @param maxFileBytes   refuse files larger than this before reading them
 * @param maxCellChars   a single cell longer than this is a row error
 * @param maxLineChars   a CSV record longer than this refuses the file (binary or broken quoting)
 */
public record ImportOptions(Integer defaultYear, String sheetName, int maxDataRows, long maxFileBytes,
        int maxCellChars, int maxLineChars) {

    /** One period's cash journal has a few hundred lines; 50,000 leaves room for a decade. */
    public static final int DEFAULT_MAX_DATA_ROWS = 50_000;
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;
    public static final int DEFAULT_MAX_CELL_CHARS = 500;
    public static final int DEFAULT_MAX_LINE_CHARS = 10_000;

    public ImportOptions {
        if (defaultYear != null && (defaultYear < 1900 || defaultYear > 9999)) {
            throw new IllegalArgumentException("defaultYear out of range: " + defaultYear);
        }
        if (maxDataRows <= 0 || maxFileBytes <= 0 || maxCellChars <= 0 || maxLineChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, DEFAULT_MAX_DATA_ROWS, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_CELL_CHARS, DEFAULT_MAX_LINE_CHARS);
    }

    public ImportOptions withDefaultYear(Integer year) {
        return new ImportOptions(year, sheetName, maxDataRows, maxFileBytes, maxCellChars, maxLineChars);
    }

    public ImportOptions withSheetName(String name) {
        return new ImportOptions(defaultYear, name, maxDataRows, maxFileBytes, maxCellChars, maxLineChars);
    }

    public ImportOptions withMaxDataRows(int rows) {
        return new ImportOptions(defaultYear, sheetName, rows, maxFileBytes, maxCellChars, maxLineChars);
    }

    public ImportOptions withMaxFileBytes(long bytes) {
        return new ImportOptions(defaultYear, sheetName, maxDataRows, bytes, maxCellChars, maxLineChars);
    }
}
