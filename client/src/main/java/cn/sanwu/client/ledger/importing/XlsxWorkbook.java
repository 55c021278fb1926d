package cn.sanwu.client.ledger.importing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * An .xlsx opened for streaming with fastexcel-reader. Any failure inside the library (it throws
 * unchecked exceptions for bad XML or zip data) becomes an {@link ImportException} here, so the
 * user sees "file damaged" rather than a stack trace.
 */
final class XlsxWorkbook implements AutoCloseable {

    /** Uncompressed size of all parts; a real journal is a few MB, this stops zip bombs early. */
    static final long MAX_UNCOMPRESSED_BYTES = 512L * 1024 * 1024;
    /** Columns read per row; a journal has under 20, a stray cell in column XFD is ignored. */
    private static final int MAX_COLUMNS = 100;
    /** Built-in number formats that show a date (14-17, 22; 27-36 and 50-58 are the CJK ones). */
    private static final Set<Integer> BUILTIN_DATE_FORMATS = Set.of(14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33,
            34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58);

    private final ReadableWorkbook workbook;
    private final List<Sheet> sheets;

    private XlsxWorkbook(ReadableWorkbook workbook, List<Sheet> sheets) {
        this.workbook = workbook;
        this.sheets = sheets;
    }

    static XlsxWorkbook open(Path path) throws ImportException {
        checkPackage(path);
        ReadableWorkbook wb = null;
        try {
            wb = new ReadableWorkbook(path.toFile(), new ReadingOptions(true, true));
            List<Sheet> sheets = wb.getSheets().toList();
            if (sheets.isEmpty()) {
                throw new ImportException(ImportException.Reason.NO_HEADER, "Excel 文件中没有工作表。");
            }
            return new XlsxWorkbook(wb, sheets);
        } catch (IOException | RuntimeException e) {
            closeQuietly(wb);
            throw corrupt(e);
        } catch (ImportException e) {
            closeQuietly(wb);
            throw e;
        }
    }

    /**
     * Reads the zip's central directory first: a truncated download has none, a .docx or .ods is a
     * zip too, and declared sizes reveal a zip bomb before any XML is inflated.
     */
    private static void checkPackage(Path path) throws ImportException {
        boolean contentTypes = false;
        boolean workbookXml = false;
        String other = null;
        long total = 0;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName().toLowerCase(Locale.ROOT);
                contentTypes |= name.equals("[content_types].xml");
                workbookXml |= name.startsWith("xl/") && name.endsWith("workbook.xml");
                if (name.startsWith("xl/") && name.endsWith("workbook.bin")) {
                    other = "这是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 或 CSV 后再导入。";
                } else if (name.startsWith("word/")) {
                    other = "这是 Word 文档，不是 Excel 工作簿。请选择现金日记账的 Excel 或 CSV 文件。";
                } else if (name.equals("mimetype") || name.equals("content.xml")) {
                    other = "这是 ODS 等其他格式的表格，请在 WPS 或 Excel 中另存为 .xlsx 或 CSV 后再导入。";
                }
                if (e.getSize() > 0) {
                    total += e.getSize();
                }
            }
        } catch (ZipException e) {
            throw corrupt(e);
        } catch (IOException e) {
            throw CashJournalImporter.unreadable(path, e);
        }
        if (!(contentTypes && workbookXml)) {
            throw new ImportException(ImportException.Reason.NOT_A_WORKBOOK, other != null ? other
                    : "文件是 ZIP 压缩包，但不是 Excel 工作簿（.xlsx）。请选择现金日记账的 Excel 或 CSV 文件。");
        }
        if (total > MAX_UNCOMPRESSED_BYTES) {
            throw new ImportException(ImportException.Reason.FILE_TOO_LARGE,
                    "Excel 文件解压后超过 " + MAX_UNCOMPRESSED_BYTES / 1024 / 1024 + " MB，不像一份现金日记账，已拒绝读取。");
        }
    }

    static ImportException corrupt(Exception cause) {
        return new ImportException(ImportException.Reason.CORRUPT_XLSX,
                "Excel 文件已损坏或不完整（可能下载、拷贝未完成），无法读取。请用 Excel 或 WPS 打开检查后重新保存。", cause);
    }

    List<String> sheetNames() {
        return sheets.stream().map(Sheet::getName).toList();
    }

    /** Sheets in the order to try: the active one, then the other visible ones, then hidden ones. */
    List<Sheet> candidateSheets() {
        List<Sheet> order = new ArrayList<>();
        try {
            workbook.getActiveSheet().ifPresent(order::add);
        } catch (RuntimeException e) {
            // No usable active-tab information: fall back to sheet order.
        }
        for (Sheet s : sheets) {
            if (!order.contains(s) && s.getVisibility() == SheetVisibility.VISIBLE) {
                order.add(s);
            }
        }
        for (Sheet s : sheets) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        return order;
    }

    Sheet sheet(String name) {
        return sheets.stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
    }

    boolean date1904() {
        return workbook.isDate1904();
    }

    RowSource rows(Sheet sheet) throws ImportException {
        try {
            Stream<Row> stream = sheet.openStream();
            Iterator<Row> it = stream.iterator();
            return new RowSource() {
                @Override
                public RawRow next() throws ImportException {
                    try {
                        return it.hasNext() ? convert(it.next()) : null;
                    } catch (RuntimeException e) {
                        throw corrupt(e);
                    }
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private static RawRow convert(Row row) {
        int n = Math.min(row.getCellCount(), MAX_COLUMNS);
        List<CellValue> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cells.add(convert(row.getCell(i)));
        }
        return new RawRow(row.getRowNum(), cells);
    }

    private static CellValue convert(Cell cell) {
        if (cell == null) {
            return CellValue.BLANK;
        }
        return switch (cell.getType()) {
            case EMPTY -> CellValue.BLANK;
            case STRING -> new CellValue.Text(cell.getValue() == null ? "" : cell.getValue().toString());
            case NUMBER -> number(cell);
            // A formula's cached result: numeric results were parsed to BigDecimal by the reader.
            case FORMULA -> cell.getValue() instanceof java.math.BigDecimal ? number(cell)
                    : new CellValue.Text(cell.getRawValue() == null ? "" : cell.getRawValue());
            case BOOLEAN, ERROR -> new CellValue.Text(cell.getRawValue() == null ? "" : cell.getRawValue());
        };
    }

    private static CellValue number(Cell cell) {
        java.math.BigDecimal value = (java.math.BigDecimal) cell.getValue();
        return new CellValue.Num(value, cell.getRawValue(), isDateFormat(cell.getDataFormatId(),
                cell.getDataFormatString()));
    }

    static boolean isDateFormat(Integer id, String format) {
        if (id != null && BUILTIN_DATE_FORMATS.contains(id)) {
            return true;
        }
        if (format == null) {
            return false;
        }
        // Ignore quoted literals ("年"), [colour]/[$-804] sections and escaped characters.
        String f = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "")
                .toLowerCase(Locale.ROOT);
        return f.contains("y") || f.contains("d");
    }

    private static void closeQuietly(ReadableWorkbook wb) {
        if (wb != null) {
            try {
                wb.close();
            } catch (IOException | RuntimeException ignored) {
                // Read-only: nothing to lose.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(workbook);
    }
}
