package cn.sanwu.client.print;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The bundled CJK TrueType font (docs/decisions/0007) for sheets. Parsing the 10 MB font costs
 * ~0.6 s, so it is parsed once per process and only the subset a document uses is embedded.
 * Characters the font lacks (rare 生僻字 outside it) print as □ and are reported, never dropped
 * silently and never a crash.
 */
public final class SheetFonts {

    // The same files the screen uses (AppFonts): screen, print and PDF look alike. The constants are
    // inlined at compile time, so headless exports do not load AppFonts' JavaFX code.
    public static final String REGULAR_RESOURCE = cn.sanwu.client.ui.AppFonts.REGULAR_RESOURCE;
    public static final String BOLD_RESOURCE = cn.sanwu.client.ui.AppFonts.BOLD_RESOURCE;
    static final String MISSING_GLYPH = "□";

    /**
     * FontBox warns about the font's format-14 cmap (variation selectors, unused here) on every
     * parse; kept strongly referenced because java.util.logging holds loggers weakly.
     */
    private static final java.util.logging.Logger FONTBOX_LOG = quietFontBox();

    private static java.util.logging.Logger quietFontBox() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.apache.fontbox.ttf");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private static TrueTypeFont regularTtf;
    private static TrueTypeFont boldTtf;

    /** All sheet rendering holds this lock: the parsed fonts are shared and not thread-safe. */
    static final Object LOCK = new Object();

    private SheetFonts() {
    }

    private static TrueTypeFont parse(String resource) throws IOException {
        try (InputStream in = SheetFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("缺少内置字体 " + resource + "（安装包不完整，请重新安装）");
            }
            return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        }
    }

    /**
     * Parses the fonts now (~0.6 s), so the clerk's first print preview does not wait for it. The
     * app calls this in the background after start-up.
     */
    public static void warmUp() {
        synchronized (LOCK) {
            try (PDDocument doc = new PDDocument()) {
                DocumentFonts.load(doc);
            } catch (IOException e) {
                // Reported again, clearly, when the clerk actually prints.
            }
        }
    }

    /** The fonts of one document, with per-character widths cached. Use under {@link #LOCK}. */
    static final class DocumentFonts {
        final PDType0Font regular;
        final PDType0Font bold;
        private final CmapLookup cmap;
        private final Map<Integer, Float> regularWidths = new HashMap<>();
        private final Map<Integer, Float> boldWidths = new HashMap<>();
        /** Characters that had to print as □, in order of first appearance. */
        final Set<String> missing = new LinkedHashSet<>();

        private DocumentFonts(PDDocument doc) throws IOException {
            if (regularTtf == null) {
                regularTtf = parse(REGULAR_RESOURCE);
                boldTtf = parse(BOLD_RESOURCE);
            }
            regular = PDType0Font.load(doc, regularTtf, true);
            bold = PDType0Font.load(doc, boldTtf, true);
            cmap = regularTtf.getUnicodeCmapLookup();
        }

        static DocumentFonts load(PDDocument doc) throws IOException {
            return new DocumentFonts(doc);
        }

        /** The text as it can be printed: controls become spaces, characters without a glyph become □. */
        String printable(String text) {
            if (text == null || text.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                    b.append(' ');
                } else if (cmap.getGlyphId(cp) == 0) {
                    missing.add(new String(Character.toChars(cp)));
                    b.append(MISSING_GLYPH);
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.toString();
        }

        /** Width in points of already {@link #printable} text. */
        float width(String printable, boolean useBold, float size) {
            Map<Integer, Float> cache = useBold ? boldWidths : regularWidths;
            PDType0Font font = useBold ? bold : regular;
            float units = 0;
            for (int i = 0; i < printable.length(); ) {
                int cp = printable.codePointAt(i);
                i += Character.charCount(cp);
                Float w = cache.get(cp);
                if (w == null) {
                    try {
                        w = font.getStringWidth(new String(Character.toChars(cp)));
                    } catch (IOException | IllegalArgumentException e) {
                        w = 1000f;
                    }
                    cache.put(cp, w);
                }
                units += w;
            }
            return units / 1000f * size;
        }
    }
}
