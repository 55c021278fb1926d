package cn.sanwu.model.sync.bundle;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.bundle.BundleException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bundle file: a sync request or reply for a village without a connection, carried on a USB
 * stick (ADR 0012). Layout, all integers big-endian:
 * <pre>
 * magic "SANWUBND" (8) | format 1 (1) | kind 1=request 2=reply (1) | header length H (4) | header JSON (H)
 * | body length B (4) | body: gzip of the SyncProtocol Request/Response JSON (B) | Ed25519 signature (64)
 * </pre>
 * The signature covers every byte before it, so changing any byte, dropping any or adding any is
 * detected. {@link #parse} checks the structure only; {@link Parsed#verify} the signature;
 * {@link Parsed#body} is read only after that. Stateless.
 */
public final class BundleFile {

    static final byte[] MAGIC = "SANWUBND".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT = 1;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Default bound of a whole file and of its unpacked body. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    private static final int PREFIX = MAGIC.length + 1 + 1 + 4;

    public enum Kind {
        REQUEST(1, "村里导出的同步文件"),
        REPLY(2, "乡镇给出的回复文件");

        private final int code;
        private final String label;

        Kind(int code, String label) {
            this.code = code;
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A structurally sound file, not yet verified. */
    public record Parsed(Kind kind, BundleHeader header, byte[] bytes, int signedLength, int bodyOffset, int bodyLength) {

        public byte[] signature() {
            return Arrays.copyOfRange(bytes, signedLength, bytes.length);
        }

        /** Refuses the file unless {@code key} signed exactly these bytes. */
        public void verify(PublicKey key) throws BundleException {
            if (!BundleKeys.verify(key, bytes, signedLength, signature())) {
                throw new BundleException(Reason.BAD_SIGNATURE,
                        "同步文件已损坏或被改动（签名不符），未导入任何内容。请重新导出该文件。");
            }
        }

        /** The body, unpacked to at most {@code maxBytes}; call only after {@link #verify}. */
        public <T> T body(Class<T> type, long maxBytes) throws BundleException {
            try (InputStream in = new Capped(new GZIPInputStream(new ByteArrayInputStream(bytes, bodyOffset, bodyLength)),
                    maxBytes)) {
                T value = ModelJson.mapper().readValue(in, type);
                if (value == null) {
                    throw corrupt("内容为空");
                }
                return value;
            } catch (TooLarge e) {
                throw tooLarge(maxBytes);
            } catch (IOException e) {
                if (e.getCause() instanceof TooLarge) {
                    throw tooLarge(maxBytes);
                }
                throw corrupt("内容无法读取");
            }
        }
    }

    private BundleFile() {
    }

    /** The file's bytes: header and body signed with {@code key}. */
    public static byte[] write(Kind kind, BundleHeader header, Object body, PrivateKey key) {
        try {
            byte[] headerJson = ModelJson.mapper().writeValueAsBytes(header);
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                ModelJson.mapper().writeValue(gz, body);
            }
            byte[] bodyBytes = packed.toByteArray();
            ByteBuffer out = ByteBuffer.allocate(PREFIX + headerJson.length + 4 + bodyBytes.length + BundleKeys.SIGNATURE_BYTES);
            out.put(MAGIC).put((byte) FORMAT).put((byte) kind.code).putInt(headerJson.length).put(headerJson)
                    .putInt(bodyBytes.length).put(bodyBytes);
            byte[] bytes = out.array();
            int signed = out.position();
            out.put(BundleKeys.sign(key, bytes, signed));
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    /** Reads {@code file} (at most {@code maxBytes}) and checks its structure. */
    public static Parsed read(Path file, long maxBytes) throws BundleException {
        try {
            if (Files.size(file) > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return parse(Files.readAllBytes(file), maxBytes);
        } catch (NoSuchFileException e) {
            throw new BundleException(Reason.NOT_A_BUNDLE, "找不到文件：" + file);
        } catch (IOException e) {
            throw new BundleException(Reason.TRUNCATED, "无法读取文件 " + file + "（" + e.getMessage() + "）。");
        }
    }

    /** Checks the structure of {@code bytes}: magic, format, kind, lengths, header JSON. Not the signature. */
    public static Parsed parse(byte[] bytes, long maxBytes) throws BundleException {
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        int magicSeen = Math.min(bytes.length, MAGIC.length);
        if (bytes.length == 0 || !Arrays.equals(bytes, 0, magicSeen, MAGIC, 0, magicSeen)) {
            throw new BundleException(Reason.NOT_A_BUNDLE, "这不是三务同步文件，未导入任何内容。");
        }
        if (bytes.length < PREFIX) {
            throw truncated();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).position(MAGIC.length);
        int format = in.get() & 0xff;
        if (format != FORMAT) {
            throw new BundleException(Reason.FORMAT_UNSUPPORTED, "同步文件的格式版本（" + format + "）本程序不认识（支持 "
                    + FORMAT + "）。请升级三务后再导入。未导入任何内容。");
        }
        int kindCode = in.get() & 0xff;
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.code == kindCode).findFirst()
                .orElseThrow(() -> corrupt("文件类型 " + kindCode + " 未知"));
        int headerLength = in.getInt();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw headerLength < 0 || headerLength > MAX_HEADER_BYTES ? corrupt("文件头长度不对") : corrupt("文件头为空");
        }
        if (in.remaining() < (long) headerLength + 4 + BundleKeys.SIGNATURE_BYTES) {
            throw truncated();
        }
        int headerOffset = in.position();
        in.position(headerOffset + headerLength);
        int bodyLength = in.getInt();
        if (bodyLength < 0) {
            throw corrupt("内容长度不对");
        }
        long expected = (long) in.position() + bodyLength + BundleKeys.SIGNATURE_BYTES;
        if (bytes.length < expected) {
            throw truncated();
        }
        if (bytes.length > expected) {
            throw corrupt("文件末尾有多余的数据");
        }
        BundleHeader header;
        try {
            header = ModelJson.mapper().readValue(bytes, headerOffset, headerLength, BundleHeader.class);
        } catch (IOException e) {
            throw corrupt("文件头无法读取");
        }
        if (header == null || header.bundleId() == null || header.deviceId() == null || header.signerKeyId() == null) {
            throw corrupt("文件头缺少必填项");
        }
        return new Parsed(kind, header, bytes, in.position() + bodyLength, in.position(), bodyLength);
    }

    /**
     * Writes {@code bytes} to {@code target} so that a reader never sees half a file: a temporary
     * file beside it, forced to the device (a USB stick may be pulled right after), then renamed.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static BundleException truncated() {
        return new BundleException(Reason.TRUNCATED, "同步文件不完整（可能拷贝时中断或U盘被提前拔出），未导入任何内容。请重新拷贝或重新导出。");
    }

    static BundleException corrupt(String what) {
        return new BundleException(Reason.CORRUPT, "同步文件已损坏（" + what + "），未导入任何内容。请重新导出该文件。");
    }

    static BundleException tooLarge(long maxBytes) {
        return new BundleException(Reason.TOO_LARGE, "同步文件太大（上限 " + maxBytes / (1024 * 1024) + " MB），未导入任何内容。");
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("bundle body over the limit", null);
        }
    }

    /** Fails as soon as more than {@code limit} bytes have been read (a gzip bomb stops there). */
    private static final class Capped extends FilterInputStream {
        private final long limit;
        private long count;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > limit) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
