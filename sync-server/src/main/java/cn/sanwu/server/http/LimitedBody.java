package cn.sanwu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a JSON request body as a stream, never more than {@code maxBytes} of it before or after
 * gzip decompression: a declared Content-Length over the limit is refused before a byte is read
 * (with {@code Expect: 100-continue} the client never sends it), and a chunked or compressed body
 * is cut off as soon as it passes the limit. Stateless.
 */
public final class LimitedBody {

    private LimitedBody() {
    }

    public static <T> T readJson(Context ctx, ObjectMapper mapper, Class<T> type, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String encoding = ctx.header("Content-Encoding");
        try {
            InputStream raw = new CappedStream(ctx.req().getInputStream(), maxBytes);
            InputStream body;
            if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
                body = raw;
            } else if (encoding.equalsIgnoreCase("gzip")) {
                body = new CappedStream(new GZIPInputStream(raw), maxBytes);
            } else {
                throw new ApiException(415, "UNSUPPORTED_ENCODING", "不支持的压缩方式：" + encoding + "（只支持 gzip）。");
            }
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw malformed();
            }
            return value;
        } catch (BodyTooLarge e) {
            throw tooLarge(maxBytes);
        } catch (JsonProcessingException | ZipException e) {
            if (e.getCause() instanceof BodyTooLarge) {
                throw tooLarge(maxBytes);
            }
            throw malformed();
        } catch (IOException e) {
            if (e.getCause() instanceof BodyTooLarge) {
                throw tooLarge(maxBytes);
            }
            throw new ApiException(400, "BODY_UNREADABLE", "请求数据读取失败，请重试。");
        }
    }

    /** The raw body (no Content-Encoding: a bundle file is compressed already), at most {@code maxBytes}. */
    public static byte[] readBytes(Context ctx, long maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            throw new ApiException(415, "UNSUPPORTED_ENCODING", "同步文件已经压缩，上传时不要再压缩（" + encoding + "）。");
        }
        try (InputStream in = new CappedStream(ctx.req().getInputStream(), maxBytes)) {
            return in.readAllBytes();
        } catch (BodyTooLarge e) {
            throw tooLarge(maxBytes);
        } catch (IOException e) {
            throw new ApiException(400, "BODY_UNREADABLE", "请求数据读取失败，请重试。");
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "BODY_TOO_LARGE", "一次同步的数据太大（上限 " + maxBytes / (1024 * 1024)
                + " MB）。请分批同步。");
    }

    private static ApiException malformed() {
        return new ApiException(400, "MALFORMED_JSON", "请求数据格式无效，未保存任何内容。");
    }

    /** Thrown by {@link CappedStream}; an IOException so it passes through the decompressor and parser. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body over the limit", null);
        }
    }

    /** Fails as soon as more than {@code limit} bytes have been read. */
    static final class CappedStream extends FilterInputStream {
        private final long limit;
        private long count;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge();
            }
        }
    }
}
