package cn.sanwu.client.sync;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a captured HTTP/1.1 byte stream (one direction of one connection) into messages, and
 * their bytes into framing (request/status line, headers, chunk-size lines) and body (what the
 * application sent, compressed as it travelled). The link benchmark's physical limit counts only
 * body bytes, so header overhead shows up in the measured ratio.
 */
final class HttpWire {

    /** Totals of one stream; {@code headers} includes every byte that is not body. */
    record Split(int messages, long headers, long body) {
        Split plus(Split o) {
            return new Split(messages + o.messages, headers + o.headers, body + o.body);
        }

        static final Split NONE = new Split(0, 0, 0);
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE_END = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private HttpWire() {
    }

    static Split split(byte[] s) {
        int pos = 0;
        int messages = 0;
        long headers = 0;
        long body = 0;
        while (pos < s.length) {
            int end = FaultProxy.indexOf(s, HEADER_END, pos);
            if (end < 0) {
                headers += s.length - pos; // an incomplete message: count it all as framing
                break;
            }
            String head = new String(s, pos, end - pos, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            headers += end + HEADER_END.length - pos;
            pos = end + HEADER_END.length;
            messages++;
            if (head.contains("\r\ntransfer-encoding: chunked")) {
                while (pos < s.length) {
                    int lineEnd = FaultProxy.indexOf(s, LINE_END, pos);
                    String line = new String(s, pos, lineEnd - pos, StandardCharsets.US_ASCII);
                    int size = Integer.parseInt(line.split(";")[0].strip(), 16);
                    headers += lineEnd + 2 - pos;
                    pos = lineEnd + 2;
                    if (size == 0) {
                        headers += 2; // the empty trailer line
                        pos += 2;
                        break;
                    }
                    body += size;
                    pos += size + 2;
                    headers += 2;
                }
            } else {
                int at = head.indexOf("\r\ncontent-length:");
                if (at >= 0) {
                    int from = at + "\r\ncontent-length:".length();
                    int to = head.indexOf("\r\n", from);
                    long length = Long.parseLong(head.substring(from, to < 0 ? head.length() : to).strip());
                    body += length;
                    pos += (int) length;
                }
            }
        }
        return new Split(messages, headers, body);
    }
}
