package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.money.ChineseUppercase;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

class SheetPdfTest {

    private static final Pattern MONEY = Pattern.compile("-?\\d{1,3}(?:,\\d{3})*\\.\\d{2}");
    private final SheetOptions options = SheetOptions.defaults(PRINT_DATE);

    private static List<Long> amountsOnLineWith(String page, String label) {
        for (String line : page.split("\\R")) {
            if (line.contains(label)) {
                List<Long> fen = new ArrayList<>();
                Matcher m = MONEY.matcher(line);
                while (m.find()) {
                    fen.add(MoneyFormat.parseYuan(m.group()));
                }
                return fen;
            }
        }
        return null;
    }

    @Test
    void ledgerOf140LinesRepeatsHeadersAndCarriesTotalsThatAddUp() {
        CashJournal journal = SheetFixtures.journal(140, 7);
        Notice n = SheetFixtures.notice("F02", Q3, "红旗村2026年第三季度财务收支明细", "", journal, null, NoticeStatus.DRAFT);
        SheetPdfWriter.Result result = SheetPdfWriter.write(SheetFixtures.sheet(n, options), options);
        List<String> pages = SheetFixtures.pageTexts(result.pdf());

        assertThat(pages).hasSize(result.pages()).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("第 " + (i + 1) + " 页 / 共 " + pages.size() + " 页");
        }
        // The table runs over the first pages; totals and the signature box may follow on their own page.
        List<String> tablePages = pages.stream().filter(p -> p.contains("凭证号")).toList();
        assertThat(tablePages).hasSizeGreaterThanOrEqualTo(4);
        assertThat(pages.subList(0, tablePages.size())).as("table pages come first, each with the header").isEqualTo(tablePages);
        long pageSubtotalIncome = 0;
        long pageSubtotalExpense = 0;
        for (int i = 0; i < tablePages.size(); i++) {
            String page = tablePages.get(i);
            assertThat(page).as("page %d repeats the header", i + 1).contains("摘要").contains("余额（元）");
            List<Long> subtotal = amountsOnLineWith(page, "本页小计");
            assertThat(subtotal).as("page %d has 本页小计", i + 1).isNotNull().hasSizeGreaterThanOrEqualTo(2);
            pageSubtotalIncome += subtotal.get(0);
            pageSubtotalExpense += subtotal.get(1);
            if (i < tablePages.size() - 1) {
                List<Long> forward = amountsOnLineWith(page, "过次页");
                List<Long> brought = amountsOnLineWith(tablePages.get(i + 1), "承前页");
                assertThat(forward).as("page %d 过次页", i + 1).hasSize(3);
                assertThat(brought).as("page %d 承前页 = previous 过次页", i + 2).isEqualTo(forward);
            } else {
                assertThat(page).as("the last table page carries nothing forward").doesNotContain("过次页");
            }
        }
        assertThat(pageSubtotalIncome).isEqualTo(journal.totalIncomeFen());
        assertThat(pageSubtotalExpense).isEqualTo(journal.totalExpenseFen());
        String last = pages.getLast();
        assertThat(last).contains("本期收入合计：¥" + MoneyFormat.grouped(journal.totalIncomeFen()))
                .contains("期末余额：¥" + MoneyFormat.grouped(journal.closingBalanceFen()))
                .contains(ChineseUppercase.of(journal.closingBalanceFen()));
        String all = String.join("\n", pages);
        for (int v = 1; v <= 140; v++) {
            assertThat(all).as("voucher %d printed", v).contains("记-" + String.format("%03d", v));
        }
    }

    @Test
    void everyFieldOfTheSheetIsTextInThePdf() {
        Notice n = SheetFixtures.notice("F02", Q3, "红旗村2026年第三季度财务收支明细", "本季度收支情况如下，请村民监督。",
                SheetFixtures.journal(5, 1), null, NoticeStatus.DRAFT);
        SheetOptions o = new SheetOptions(Paper.A4_PORTRAIT, false, "https://gk.example.gov.cn/", PRINT_DATE, null, null, "李会计");
        String text = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(SheetFixtures.sheet(n, o), o).pdf()));
        assertThat(text).contains("红旗村2026年第三季度财务公开榜")
                .contains("红旗村2026年第三季度财务收支明细")
                .contains("公开单位：示例县红旗镇红旗村村民委员会")
                .contains("公开期限：2026年11月28日至2026年12月27日")
                .contains("本季度收支情况如下")
                .contains("监督电话：0419-12345678")
                .contains("村务监督委员会意见")
                .contains("（签字）").contains("（盖章）")
                .contains("经办人：李会计").contains("制表人：李会计")
                .contains("打印日期：2026年11月28日")
                .contains("第 1 页 / 共 1 页")
                .contains("大写：")
                .contains(SheetPdfWriter.QR_CAPTION)
                .contains(SheetPdfWriter.DRAFT_WATERMARK);
    }

    @Test
    void approvedContentPrintsWithoutTheDraftWatermark() {
        Notice n = SheetFixtures.notice("P04", Q3, "党费收缴情况", "本季度收缴党费1,860.00元。", null, null, NoticeStatus.APPROVED);
        String text = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(SheetFixtures.sheet(n, options), options).pdf()));
        assertThat(text).contains("党费收缴情况").doesNotContain("草稿").doesNotContain("未审核");
    }

    @Test
    void everyPaperSizeGivesPagesOfThatSize() throws IOException {
        Notice n = SheetFixtures.notice("F02", Q3, "收支明细", "", SheetFixtures.journal(60, 3), null, NoticeStatus.DRAFT);
        int normalPages = 0;
        for (Paper paper : Paper.values()) {
            for (boolean large : new boolean[] {false, true}) {
                SheetOptions o = options.withPaper(paper).withLargePrint(large);
                SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, o), o);
                try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                    for (PDPage page : doc.getPages()) {
                        assertThat(page.getMediaBox().getWidth()).isEqualTo(paper.widthPt());
                        assertThat(page.getMediaBox().getHeight()).isEqualTo(paper.heightPt());
                    }
                }
                if (paper == Paper.A4_PORTRAIT && !large) {
                    normalPages = r.pages();
                } else if (paper == Paper.A4_PORTRAIT) {
                    assertThat(r.pages()).as("large print needs more pages").isGreaterThan(normalPages);
                }
            }
        }
    }

    @Test
    void emptyTableSaysSoInsteadOfPrintingNothing() {
        Notice n = SheetFixtures.notice("F02", Q3, "收支明细", "", new CashJournal(
                cn.sanwu.model.finance.AccountingEntity.VILLAGE_COMMITTEE, 50_000, List.of()), null, NoticeStatus.DRAFT);
        String text = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(SheetFixtures.sheet(n, options), options).pdf()));
        assertThat(text).contains("期初余额").contains("本期收入合计：¥0.00").contains("期末余额：¥500.00");
        Notice list = SheetFixtures.notice("V17", Q3, "残疾人补贴名单", "", null,
                new cn.sanwu.model.finance.RecipientList("困难残疾人生活补贴", List.of()), NoticeStatus.DRAFT);
        String listText = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(SheetFixtures.sheet(list, options), options).pdf()));
        assertThat(listText).contains("本期无名单").contains("合计：0 户");
    }
}
