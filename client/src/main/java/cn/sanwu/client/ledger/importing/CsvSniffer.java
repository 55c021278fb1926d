package cn.sanwu.client.ledger.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds a CSV file's encoding and delimiter before the real, streaming pass. */
final class CsvSniffer {

    /** How many characters are looked at to choose the delimiter: enough for title rows and a header. */
    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final char[] DELIMITERS = {',', '\t', ';'};
    /** GB18030 is a superset of GBK and GB2312, so it reads whatever Chinese Excel/WPS saved. */
    private static final Charset GB18030 = Charset.forName("GB18030");

    record CsvFormat(Charset charset, String encodingName, int bomLength, char delimiter) {
    }

    private CsvSniffer() {
    }

    static CsvFormat sniff(Path path, byte[] head, ImportOptions options) throws ImportException {
        Charset charset;
        String name;
        int bom = 0;
        try {
            if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
                charset = StandardCharsets.UTF_8;
                name = "UTF-8 (BOM)";
                bom = 3;
                if (!decodesStrictly(path, charset, bom)) {
                    throw new ImportException(ImportException.Reason.UNKNOWN_ENCODING,
                            "文件开头标明是 UTF-8 编码，但内容中有无法识别的字符，文件可能已损坏。请用 Excel 或 WPS 重新另存为 CSV。");
                }
            } else if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
                // Excel's "Unicode 文本" is UTF-16 with a BOM and tab separated.
                charset = head[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
                name = charset.name();
                bom = 2;
                if (!decodesStrictly(path, charset, bom)) {
                    throw new ImportException(ImportException.Reason.UNKNOWN_ENCODING,
                            "文件是 Unicode 文本，但内容不完整或已损坏。请用 Excel 或 WPS 重新另存为 CSV。");
                }
            } else if (decodesStrictly(path, StandardCharsets.UTF_8, 0)) {
                charset = StandardCharsets.UTF_8;
                name = "UTF-8";
            } else if (decodesStrictly(path, GB18030, 0)) {
                charset = GB18030;
                name = "GB18030";
            } else {
                throw new ImportException(ImportException.Reason.UNKNOWN_ENCODING,
                        "无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030）。请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV。");
            }
        } catch (IOException e) {
            throw CashJournalImporter.unreadable(path, e);
        }
        String sample = readSample(path, charset, bom);
        if (sample.isBlank()) {
            throw new ImportException(ImportException.Reason.FILE_EMPTY, "文件中没有任何内容。");
        }
        return new CsvFormat(charset, name, bom, chooseDelimiter(sample, options));
    }

    static Reader open(Path path, CsvFormat format) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            in.skipNBytes(format.bomLength());
            return new InputStreamReader(in, strictDecoder(format.charset()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The delimiter under which some row reads as the best journal header; a title row has no
     * delimiters, so counting them alone would be fooled by it.
     */
    private static char chooseDelimiter(String sample, ImportOptions options) {
        char best = ',';
        long bestScore = -1;
        for (char d : DELIMITERS) {
            List<RawRow> rows = new ArrayList<>();
            int maxFields = 0;
            try (CsvRowSource src = new CsvRowSource(new StringReader(sample), d, options.maxLineChars())) {
                RawRow row;
                while (rows.size() < HeaderDetector.SCAN_ROWS && (row = src.next()) != null) {
                    if (!row.isBlank()) {
                        rows.add(row);
                        maxFields = Math.max(maxFields, row.cells().size());
                    }
                }
            } catch (ImportException e) {
                // The sample is cut mid-record or mis-split with this delimiter: score what was read.
            }
            long score = HeaderDetector.bestScore(rows) * 1000L + Math.min(maxFields, 999);
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    private static String readSample(Path path, Charset charset, int bom) throws ImportException {
        try (Reader r = open(path, new CsvFormat(charset, "", bom, ','))) {
            char[] buf = new char[SAMPLE_CHARS];
            int n = 0;
            int k;
            while (n < buf.length && (k = r.read(buf, n, buf.length - n)) >= 0) {
                n += k;
            }
            return new String(buf, 0, n);
        } catch (IOException e) {
            throw CashJournalImporter.unreadable(path, e);
        }
    }

    private static boolean decodesStrictly(Path path, Charset charset, int skip) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(skip);
            Reader r = new InputStreamReader(in, strictDecoder(charset));
            char[] buf = new char[64 * 1024];
            while (r.read(buf) >= 0) {
                // Only decodability matters here.
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
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
