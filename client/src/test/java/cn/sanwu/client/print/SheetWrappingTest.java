package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** Line breaking: every line fits its width, closing punctuation rarely starts a line, footers wrap. */
class SheetWrappingTest {

    private final SheetOptions options = SheetOptions.defaults(PRINT_DATE);

    private static void withLayout(Sheet sheet, SheetOptions o, java.util.function.BiConsumer<SheetLayout, SheetFonts.DocumentFonts> check)
            throws IOException {
        synchronized (SheetFonts.LOCK) {
            try (PDDocument doc = new PDDocument()) {
                SheetFonts.DocumentFonts fonts = SheetFonts.DocumentFonts.load(doc);
                check.accept(new SheetLayout(sheet, o.paper(), o.largePrint(), fonts), fonts);
            }
        }
    }

    private Sheet sheet(String body) {
        return SheetFixtures.sheet(SheetFixtures.notice("V13", Q3, "说明", body, null, null, NoticeStatus.DRAFT), options);
    }

    @Test
    void longRunsOfClosingPunctuationWrapAndEveryLineFits() throws IOException {
        withLayout(sheet("正文"), options, (layout, fonts) -> {
            for (String text : List.of("。".repeat(200), "）".repeat(200), "好" + "，".repeat(300) + "好", "字。".repeat(150),
                    "”" + "字".repeat(100))) {
                float width = 120;
                List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(5),
                        () -> layout.wrap(text, width, false, 10, 0));
                assertThat(String.join("", lines)).as("nothing lost or added").isEqualTo(text);
                assertThat(lines).hasSizeGreaterThan(1);
                for (String line : lines) {
                    assertThat(fonts.width(line, false, 10)).as(line).isLessThanOrEqualTo(width);
                }
            }
            // Ordinary text: a full stop does not start a line; the character before it moves down with it.
            List<String> lines = layout.wrap("这是一段用来检查标点不会出现在行首的文字。".repeat(10), 101, false, 10, 0);
            for (String line : lines) {
                assertThat(line).doesNotStartWith("。");
            }
        });
    }

    @Test
    void aBodyOfPunctuationPrintsWhole() {
        Notice n = SheetFixtures.notice("V13", Q3, "说明", "。".repeat(200) + "\n" + "）".repeat(200), null, null, NoticeStatus.DRAFT);
        String text = String.join("", SheetFixtures.pages(n, options));
        // The page furniture has a few of its own; count them on a sheet with an empty body.
        String furniture = String.join("", SheetFixtures.pages(SheetFixtures.notice("V13", Q3, "说明", "", null, null,
                NoticeStatus.DRAFT), options));
        for (char c : new char[] {'。', '）'}) {
            assertThat(text.chars().filter(x -> x == c).count() - furniture.chars().filter(x -> x == c).count())
                    .as(String.valueOf(c)).isEqualTo(200);
        }
    }

    @Test
    void aLongPreparedByNameWrapsInTheFooterAndIsClippedBeyondEightLines() throws IOException {
        for (int repeat : new int[] {12, 400}) {
            SheetOptions o = new SheetOptions(Paper.A4_PORTRAIT, false, null, PRINT_DATE, null, null, "张会计".repeat(repeat));
            Notice n = SheetFixtures.notice("V13", Q3, "说明", "正文", null, null, NoticeStatus.DRAFT);
            Sheet sheet = SheetFixtures.sheet(n, o);
            withLayout(sheet, o, (layout, fonts) -> {
                float width = Paper.A4_PORTRAIT.widthPt() - 2 * layout.metrics().margin() - layout.metrics().qr() - 8;
                List<String> lines = layout.footerLines();
                assertThat(lines).hasSizeGreaterThan(3).hasSizeLessThanOrEqualTo(SheetLayout.MAX_FOOTER_LINES);
                for (String line : lines) {
                    assertThat(fonts.width(line, false, layout.metrics().footer())).as(line).isLessThanOrEqualTo(width);
                }
                if (repeat == 400) {
                    assertThat(lines.getLast()).endsWith(SheetLayout.CLIPPED);
                }
                float footerTextBottom = layout.footerTop() - lines.size() * layout.metrics().footerLead();
                assertThat(footerTextBottom).as("the page number line stays clear").isGreaterThan(layout.metrics().margin()
                        + layout.metrics().lead(layout.metrics().footer()));
            });
            String text = String.join("", SheetFixtures.pageTexts(SheetPdfWriter.write(sheet, o).pdf()));
            assertThat(text).contains("第 1 页 / 共 1 页").contains("张会计张会计");
        }
    }
}
