package cn.sanwu.model.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;

/**
 * The QR code of a sheet as modules ({@link #modules}) for vector drawing, or as an image
 * ({@link #render}) for PNG output and tests; and decoding a photo or scan back ({@link #decode}).
 * Error correction M (15 % of the code may be lost), as the printed sheets use. Stateless.
 */
public final class QrImage {

    public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;
    /** The quiet zone scanners need around the code, in modules. */
    public static final int QUIET_ZONE = 4;

    private QrImage() {
    }

    /** The code's modules, without quiet zone: {@code get(x, y)} is true for a dark module. */
    public static BitMatrix modules(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION, EncodeHintType.MARGIN, 0,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("二维码生成失败：" + e.getMessage(), e);
        }
    }

    /** A black-on-white image, {@code modulePixels} pixels a module, with the quiet zone. */
    public static BufferedImage render(String text, int modulePixels) {
        if (modulePixels < 1) {
            throw new IllegalArgumentException("modulePixels must be at least 1");
        }
        BitMatrix m = modules(text);
        int size = (m.getWidth() + 2 * QUIET_ZONE) * modulePixels;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x / modulePixels - QUIET_ZONE;
                int my = y / modulePixels - QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    /**
     * The text of the QR code in {@code image}, or empty when none can be read. Like a phone that
     * keeps trying frames held any way up, it tries the image in all four orientations, then
     * smoothed (3×3 mean, as camera pipelines denoise) in all four. ZXing's detector misreads
     * about 2 % of clean synthetic codes in one orientation, and about 1 in 2,500 slightly damaged
     * codes in both the upright and the quarter-turned one; turned half-way, every one of 23 such
     * codes out of 40,000 read (measured on random sheet URLs, the damage of QrRoundTripTest).
     */
    public static Optional<String> decode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        for (int pass = 0; pass < 2; pass++) {
            int[] p = pass == 0 ? pixels : smoothed(w, h, pixels);
            int width = w;
            int height = h;
            for (int quarter = 0; quarter < 4; quarter++) {
                Optional<String> text = decode(width, height, p);
                if (text.isPresent()) {
                    return text;
                }
                p = quarterTurn(width, height, p);
                int turnedWidth = height;
                height = width;
                width = turnedWidth;
            }
        }
        return Optional.empty();
    }

    /** The pixels turned 90° clockwise: the result is {@code h} wide and {@code w} high. */
    private static int[] quarterTurn(int w, int h, int[] rgb) {
        int[] out = new int[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x * h + (h - 1 - y)] = rgb[y * w + x];
            }
        }
        return out;
    }

    private static int[] smoothed(int w, int h, int[] rgb) {
        int[] out = new int[rgb.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int p = rgb[yy * w + xx];
                        sum += (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF)) / 3;
                        n++;
                    }
                }
                int g = sum / n;
                out[y * w + x] = (g << 16) | (g << 8) | g;
            }
        }
        return out;
    }

    private static Optional<String> decode(int w, int h, int[] pixels) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.CHARACTER_SET, "UTF-8")).getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException e) {
            return Optional.empty(); // checksum or format errors: too damaged to read
        }
    }
}
