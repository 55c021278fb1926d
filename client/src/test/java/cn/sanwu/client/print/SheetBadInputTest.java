package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QUALITY: bad input gives a clear result, never a crash or a silently cut page. */
class SheetBadInputTest {

    private final SheetOptions options = SheetOptions.defaults(PRINT_DATE);

    private static String strip(String s) {
        return s.replaceAll("\\s", "");
    }

    @Test
    void tenThousandLineLedgerPrintsEveryLine() {
        Notice n = SheetFixtures.notice("F02", Q3, "收支明细", "", SheetFixtures.journal(10_000, 5), null, NoticeStatus.DRAFT);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        List<String> pages = SheetFixtures.pageTexts(r.pdf());
        assertThat(r.pages()).isGreaterThan(300);
        String all = String.join("\n", pages);
        assertThat(all).contains("记-10000").contains("期末余额");
        assertThat(pages.getLast()).contains("第 " + r.pages() + " 页 / 共 " + r.pages() + " 页");
    }

    @Test
    void twoThousandCharacterTitleWrapsAndIsPrintedWhole() {
        StringBuilder title = new StringBuilder();
        while (title.length() < 2000) {
            title.append("关于红旗村二〇二六年度村集体经济项目资金使用情况的说明");
        }
        String t = title.substring(0, 2000);
        Notice n = SheetFixtures.notice("V13", Q3, t, "正文", null, null, NoticeStatus.DRAFT);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        List<String> pages = SheetFixtures.pageTexts(r.pdf());
        String all = strip(String.join("", pages));
        // Page furniture (footer, 续 lines) interleaves with the title across page breaks, so count:
        // every 说明 of the title is printed, and the start and the end are there.
        assertThat(all.split("说明", -1).length - 1).isEqualTo(t.split("说明", -1).length - 1);
        assertThat(all).contains(strip(t.substring(0, 200))).contains(strip(t.substring(1900)));
    }

    @Test
    void aVeryLongCellContinuesOnTheNextPageInsteadOfBeingCut() {
        String summary = "支付".repeat(4000);
        var journal = new cn.sanwu.model.finance.CashJournal(cn.sanwu.model.finance.AccountingEntity.VILLAGE_COMMITTEE, 0,
                List.of(new cn.sanwu.model.finance.LedgerEntry(java.time.LocalDate.of(2026, 7, 1), "记-001", summary, 0, 100)));
        Notice n = SheetFixtures.notice("F02", Q3, "收支明细", "", journal, null, NoticeStatus.DRAFT);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        assertThat(r.pages()).isGreaterThan(1);
        String all = strip(String.join("", SheetFixtures.pageTexts(r.pdf())));
        assertThat(all.split("支付", -1).length - 1).as("every character of the cell printed").isGreaterThanOrEqualTo(4000);
    }

    @Test
    void rareCharactersOutsideTheFontAreReportedAndPrintedAsABox() {
        Notice n = SheetFixtures.notice("V13", Q3, "村民刘䶮与𠀀某的宅基地审批", "申请人：刘䶮、𠀀某。", null, null, NoticeStatus.DRAFT);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        String all = String.join("", SheetFixtures.pageTexts(r.pdf()));
        for (String ch : List.of("䶮", "𠀀")) {
            // Either the font has the glyph and it prints, or it is reported and printed as □ — never dropped.
            if (r.missingCharacters().contains(ch)) {
                assertThat(all).doesNotContain(ch).contains(SheetFonts.MISSING_GLYPH);
            } else {
                assertThat(all).contains(ch);
            }
        }
        assertThat(all).contains("宅基地审批");
        System.out.println("characters without a glyph in the bundled font: " + r.missingCharacters());
    }

    @Test
    void badOptionsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Paper.parse("B5")).hasMessageContaining("不认识的纸张");
        assertThatThrownBy(() -> new SheetOptions(Paper.A4_PORTRAIT, false, "ftp://x", PRINT_DATE, null, null, ""))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new SheetOptions(Paper.A4_PORTRAIT, false, null, PRINT_DATE, PRINT_DATE,
                PRINT_DATE.minusDays(1), "")).hasMessageContaining("结束日期早于开始日期");
        assertThatThrownBy(() -> SheetPdfWriter.write(List.of(), options)).hasMessageContaining("没有可打印");
    }
}
