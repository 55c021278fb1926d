package cn.sanwu.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxToolkit;

/**
 * The bundled font is really on the class path, is TrueType with glyf outlines (what PDFBox 3 can
 * embed as a subset; CFF-outline OTFs fail there), covers the text Sanwu prints, ships its licence,
 * and is what the stylesheet puts on screen.
 */
class AppFontsTest {

    /** Programme and category words, financial capital numerals (大写), and common notice text. */
    private static final String CHINESE = "阳光三务党务村务财务公开壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"
            + "红旗村收入支出余额凭证号摘要日期年月日低保惠农补贴，。、；：（）“”《》￥";
    private static final String LATIN = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;-+/()%";

    @ParameterizedTest
    @EnumSource(AppFonts.Weight.class)
    void bundledTtfIsGlyfTrueTypeCoveringChineseDigitsAndLatin(AppFonts.Weight weight) throws IOException {
        try (TrueTypeFont ttf = parse(weight)) {
            assertThat(ttf.getNaming().getFontFamily()).isEqualTo(AppFonts.FAMILY);
            assertThat(ttf.getNaming().getFontSubFamily()).isEqualTo(weight == AppFonts.Weight.BOLD ? "Bold" : "Regular");
            assertThat(ttf.getTableMap()).containsKeys("glyf", "loca").doesNotContainKeys("CFF ", "CFF2");
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            (CHINESE + LATIN).codePoints().forEach(cp -> {
                int gid = cmap.getGlyphId(cp);
                assertThat(gid).as("glyph for %s (U+%04X)", Character.toString(cp), cp).isPositive();
                assertThat(outlineContours(ttf, gid)).as("outline of %s", Character.toString(cp)).isPositive();
            });
            // Reported only (the brief asks): rare characters of names. Not a requirement.
            System.out.printf("AppFontsTest %s: U+4DAE 䶮 gid=%d, U+20000 𠀀 gid=%d, glyphs=%d%n", weight,
                    cmap.getGlyphId(0x4DAE), cmap.getGlyphId(0x20000), ttf.getNumberOfGlyphs());
        }
    }

    @Test
    void licenceShipsBesideTheFont() throws IOException {
        try (InputStream in = AppFontsTest.class.getResourceAsStream(AppFonts.LICENSE_RESOURCE)) {
            assertThat(in).as(AppFonts.LICENSE_RESOURCE).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("SIL Open Font License").contains("Copyright");
        }
    }

    @Test
    void stylesheetRendersTheBundledFamilyInBothWeights() throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Font> plain = new AtomicReference<>();
        AtomicReference<Font> bold = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            AppFonts.loadForScreen();
            AppFonts.loadForScreen(); // idempotent
            Label text = new Label("阳光三务");
            Label header = new Label("本期公开清单");
            header.getStyleClass().add("header");
            Scene scene = new Scene(new VBox(text, header));
            scene.getStylesheets().add(AppFonts.class.getResource("/cn/sanwu/client/app/sanwu.css").toExternalForm());
            scene.getRoot().applyCss();
            plain.set(text.getFont());
            bold.set(header.getFont());
        });
        assertThat(AppFonts.isLoaded()).isTrue();
        assertThat(Font.getFamilies()).contains(AppFonts.FAMILY);
        assertThat(plain.get().getFamily()).isEqualTo(AppFonts.FAMILY);
        assertThat(plain.get().getName()).isEqualTo(AppFonts.FAMILY + " Regular");
        assertThat(bold.get().getName()).isEqualTo(AppFonts.FAMILY + " Bold");
    }

    private static TrueTypeFont parse(AppFonts.Weight weight) throws IOException {
        try (InputStream in = AppFonts.open(weight)) {
            return new TTFParser().parse(new RandomAccessReadBuffer(in));
        }
    }

    private static int outlineContours(TrueTypeFont ttf, int gid) {
        try {
            GlyphData glyph = ttf.getGlyph().getGlyph(gid);
            return glyph == null ? 0 : glyph.getDescription().getContourCount();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
