package cn.sanwu.client.print;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Pictures of a sheet PDF's pages, made one at a time on request: a 10,000-line ledger has some
 * 350 pages, and holding them all as bitmaps would take gigabytes. The preview asks for the page
 * on screen, printing and PNG export for one page after another.
 *
 * <p>Rendering reads the PDF's own embedded font subsets, not the shared parsed fonts of
 * {@link SheetFonts}, so it does not take {@link SheetFonts#LOCK}: a long print job must not block
 * the preview or an export. One instance is used by one thread at a time.
 */
public final class SheetPageImages implements AutoCloseable {

    private final PDDocument doc;
    private final PDFRenderer renderer;

    private SheetPageImages(PDDocument doc) {
        this.doc = doc;
        this.renderer = new PDFRenderer(doc);
    }

    public static SheetPageImages open(byte[] pdf) {
        try {
            return new SheetPageImages(Loader.loadPDF(pdf));
        } catch (IOException e) {
            throw new UncheckedIOException("PDF读取失败：" + e.getMessage(), e);
        }
    }

    public int pageCount() {
        return doc.getNumberOfPages();
    }

    /** Page {@code index} (from 0) at {@code scale} pixels per PDF point. */
    public BufferedImage render(int index, float scale) {
        try {
            return renderer.renderImage(index, scale, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException("PDF渲染失败：" + e.getMessage(), e);
        }
    }

    /** Page {@code index} at the phone scale (A4 portrait = {@link SheetExports#PHONE_WIDTH_PX} wide). */
    public BufferedImage renderForPhone(int index) {
        return render(index, SheetExports.PHONE_WIDTH_PX / Paper.A4_PORTRAIT.widthPt());
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of an in-memory document loses nothing.
        }
    }
}
