package cn.sanwu.client.ledger.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a character stream: quoted fields may hold the delimiter, doubled quotes
 * and line breaks; CRLF, LF and lone CR all end a record. Lenient where Excel and WPS are (a quote
 * in the middle of an unquoted field is kept literally), strict where a broken file would
 * otherwise swallow everything after it (an unclosed quote, a record longer than the limit).
 */
final class CsvRowSource implements RowSource {

    private static final int EOF = -1;

    private final Reader reader;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private int line = 1;
    private boolean eof;

    CsvRowSource(Reader reader, char delimiter, int maxRecordChars) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public RawRow next() throws ImportException {
        if (eof) {
            return null;
        }
        int startLine = line;
        List<CellValue> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean fieldQuoted = false;
        int recordChars = 0;
        while (true) {
            int c = read();
            if (c == EOF) {
                eof = true;
                if (inQuotes) {
                    throw new ImportException(ImportException.Reason.MALFORMED_CSV,
                            "第" + startLine + "行的引号没有配对（缺少结束的英文双引号），文件可能不完整或已损坏。");
                }
                if (cells.isEmpty() && field.isEmpty() && !fieldQuoted) {
                    return null;
                }
                cells.add(new CellValue.Text(field.toString()));
                return new RawRow(startLine, cells);
            }
            if (++recordChars > maxRecordChars) {
                throw new ImportException(ImportException.Reason.LINE_TOO_LONG, "第" + startLine + "行超过 "
                        + maxRecordChars + " 个字符，不像现金日记账的内容（可能引号没有配对，或不是 CSV 文件）。");
            }
            if (inQuotes) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !fieldQuoted) {
                inQuotes = true;
                fieldQuoted = true;
            } else if (c == delimiter) {
                cells.add(new CellValue.Text(field.toString()));
                field.setLength(0);
                fieldQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                cells.add(new CellValue.Text(field.toString()));
                return new RawRow(startLine, cells);
            } else {
                field.append((char) c);
            }
        }
    }

    private int read() throws ImportException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws ImportException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws ImportException {
        try {
            int n;
            do {
                n = reader.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            len = n;
            return true;
        } catch (IOException e) {
            throw new ImportException(ImportException.Reason.FILE_UNREADABLE,
                    "读取文件时出错（第" + line + "行附近），文件可能已损坏或编码混杂。", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Read-only source: nothing was written, so a failed close loses nothing.
        }
    }
}
