package cn.sanwu.client.print;

import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.period.Period;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The exports a clerk or a township script asks for: one notice as PDF, PNG pages for the
 * village WeChat group, and every notice of a period in one PDF ("update the whole board").
 */
public final class SheetExports {

    /** Width of a PNG page of A4 portrait: fills a 1080-px phone screen; wider papers keep the same scale. */
    public static final int PHONE_WIDTH_PX = 1080;

    private final NoticeService notices;
    private final Supplier<Catalog> catalog;
    private final NoticeHasher hasher;

    public SheetExports(NoticeService notices, Supplier<Catalog> catalog, NoticeHasher hasher) {
        this.notices = notices;
        this.catalog = catalog;
        this.hasher = hasher;
    }

    public Sheet sheet(Notice notice, VillageProfile village, SheetOptions options) {
        CatalogItem item = catalog.get().find(notice.content().itemCode()).orElseThrow(() -> new StoreException(
                "公告的事项“" + notice.content().itemCode() + "”不在当前目录中，无法打印。"));
        return SheetComposer.compose(notice, item, village, hasher.hash(notice.id(), notice.content()), options,
                notices.reviewInfo(notice.id()));
    }

    public SheetPdfWriter.Result pdf(UUID noticeId, VillageProfile village, SheetOptions options) {
        Notice notice = notices.find(noticeId).orElseThrow(() -> new StoreException("找不到编号为 " + noticeId + " 的公告。"));
        return SheetPdfWriter.write(sheet(notice, village, options), options);
    }

    /**
     * All notices of the village whose period lies within {@code period} (a quarter takes its
     * months too), in catalog order; 不公开备案 filings are left out (nothing to post).
     */
    public List<Notice> noticesFor(VillageProfile village, Period period) {
        List<Notice> found = new ArrayList<>();
        for (NoticeSummary s : notices.search(new NoticeQuery(village.code(), null, null, null, null, null, 100_000))) {
            if (s.status() == NoticeStatus.NOT_DISCLOSED_FILED) {
                continue;
            }
            Period p;
            try {
                p = Period.parse(s.periodCode());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!p.start().isBefore(period.start()) && !p.end().isAfter(period.end())) {
                notices.find(s.id()).ifPresent(found::add);
            }
        }
        List<String> order = catalog.get().items().stream().map(CatalogItem::code).toList();
        found.sort(Comparator.comparingInt((Notice n) -> order.indexOf(n.content().itemCode()))
                .thenComparing(n -> n.content().period().start()));
        return found;
    }

    public SheetPdfWriter.Result batch(VillageProfile village, Period period, SheetOptions options) {
        List<Notice> list = noticesFor(village, period);
        if (list.isEmpty()) {
            throw new StoreException(period.displayZh() + "没有可打印的公告。");
        }
        List<Sheet> sheets = new ArrayList<>();
        for (Notice n : list) {
            sheets.add(sheet(n, village, options));
        }
        return SheetPdfWriter.write(sheets, options);
    }

    /**
     * Every page of a PDF at the phone scale, all in memory: for short documents and tests only.
     * Exports and printing go page by page ({@link SheetPageImages}, {@link SheetFiles#writePngPages}).
     */
    public static List<BufferedImage> pngPages(byte[] pdf) {
        try (SheetPageImages pages = SheetPageImages.open(pdf)) {
            List<BufferedImage> images = new ArrayList<>();
            for (int i = 0; i < pages.pageCount(); i++) {
                images.add(pages.renderForPhone(i));
            }
            return images;
        }
    }
}
