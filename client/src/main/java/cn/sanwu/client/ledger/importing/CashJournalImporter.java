package cn.sanwu.client.ledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads a village accountant's 现金日记账 (.xlsx or CSV) into an {@link ImportPreview}. Only reads:
 * nothing is written anywhere; the caller saves the entries after the user confirms.
 *
 * <p>The format is decided by the file's first bytes, not its extension, because files from
 * banking and finance systems are often misnamed (a CSV called .xls, an xlsx called .csv).
 * Rows are streamed, and a file over the row limit is refused as soon as the limit is passed,
 * so time and memory stay bounded whatever the file holds. Thread-safe: holds no state.
 */
public final class CashJournalImporter {

    /** Rows between progress reports: often enough for a responsive cancel, rare enough to be free. */
    private static final int PROGRESS_EVERY = 500;
    private static final int HEAD_BYTES = 8192;

    public ImportPreview preview(Path file) throws ImportException {
        return preview(file, ImportOptions.defaults(), ProgressListener.NONE);
    }

    public ImportPreview preview(Path file, ImportOptions options, ProgressListener listener) throws ImportException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        checkFile(file, options);
        byte[] head = readHead(file);
        String ext = extension(file);
        List<String> fileWarnings = new ArrayList<>();
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06)) {
            if (!ext.equals("xlsx") && !ext.equals("xlsm")) {
                fileWarnings.add("文件扩展名为“." + ext + "”，但内容是 Excel 工作簿，已按 Excel（.xlsx）读取。");
            }
            return previewXlsx(file, options, listener, fileWarnings);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            if (ext.equals("xlsx")) {
                // Excel stores a password-protected .xlsx inside an OLE container.
                throw new ImportException(ImportException.Reason.ENCRYPTED_WORKBOOK,
                        "这个 Excel 文件设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx，或另存为 CSV 后再导入。");
            }
            throw new ImportException(ImportException.Reason.LEGACY_XLS,
                    "这是旧版 Excel 文件（.xls），暂不支持直接导入。请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。");
        }
        rejectNonText(head);
        if (ext.equals("xlsx") || ext.equals("xls")) {
            fileWarnings.add("文件扩展名为“." + ext + "”，但内容是文本（CSV），已按 CSV 读取。");
        }
        return previewCsv(file, head, options, listener, fileWarnings);
    }

    private ImportPreview previewCsv(Path file, byte[] head, ImportOptions options, ProgressListener listener,
            List<String> fileWarnings) throws ImportException {
        CsvSniffer.CsvFormat format = CsvSniffer.sniff(file, head, options);
        Run run = new Run(options, listener);
        try (RowSource src = new CsvRowSource(CsvSniffer.open(file, format), format.delimiter(),
                options.maxLineChars())) {
            List<RawRow> headRows = run.readHead(src);
            HeaderDetector.Found found = HeaderDetector.detect(headRows);
            Body body = run.readBody(found, headRows, src, false, fileWarnings);
            return new ImportPreview(file.getFileName().toString(), SourceFormat.CSV, format.encodingName(),
                    format.delimiter(), null, List.of(), found.mapping(), body.year, body.rows,
                    body.interpreter.statedOpening(), body.interpreter.statedTotals(), fileWarnings,
                    summarize(body.rows));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private ImportPreview previewXlsx(Path file, ImportOptions options, ProgressListener listener,
            List<String> fileWarnings) throws ImportException {
        try (XlsxWorkbook wb = XlsxWorkbook.open(file)) {
            List<Sheet> candidates;
            if (options.sheetName() != null) {
                Sheet chosen = wb.sheet(options.sheetName());
                if (chosen == null) {
                    throw new ImportException(ImportException.Reason.NO_HEADER,
                            "Excel 文件中没有名为“" + options.sheetName() + "”的工作表。");
                }
                candidates = List.of(chosen);
            } else {
                candidates = wb.candidateSheets();
            }
            Run run = new Run(options, listener);
            ImportException firstFailure = null;
            for (Sheet sheet : candidates) {
                try (RowSource src = wb.rows(sheet)) {
                    List<RawRow> headRows = run.readHead(src);
                    HeaderDetector.Found found;
                    try {
                        found = HeaderDetector.detect(headRows);
                    } catch (ImportException e) {
                        firstFailure = firstFailure == null ? e : firstFailure;
                        continue;
                    }
                    if (wb.sheetNames().size() > 1) {
                        fileWarnings.add("工作簿有 " + wb.sheetNames().size() + " 张工作表，已读取“" + sheet.getName()
                                + "”；如需导入其他工作表，请选择工作表后重新预览。");
                    }
                    Body body = run.readBody(found, headRows, src, wb.date1904(), fileWarnings);
                    return new ImportPreview(file.getFileName().toString(), SourceFormat.XLSX, null, null,
                            sheet.getName(), wb.sheetNames(), found.mapping(), body.year, body.rows,
                            body.interpreter.statedOpening(), body.interpreter.statedTotals(), fileWarnings,
                            summarize(body.rows));
                }
            }
            if (candidates.size() > 1) {
                throw new ImportException(ImportException.Reason.NO_HEADER, "所有工作表中都"
                        + firstFailure.userMessage(), firstFailure);
            }
            throw firstFailure;
        }
    }

    /** Result of reading the rows below the header. */
    private record Body(List<ImportRow> rows, JournalRowInterpreter interpreter, Integer year) {
    }

    /** Counters and limits for one preview call. */
    private static final class Run {
        private final ImportOptions options;
        private final ProgressListener listener;
        private final long maxRawRows;
        private long rawRows;
        private int dataRows;

        Run(ImportOptions options, ProgressListener listener) {
            this.options = options;
            this.listener = listener;
            // Blank rows cost time too (a sheet can hold a million empty formatted rows).
            this.maxRawRows = 2L * options.maxDataRows() + 1000;
        }

        List<RawRow> readHead(RowSource src) throws ImportException {
            List<RawRow> head = new ArrayList<>();
            RawRow row;
            while (head.size() < HeaderDetector.SCAN_ROWS && (row = nextRow(src)) != null) {
                if (!row.isBlank()) {
                    head.add(row);
                }
            }
            return head;
        }

        Body readBody(HeaderDetector.Found found, List<RawRow> head, RowSource src, boolean date1904,
                List<String> fileWarnings) throws ImportException {
            HeaderMapping mapping = found.mapping();
            Integer year = found.statedYear() != null ? found.statedYear() : options.defaultYear();
            boolean splitDate = !mapping.has(ColumnRole.DATE);
            if (splitDate && year == null) {
                throw new ImportException(ImportException.Reason.YEAR_REQUIRED,
                        "表格的日期分为“月”“日”两列，文件标题中也没有写年份。请选择年份后重新预览。");
            }
            if (found.statedYear() != null && options.defaultYear() != null
                    && !found.statedYear().equals(options.defaultYear()) && splitDate) {
                fileWarnings.add("文件中写的年份是 " + found.statedYear() + " 年，与所选的 " + options.defaultYear()
                        + " 年不同，已按文件中的年份。");
            }
            JournalRowInterpreter interpreter = new JournalRowInterpreter(mapping, year, date1904,
                    options.maxCellChars());
            List<ImportRow> rows = new ArrayList<>();
            for (int i = found.dataStartIndex(); i < head.size(); i++) {
                accept(head.get(i), interpreter, rows);
            }
            RawRow row;
            while ((row = nextRow(src)) != null) {
                if (!row.isBlank()) {
                    accept(row, interpreter, rows);
                }
            }
            report();
            if (interpreter.periodTotalRows() > 1) {
                fileWarnings.add("文件中有 " + interpreter.periodTotalRows() + " 个合计/期末行，核对时采用最后一个（第"
                        + interpreter.lastPeriodTotalLine() + "行）；如果文件包含多个月份，请分月导入。");
            }
            return new Body(rows, interpreter, splitDate ? year : null);
        }

        private void accept(RawRow row, JournalRowInterpreter interpreter, List<ImportRow> rows)
                throws ImportException {
            if (++dataRows > options.maxDataRows()) {
                throw tooMany();
            }
            rows.add(interpreter.interpret(row));
        }

        private RawRow nextRow(RowSource src) throws ImportException {
            RawRow row = src.next();
            if (row != null) {
                if (++rawRows > maxRawRows) {
                    throw tooMany();
                }
                if (rawRows % PROGRESS_EVERY == 0) {
                    report();
                }
            }
            return row;
        }

        private void report() throws ImportException {
            if (!listener.onProgress((int) Math.min(Integer.MAX_VALUE, rawRows))) {
                throw new ImportException(ImportException.Reason.CANCELLED, "已取消导入。");
            }
        }

        private ImportException tooMany() {
            return new ImportException(ImportException.Reason.TOO_MANY_ROWS, String.format(
                    "文件超过 %,d 行数据的上限，未导入。一个期间的现金日记账通常只有几百行；请确认选对了文件，或按月份拆分后再导入。",
                    options.maxDataRows()));
        }
    }

    private static ImportSummary summarize(List<ImportRow> rows) {
        int valid = 0;
        int errors = 0;
        int warned = 0;
        int other = 0;
        long income = 0;
        long expense = 0;
        for (ImportRow r : rows) {
            if (r.kind() != RowKind.ENTRY) {
                other++;
            } else if (r.valid()) {
                valid++;
                warned += r.warnings().isEmpty() ? 0 : 1;
                income = Math.addExact(income, r.entry().incomeFen());
                expense = Math.addExact(expense, r.entry().expenseFen());
            } else {
                errors++;
            }
        }
        return new ImportSummary(valid, errors, warned, other, income, expense);
    }

    private static void checkFile(Path file, ImportOptions options) throws ImportException {
        String name = String.valueOf(file.getFileName());
        if (Files.isDirectory(file)) {
            throw new ImportException(ImportException.Reason.FILE_UNREADABLE, "“" + name + "”是文件夹，不是文件。");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (size == 0) {
            throw new ImportException(ImportException.Reason.FILE_EMPTY, "文件“" + name + "”是空的（0 字节）。");
        }
        if (size > options.maxFileBytes()) {
            throw new ImportException(ImportException.Reason.FILE_TOO_LARGE, "文件“" + name + "”有 " + humanSize(size)
                    + "，超过 " + humanSize(options.maxFileBytes()) + " 的上限，不像一份现金日记账。请确认选对了文件。");
        }
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return bytes % (1024 * 1024) == 0 ? bytes / 1024 / 1024 + " MB"
                : String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private static byte[] readHead(Path file) throws ImportException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** NULs and control bytes mean a binary file (image, PDF, random data) rather than CSV text. */
    private static void rejectNonText(byte[] head) throws ImportException {
        boolean utf16 = startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF);
        if (!utf16) {
            int control = 0;
            for (byte b : head) {
                int c = b & 0xFF;
                if (c == 0) {
                    control += head.length;
                } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    control++;
                }
            }
            if (control * 50 > head.length) {
                throw new ImportException(ImportException.Reason.UNRECOGNIZED_FORMAT,
                        "无法识别的文件格式：既不是 Excel 工作簿（.xlsx），也不是 CSV 文本。请选择现金日记账的 Excel 或 CSV 文件。");
            }
        }
        String start = new String(head, 0, Math.min(head.length, 2048), StandardCharsets.ISO_8859_1)
                .strip().toLowerCase(Locale.ROOT);
        if (start.startsWith("<")) {
            if (start.contains("urn:schemas-microsoft-com:office:spreadsheet")) {
                throw new ImportException(ImportException.Reason.UNRECOGNIZED_FORMAT,
                        "这是“XML 电子表格 2003”格式，请在 Excel 中另存为 Excel 工作簿（.xlsx）或 CSV 后再导入。");
            }
            throw new ImportException(ImportException.Reason.UNRECOGNIZED_FORMAT,
                    "这是网页（HTML/XML）格式的文件（有些系统导出的“Excel”其实是网页）。请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV 再导入。");
        }
    }

    static ImportException unreadable(Path file, IOException e) {
        String name = String.valueOf(file.getFileName());
        if (e instanceof NoSuchFileException) {
            return new ImportException(ImportException.Reason.FILE_NOT_FOUND,
                    "找不到文件“" + name + "”，可能已被移动、改名或删除。", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ImportException(ImportException.Reason.FILE_UNREADABLE,
                    "没有权限读取文件“" + name + "”。", e);
        }
        return new ImportException(ImportException.Reason.FILE_UNREADABLE,
                "无法读取文件“" + name + "”：文件可能正被其他程序占用，或所在的U盘/网络位置已断开。", e);
    }

    private static String extension(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
