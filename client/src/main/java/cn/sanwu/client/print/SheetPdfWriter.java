package cn.sanwu.client.print;

import cn.sanwu.model.qr.QrImage;
import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.util.Matrix;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Writes sheets as a PDF whose text stays text (searchable and extractable), with the bundled
 * CJK font embedded as a subset, a vector QR code, the footer on every page and, for content not
 * yet approved, a diagonal 草稿·未审核 watermark. Several sheets make one document for "update
 * the whole board"; each sheet numbers its own pages.
 */
public final class SheetPdfWriter {

    public static final String DRAFT_WATERMARK = "草稿·未审核";
    /** Across a withdrawn notice's pages: what was posted has been taken down (ADR 0024). */
    public static final String WITHDRAWN_MARK = "已撤回";
    static final String CREATOR = "Sanwu 三务公开";
    /** Java's built-in sRGB profile, read once (getData() copies and re-serialises it each call). */
    private static final byte[] SRGB_PROFILE =
            java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
    static final String PRODUCER = "Sanwu 三务公开 / Apache PDFBox";
    static final String QR_CAPTION = "扫码核验·提问";

    /**
     * @param pdf               the document
     * @param pages             number of pages
     * @param pagesPerSheet     pages of each sheet, in order
     * @param missingCharacters characters the font has no glyph for (printed as □)
     */
    public record Result(byte[] pdf, int pages, List<Integer> pagesPerSheet, List<String> missingCharacters) {
    }

    private SheetPdfWriter() {
    }

    public static Result write(Sheet sheet, SheetOptions options) {
        return write(List.of(sheet), options);
    }

