package cn.sanwu.client.print;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * What one page draws, recorded by {@link SheetLayout} and replayed by {@link SheetPdfWriter}.
 * Laying out first and drawing afterwards is what lets every page say 第 x 页 / 共 y 页.
 */
final class PageOps {

    /** A drawing step on a content stream. */
    @FunctionalInterface
    interface Op {
        void draw(PDPageContentStream cs, SheetFonts.DocumentFonts fonts) throws IOException;
    }

    final List<Op> ops = new ArrayList<>();
    /** Plain text placed on this page, in order: lets tests and the preview reason about pages. */
    final List<String> texts = new ArrayList<>();

    void text(float x, float y, String printable, boolean bold, float size) {
        texts.add(printable);
        ops.add((cs, f) -> {
            cs.beginText();
            cs.setFont(bold ? f.bold : f.regular, size);
            cs.newLineAtOffset(x, y);
            cs.showText(printable);
            cs.endText();
        });
    }

    void line(float x1, float y1, float x2, float y2, float width) {
        ops.add((cs, f) -> {
            cs.setLineWidth(width);
            cs.setStrokingColor(Color.BLACK);
            cs.moveTo(x1, y1);
            cs.lineTo(x2, y2);
            cs.stroke();
        });
    }

    void fill(float x, float y, float w, float h, Color color) {
        ops.add((cs, f) -> {
            cs.setNonStrokingColor(color);
            cs.addRect(x, y, w, h);
            cs.fill();
            cs.setNonStrokingColor(Color.BLACK);
        });
    }

    void rect(float x, float y, float w, float h, float width) {
        ops.add((cs, f) -> {
            cs.setLineWidth(width);
            cs.addRect(x, y, w, h);
            cs.stroke();
        });
    }
}
