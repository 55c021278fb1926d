package cn.sanwu.client.ui;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import javafx.scene.text.Font;

/**
 * The CJK font bundled with the client: Noto Sans SC (TrueType outlines, SIL Open Font License
 * 1.1), Regular and Bold. An old office PC may have no Chinese font at all, and JavaFX then draws
 * every character as a box; the PDF bulletin sheets need a TrueType-outline font to embed as a
 * subset. Both use these files, so screen and paper look the same.
 *
 * <p>The TTFs are not in git: the build downloads them once and puts them on the class path
 * (client/pom.xml, docs/decisions/0007-bundled-cjk-font.md).
 */
public final class AppFonts {

    /** The family name both TTFs report; {@code sanwu.css} sets it on {@code .root}. */
    public static final String FAMILY = "Noto Sans SC";
    public static final String REGULAR_RESOURCE = "/cn/sanwu/client/fonts/NotoSansSC-Regular.ttf";
    public static final String BOLD_RESOURCE = "/cn/sanwu/client/fonts/NotoSansSC-Bold.ttf";
    /** The OFL text with the font's copyright line; it must ship with every copy of the font. */
    public static final String LICENSE_RESOURCE = "/cn/sanwu/client/fonts/OFL.txt";

    /** The size passed to {@link Font#loadFont}; it only sets the returned instance's size. */
    private static final double LOAD_SIZE = 13;

    private static final System.Logger LOG = System.getLogger(AppFonts.class.getName());
    private static boolean attempted;
    private static volatile boolean loaded;

    /** The bundled weights; CSS {@code -fx-font-weight: bold} picks the Bold file. */
    public enum Weight {
        REGULAR(REGULAR_RESOURCE), BOLD(BOLD_RESOURCE);

        private final String resource;

        Weight(String resource) {
            this.resource = resource;
        }

        public String resource() {
            return resource;
        }
    }

    private AppFonts() {
    }

    /**
     * Registers both weights with JavaFX so that CSS can name {@link #FAMILY}. Call once the
     * JavaFX toolkit runs and before the first scene is shown. Runs only once per JVM and never
     * throws: without the font the app still works with the OS fonts (the CSS lists fallbacks),
     * so a missing or unreadable file is logged, not fatal.
     */
    public static synchronized void loadForScreen() {
        if (attempted) {
            return;
        }
        attempted = true;
        boolean all = true;
        for (Weight weight : Weight.values()) {
            all &= loadOne(weight);
        }
        loaded = all;
    }

    /** True when both weights were registered by {@link #loadForScreen()}. */
    public static boolean isLoaded() {
        return loaded;
    }

    /**
     * A fresh stream of one weight's TTF from the class path, for PDF output (e.g. PDFBox
     * {@code PDType0Font.load}). The caller closes it.
     *
     * @throws FileNotFoundException when the build did not bundle the font
     */
    public static InputStream open(Weight weight) throws IOException {
        InputStream in = AppFonts.class.getResourceAsStream(weight.resource());
        if (in == null) {
            throw new FileNotFoundException("bundled font missing from the class path: " + weight.resource());
        }
        return in;
    }

    private static boolean loadOne(Weight weight) {
        try (InputStream in = open(weight)) {
            // Font.loadFont returns null (rather than throwing) when the data is not a usable font.
            Font font = Font.loadFont(in, LOAD_SIZE);
            if (font == null) {
                LOG.log(Level.WARNING, "JavaFX could not load the bundled font {0}; using system fonts", weight.resource());
                return false;
            }
            if (!FAMILY.equals(font.getFamily())) {
                // The CSS names FAMILY: a different name would silently fall back to system fonts.
                LOG.log(Level.WARNING, "bundled font {0} reports family \"{1}\", expected \"{2}\"",
                        weight.resource(), font.getFamily(), FAMILY);
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not load the bundled font " + weight.resource() + "; using system fonts", e);
            return false;
        }
    }
}