    public static Result write(List<Sheet> sheets, SheetOptions options) {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("没有可打印的公告");
        }
        for (Sheet sheet : sheets) {
            SheetPrivacyCheck.requireClean(sheet);
        }
        synchronized (SheetFonts.LOCK) {
            try (PDDocument doc = new PDDocument()) {
                SheetFonts.DocumentFonts fonts = SheetFonts.DocumentFonts.load(doc);
                List<Integer> perSheet = new ArrayList<>();
                for (Sheet sheet : sheets) {
                    SheetLayout layout = new SheetLayout(sheet, options.paper(), options.largePrint(), fonts);
                    List<PageOps> pages = layout.layout();
                    perSheet.add(pages.size());
                    for (int i = 0; i < pages.size(); i++) {
                        render(doc, fonts, sheet, options, layout, pages.get(i), i + 1, pages.size());
                    }
                }
                describe(doc, sheets, options);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                return new Result(out.toByteArray(), doc.getNumberOfPages(), List.copyOf(perSheet),
                        List.copyOf(fonts.missing));
            } catch (IOException e) {
                throw new UncheckedIOException("生成PDF失败：" + e.getMessage(), e);
            }
        }
    }

    /**
     * Document information, XMP metadata and an sRGB output intent: what PDF/A-2b asks for beyond
     * embedded fonts (SheetPdfA2bTest validates the result with veraPDF). The dates are the print
     * date, so the same sheet printed the same day gives the same metadata.
     */
    private static void describe(PDDocument doc, List<Sheet> sheets, SheetOptions options) throws IOException {
        String title = sheets.size() == 1 ? sheets.getFirst().heading()
                : sheets.getFirst().heading() + " 等 " + sheets.size() + " 份";
        Calendar created = Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
        created.clear();
        created.set(options.printDate().getYear(), options.printDate().getMonthValue() - 1, options.printDate().getDayOfMonth());
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(CREATOR);
        info.setProducer(PRODUCER);
        info.setCreationDate(created);
        info.setModificationDate(created);
        doc.getDocumentCatalog().setLanguage("zh-CN");

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        try {
            PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
            pdfa.setPart(2);
            pdfa.setConformance("B");
            DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
            dc.setTitle(title);
            dc.addCreator(CREATOR);
            AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
            pdf.setProducer(PRODUCER);
            XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
            basic.setCreatorTool(CREATOR);
            basic.setCreateDate(created);
            basic.setModifyDate(created);
        } catch (org.apache.xmpbox.type.BadFieldValueException e) {
            throw new IOException(e);
        }
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xml, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("XMP metadata: " + e.getMessage(), e);
        }
        PDMetadata metadata = new PDMetadata(doc);
        metadata.importXMPMetadata(xml.toByteArray());
        doc.getDocumentCatalog().setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(doc, new java.io.ByteArrayInputStream(SRGB_PROFILE));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);
    }

    private static void render(PDDocument doc, SheetFonts.DocumentFonts fonts, Sheet sheet, SheetOptions options,
            SheetLayout layout, PageOps ops, int pageNo, int pageCount) throws IOException {
        Paper paper = options.paper();
        PDPage page = new PDPage(new PDRectangle(paper.widthPt(), paper.heightPt()));
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            if (sheet.withdrawn()) {
                watermark(cs, fonts, paper, WITHDRAWN_MARK, 0.3f);
            } else if (sheet.draft()) {
                watermark(cs, fonts, paper, DRAFT_WATERMARK, 0.16f);
            }
            for (PageOps.Op op : ops.ops) {
                op.draw(cs, fonts);
            }
            footer(cs, fonts, sheet, paper, layout, pageNo, pageCount);
        }
    }

    private static void watermark(PDPageContentStream cs, SheetFonts.DocumentFonts fonts, Paper paper, String text, float alpha)
            throws IOException {
        PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
        faint.setNonStrokingAlphaConstant(alpha);
        cs.saveGraphicsState();
        cs.setGraphicsStateParameters(faint);
        cs.setNonStrokingColor(new Color(200, 0, 0));
        float size = Math.min(paper.widthPt(), paper.heightPt()) / 6.5f;
        float width = fonts.width(text, true, size);
        double angle = Math.atan2(paper.heightPt(), paper.widthPt());
        float cx = paper.widthPt() / 2;
        float cy = paper.heightPt() / 2;
        Matrix at = Matrix.getRotateInstance(angle, cx, cy);
        at.concatenate(Matrix.getTranslateInstance(-width / 2, -size / 3));
        cs.beginText();
        cs.setFont(fonts.bold, size);
        cs.setTextMatrix(at);
        cs.showText(text);
        cs.endText();
        cs.restoreGraphicsState();
    }

    private static void footer(PDPageContentStream cs, SheetFonts.DocumentFonts fonts, Sheet sheet, Paper paper,
            SheetLayout layout, int pageNo, int pageCount) throws IOException {
        SheetLayout.Metrics m = layout.metrics();
        float left = m.margin();
        float right = paper.widthPt() - m.margin();
        float top = layout.footerTop();
        cs.setLineWidth(0.6f);
        cs.moveTo(left, top);
        cs.lineTo(right, top);
        cs.stroke();
        float qrX = right - m.qr();
        float qrY = top - 3 - m.qr();
        qr(cs, sheet.qrUrl(), qrX, qrY, m.qr());
        float captionWidth = fonts.width(QR_CAPTION, false, m.footer());
        text(cs, fonts.regular, m.footer(), qrX + (m.qr() - captionWidth) / 2, qrY - m.lead(m.footer()) + 2, QR_CAPTION);
        float lead = m.footerLead();
        float y = top - lead;
        for (String line : layout.footerLines()) {
            text(cs, fonts.regular, m.footer(), left, y, line);
            y -= lead;
        }
        String pageText = "第 " + pageNo + " 页 / 共 " + pageCount + " 页";
        float w = fonts.width(pageText, false, m.footer() * 1.2f);
        text(cs, fonts.regular, m.footer() * 1.2f, (left + qrX - w) / 2, m.margin(), pageText);
    }

    private static void text(PDPageContentStream cs, org.apache.pdfbox.pdmodel.font.PDFont font, float size, float x,
            float y, String text) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    /** The QR code as vector squares: sharp at any print resolution and only a few hundred bytes. */
    private static void qr(PDPageContentStream cs, String url, float x, float y, float size) throws IOException {
        BitMatrix matrix;
        try {
            matrix = QrImage.modules(url);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        float module = size / matrix.getWidth();
        cs.setNonStrokingColor(Color.BLACK);
        for (int r = 0; r < matrix.getHeight(); r++) {
            for (int c = 0; c < matrix.getWidth(); c++) {
                if (matrix.get(c, r)) {
                    cs.addRect(x + c * module, y + size - (r + 1) * module, module, module);
                }
            }
        }
        cs.fill();
    }
}
