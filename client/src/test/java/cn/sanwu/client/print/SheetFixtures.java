package cn.sanwu.client.print;

import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.RegionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Notices, a village and PDF reading helpers shared by the sheet tests and the benchmark. */
final class SheetFixtures {

    static final VillageProfile VILLAGE = new VillageProfile(TestStores.VILLAGE, "红旗村", RegionLevel.VILLAGE, "红旗镇",
            "示例县", "示例市", "0419-12345678");
    static final LocalDate PRINT_DATE = LocalDate.of(2026, 11, 28);
    static final Period Q3 = new Period.Quarter(2026, 3);

    private SheetFixtures() {
    }

    static CatalogItem item(String code) {
        return TestStores.CATALOG.find(code).orElseThrow();
    }

    static Notice notice(String itemCode, Period period, String title, String body, CashJournal journal,
            cn.sanwu.model.finance.RecipientList recipients, NoticeStatus status) {
        return new Notice(UUID.fromString("01a22000-0000-7000-8000-000000000001"), new NoticeContent(TestStores.VILLAGE,
                itemCode, period, title, body, List.of(), journal, recipients), status, 3, null, Instant.parse("2026-11-20T02:00:00Z"));
    }

    /** An expense-publicity (F03) notice with generic tables. */
    static Notice tableNotice(String title, String body, cn.sanwu.model.notice.NoticeTable... tables) {
        return new Notice(UUID.fromString("01a22000-0000-7000-8000-000000000003"), new NoticeContent(TestStores.VILLAGE, "F03",
                Q3, title, body, List.of(tables), null, null), NoticeStatus.DRAFT, 1, null, Instant.parse("2026-11-20T02:00:00Z"));
    }

    /** Writes a notice's sheet and returns the text of each page. */
    static List<String> pages(Notice n, SheetOptions options) {
        return pageTexts(SheetPdfWriter.write(sheet(n, options), options).pdf());
    }

    /** A quarter's cash journal with {@code lines} entries (a real village posted ~139). */
    static CashJournal journal(int lines, long seed) {
        Random random = new Random(seed);
        List<LedgerEntry> entries = new ArrayList<>();
        LocalDate day = Q3.start();
        for (int i = 0; i < lines; i++) {
            boolean income = random.nextInt(4) == 0;
            long amount = 100 + random.nextInt(2_000_000);
            entries.add(new LedgerEntry(day.plusDays(i * 91L / Math.max(1, lines)), "记-" + String.format("%03d", i + 1),
                    (income ? "收到村集体机动地承包费" : "支付村道路灯维修材料费") + (i + 1), income ? amount : 0, income ? 0 : amount));
        }
        return new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 12_345_600, entries);
    }

    static ContentHash hash(Notice n) {
        return NoticeHasher.sha256().hash(n.id(), n.content());
    }

    static Sheet sheet(Notice n, SheetOptions options) {
        return SheetComposer.compose(n, item(n.content().itemCode()), VILLAGE, hash(n), options);
    }

    /** Text of each page, as PDFBox extracts it. */
    static List<String> pageTexts(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
