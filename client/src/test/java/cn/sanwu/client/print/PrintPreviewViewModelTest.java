package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview's state without a window: one page rendered at a time, nothing stale after invalid
 * options, printing page by page with the job cancelled on failure, exports that leave no old
 * pages or temporary files. Runs with {@link BackgroundRunner#direct()}.
 */
class PrintPreviewViewModelTest {

    @TempDir
    Path dir;

    private final Notice ledger = SheetFixtures.notice("F02", SheetFixtures.Q3, "收支明细", "", SheetFixtures.journal(100, 7),
            null, NoticeStatus.DRAFT);
    private final AtomicReference<RuntimeException> failWith = new AtomicReference<>();

    private PrintPreviewViewModel vm() {
        return vm(ledger);
    }

    private PrintPreviewViewModel vm(Notice notice) {
        PrintPreviewViewModel vm = new PrintPreviewViewModel(options -> {
            if (failWith.get() != null) {
                throw failWith.get();
            }
            return SheetPdfWriter.write(SheetFixtures.sheet(notice, options), options);
        }, BackgroundRunner.direct(), PRINT_DATE, null, "李会计");
        vm.refresh();
        return vm;
    }

    /** Records printed pages; refuses page {@code failAt} (from 1) if set. */
    private static final class RecordingPrinter implements PrintPreviewViewModel.PrintTarget {
        final List<BufferedImage> pages = new ArrayList<>();
        final int failAt;
        boolean finished;
        boolean cancelled;

        RecordingPrinter(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public boolean printPage(BufferedImage page) {
            if (pages.size() + 1 == failAt) {
                return false;
            }
            pages.add(page);
            return true;
        }

        @Override
        public boolean finish() {
            finished = true;
            return true;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public String printerName() {
            return "测试打印机";
        }

        @Override
        public String status() {
            return "ERROR";
        }
    }

    @Test
    void showsOnePageAtATimeAndRendersOthersOnRequest() {
        PrintPreviewViewModel vm = vm();
        int pages = vm.renderedProperty().get().pdf().pages();
        assertThat(pages).isGreaterThan(3);
        assertThat(vm.pageIndexProperty().get()).isZero();
        BufferedImage first = vm.pageImageProperty().get();
        assertThat(first.getWidth()).isCloseTo(Math.round(Paper.A4_PORTRAIT.widthPt() * PrintPreviewViewModel.PREVIEW_SCALE),
                org.assertj.core.data.Offset.offset(1));
        vm.showPage(2);
        assertThat(vm.pageIndexProperty().get()).isEqualTo(2);
        assertThat(vm.pageImageProperty().get()).isNotSameAs(first);
        vm.showPage(10_000);
        assertThat(vm.pageIndexProperty().get()).as("clamped to the last page").isEqualTo(pages - 1);
        vm.showPage(-5);
        assertThat(vm.pageIndexProperty().get()).isZero();
    }

    @Test
    void invalidOptionsOrAFailedRenderingLeaveNothingToPrint() {
        PrintPreviewViewModel vm = vm();
        assertThat(vm.renderedProperty().get()).isNotNull();
        vm.postingToProperty().set(PRINT_DATE.minusDays(3));
        assertThat(vm.renderedProperty().get()).as("no stale document").isNull();
        assertThat(vm.pageImageProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).contains("结束日期早于开始日期");
        RecordingPrinter printer = new RecordingPrinter(0);
        vm.print(printer);
        assertThat(printer.pages).isEmpty();
        assertThat(printer.cancelled).isTrue();

        vm.postingToProperty().set(PRINT_DATE.plusDays(3));
        assertThat(vm.renderedProperty().get()).isNotNull();
        failWith.set(new IllegalArgumentException("已拒绝打印：测试"));
        vm.paperProperty().set(Paper.A3_LANDSCAPE);
        assertThat(vm.renderedProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).contains("已拒绝打印：测试");
    }

    @Test
    void theDocumentRemembersThePaperItWasMadeFor() {
        PrintPreviewViewModel vm = vm();
        vm.paperProperty().set(Paper.A4_LANDSCAPE);
        assertThat(vm.renderedProperty().get().options().paper()).isEqualTo(Paper.A4_LANDSCAPE);
        BufferedImage page = vm.pageImageProperty().get();
        assertThat(page.getWidth()).isGreaterThan(page.getHeight());
    }

    @Test
    void printsEveryPageOrCancelsTheJob() {
        // Pages at print resolution are slow to render (~1-5 s each with the draft watermark): a short approved ledger.
        PrintPreviewViewModel vm = vm(SheetFixtures.notice("F02", SheetFixtures.Q3, "收支明细", "", SheetFixtures.journal(40, 7),
                null, NoticeStatus.APPROVED));
        int pages = vm.renderedProperty().get().pdf().pages();
        RecordingPrinter ok = new RecordingPrinter(0);
        vm.print(ok);
        assertThat(ok.pages).hasSize(pages);
        assertThat(ok.finished).isTrue();
        assertThat(ok.cancelled).isFalse();
        assertThat(ok.pages.getFirst().getWidth()).as("about 200 dpi")
                .isCloseTo(Math.round(Paper.A4_PORTRAIT.widthPt() * PrintPreviewViewModel.PRINT_SCALE), org.assertj.core.data.Offset.offset(1));
        assertThat(vm.statusProperty().get()).contains("已发送 " + pages + " 页").contains("测试打印机");
        assertThat(vm.workingProperty().get()).isFalse();

        RecordingPrinter jammed = new RecordingPrinter(2);
        vm.print(jammed);
        assertThat(jammed.pages).hasSize(1);
        assertThat(jammed.finished).isFalse();
        assertThat(jammed.cancelled).as("a failed job is cancelled").isTrue();
        assertThat(vm.statusProperty().get()).contains("打印没有完成");
    }

    @Test
    void pngExportRemovesPagesOfAnEarlierLongerExport() throws Exception {
        Files.createDirectories(dir);
        for (int i = 1; i <= 12; i++) {
            Files.writeString(dir.resolve(String.format("page-%02d.png", i)), "old");
        }
        Files.writeString(dir.resolve("page-100.png"), "old");
        Files.writeString(dir.resolve("notes.png"), "keep");
        PrintPreviewViewModel vm = vm();
        int pages = vm.renderedProperty().get().pdf().pages();
        assertThat(pages).isLessThan(12);
        vm.exportPng(dir);
        assertThat(vm.statusProperty().get()).contains("已导出 " + pages + " 张图片");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(pages + 1).contains("notes.png")
                    .doesNotContain("page-100.png", String.format("page-%02d.png", pages + 1));
        }
        assertThat(javax.imageio.ImageIO.read(dir.resolve("page-01.png").toFile()).getWidth()).isEqualTo(SheetExports.PHONE_WIDTH_PX);
    }

    @Test
    void pdfExportIsWrittenWholeOrNotAtAll() throws Exception {
        PrintPreviewViewModel vm = vm();
        Path pdf = dir.resolve("sheet.pdf");
        vm.exportPdf(pdf);
        assertThat(Files.readAllBytes(pdf)).isEqualTo(vm.renderedProperty().get().pdf().pdf());
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "a file where a directory should be");
        vm.exportPdf(blocked.resolve("sheet.pdf"));
        assertThat(vm.statusProperty().get()).startsWith("写入文件失败");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sanwu-export-"));
        }
    }
}
