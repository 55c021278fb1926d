package cn.sanwu.client.print;

import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.util.Arrays;

/**
 * Issue target: a 140-line quarterly ledger PDF in ≤ 300 ms warm, ≤ 40 KB per page. Prints the
 * first document's time (this JVM cold: font parse + class loading), then warm median/p95 over
 * repeated runs, and the size per page. Not a unit test: run with bench/sheets.sh.
 */
public final class SheetBenchmark {

    private SheetBenchmark() {
    }

    public static void main(String[] args) {
        boolean coldOnly = args.length > 0 && args[0].equals("cold");
        int runs = args.length > 0 && !coldOnly ? Integer.parseInt(args[0]) : 30;
        Notice ledger = SheetFixtures.notice("F02", SheetFixtures.Q3, "红旗村2026年第三季度财务收支明细",
                "现将本村2026年第三季度财务收支情况公布如下。", SheetFixtures.journal(140, 7), null, NoticeStatus.DRAFT);
        SheetOptions options = SheetOptions.defaults(SheetFixtures.PRINT_DATE);
        long t0 = System.nanoTime();
        SheetPdfWriter.Result first = SheetPdfWriter.write(SheetFixtures.sheet(ledger, options), options);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("first document in this JVM (cold): %.0f ms, %d pages, %d bytes = %.1f KB/page%n", firstMs,
                first.pages(), first.pdf().length, first.pdf().length / 1024.0 / first.pages());
        if (coldOnly) {
            return;
        }
        for (int i = 0; i < 5; i++) {
            SheetPdfWriter.write(SheetFixtures.sheet(ledger, options), options);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            SheetPdfWriter.write(SheetFixtures.sheet(ledger, options), options);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("warm (%d runs): median %.1f ms, p95 %.1f ms, min %.1f ms (target ≤ 300 ms)%n", runs,
                ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[0]);
        for (Paper paper : Paper.values()) {
            SheetOptions o = options.withPaper(paper);
            SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(ledger, o), o);
            System.out.printf("%s: %d pages, %.1f KB/page (target ≤ 40 KB)%n", paper, r.pages(),
                    r.pdf().length / 1024.0 / r.pages());
        }
        long s = System.nanoTime();
        var big = SheetFixtures.notice("F02", SheetFixtures.Q3, "收支明细", "", SheetFixtures.journal(10_000, 5), null,
                NoticeStatus.DRAFT);
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(big, options), options);
        System.out.printf("10,000-line ledger: %d pages in %.0f ms, %.1f KB/page%n", r.pages(), (System.nanoTime() - s) / 1e6,
                r.pdf().length / 1024.0 / r.pages());
        s = System.nanoTime();
        var png = SheetExports.pngPages(first.pdf());
        System.out.printf("PNG pages of the 140-line ledger: %d × %d px in %.0f ms%n", png.size(), png.getFirst().getWidth(),
                (System.nanoTime() - s) / 1e6);
    }
}
