package cn.sanwu.client.print;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** The paper sizes village boards use (DOMAIN.md: not standardised, so all three are offered). */
public enum Paper {
    A4_PORTRAIT("A4 纵向", PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight()),
    A4_LANDSCAPE("A4 横向", PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()),
    A3_LANDSCAPE("A3 横向", PDRectangle.A3.getHeight(), PDRectangle.A3.getWidth());

    private final String nameZh;
    private final float widthPt;
    private final float heightPt;

    Paper(String nameZh, float widthPt, float heightPt) {
        this.nameZh = nameZh;
        this.widthPt = widthPt;
        this.heightPt = heightPt;
    }

    public String nameZh() {
        return nameZh;
    }

    public float widthPt() {
        return widthPt;
    }

    public float heightPt() {
        return heightPt;
    }

    /** Accepts the enum name or a short form such as {@code a4}, {@code a4-landscape}, {@code a3}. */
    public static Paper parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "A4", "A4_PORTRAIT" -> A4_PORTRAIT;
            case "A4_LANDSCAPE", "A4L" -> A4_LANDSCAPE;
            case "A3", "A3_LANDSCAPE", "A3L" -> A3_LANDSCAPE;
            default -> throw new IllegalArgumentException("不认识的纸张“" + text + "”，可用：a4、a4-landscape、a3");
        };
    }
}
