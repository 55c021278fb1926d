package cn.sanwu.server.feedback;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded photo into a fresh JPEG made from its pixels only: EXIF (GPS position, camera,
 * time), XMP, comments and any trailing bytes are not carried over because nothing but the
 * decoded pixels is written. Only JPEG and PNG are accepted (by their magic bytes, not the name
 * or the declared type); the pixel count is read from the header and checked <em>before</em>
 * decoding, so a small file that claims 100 000 × 100 000 pixels is refused without allocating.
 * The EXIF orientation is lost with the rest (a phone photo may show turned). Stateless.
 */
public final class PhotoSanitizer {

    /** Upload limit for the photo itself (the whole form may be a little larger). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Decoding limit: 40 megapixels is more than phones take; bigger is refused unread. */
    static final long MAX_PIXELS = 40_000_000L;
    /** The stored copy's longest edge; enough to read a document, small to keep. */
    static final int MAX_EDGE = 1600;

    /** A photo that cannot be used; the message is for the resident (Chinese), the reason picks other languages' text. */
    public static final class BadPhoto extends Exception {
        /** Why, stable: the public pages' bundle has a {@code photo.REASON} text for each. */
        public enum Reason { TOO_BIG, NOT_JPEG_OR_PNG, FAILED, TOO_MANY_PIXELS, UNREADABLE }

        private final Reason reason;

        BadPhoto(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private PhotoSanitizer() {
    }

    /** The re-encoded JPEG, or {@link BadPhoto} with a Chinese message. */
    public static byte[] reencode(byte[] upload) throws BadPhoto {
        if (upload.length > MAX_BYTES) {
            throw new BadPhoto(BadPhoto.Reason.TOO_BIG, "照片太大（上限 5 MB），请换一张或缩小后再传。");
        }
        String format = formatOf(upload);
        if (format == null) {
            throw new BadPhoto(BadPhoto.Reason.NOT_JPEG_OR_PNG, "只能上传 JPEG 或 PNG 格式的照片。");
        }
        BufferedImage decoded = decode(upload, format);
        try {
            return writeJpeg(flattenAndShrink(decoded));
        } catch (IOException e) {
            throw new BadPhoto(BadPhoto.Reason.FAILED, "照片处理失败，请换一张再试。");
        }
    }

    private static String formatOf(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        return null;
    }

    private static BufferedImage decode(byte[] upload, String format) throws BadPhoto {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("every JDK reads " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true); // ignore metadata: it is never read, let alone kept
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS || pixels <= 0) {
                throw new BadPhoto(BadPhoto.Reason.TOO_MANY_PIXELS, "照片像素太多（上限 4000 万像素），请缩小后再传。");
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new BadPhoto(BadPhoto.Reason.UNREADABLE, "无法读取这张照片，请换一张 JPEG 或 PNG 照片。");
        } finally {
            reader.dispose();
        }
    }

    /** RGB on white (PNG transparency, grey, palette), longest edge at most {@link #MAX_EDGE}. */
    private static BufferedImage flattenAndShrink(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) MAX_EDGE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] writeJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param); // no metadata passed on
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
