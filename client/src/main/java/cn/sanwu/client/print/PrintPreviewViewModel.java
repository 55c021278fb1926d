package cn.sanwu.client.print;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.BackgroundRunner;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Print preview state: the chosen paper, large print and posting window; the PDF made from them
 * and the picture of the page on screen. The preview shows exactly the pages that print and
 * export, because they are rendered from that same PDF — one page at a time, so a 350-page ledger
 * does not need gigabytes of bitmaps. Rendering, printing and exporting run in the background; a
 * newer request wins. Invalid options clear the document, so nothing stale can be printed.
 */
public final class PrintPreviewViewModel {

    /** Preview pictures: pixels per PDF point (about 100 dpi, sharp on an office monitor). */
    public static final float PREVIEW_SCALE = 1.4f;
    /** Printing renders pages at about 200 dpi: sharper than the preview. */
    public static final float PRINT_SCALE = 2.8f;

    /** The document and the options it was made with (printing uses its paper, not the chooser's). */
    public record Rendered(SheetPdfWriter.Result pdf, SheetOptions options) {
    }

    private record Made(Rendered rendered, BufferedImage firstPage) {
    }

    /** Where printed pages go: the system printer job in the app, a recorder in tests. */
    public interface PrintTarget {
        /** Prints one page; false when the printer refused it. */
        boolean printPage(BufferedImage page);

        /** Ends the job after the last page; false when the printer did not accept it. */
        boolean finish();

        /** Gives up the job, so nothing half-printed stays queued. */
        void cancel();

        String printerName();

        String status();
    }

    private final Function<SheetOptions, SheetPdfWriter.Result> source;
    private final BackgroundRunner runner;
    private final ObjectProperty<Paper> paper = new SimpleObjectProperty<>(Paper.A4_PORTRAIT);
    private final BooleanProperty largePrint = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> postingFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> postingTo = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Rendered> rendered = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper pageIndex = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<BufferedImage> pageImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final LocalDate printDate;
    private final String baseUrl;
    private final String preparedBy;
    private int generation;
    private int pageGeneration;

    public PrintPreviewViewModel(Function<SheetOptions, SheetPdfWriter.Result> source, BackgroundRunner runner,
            LocalDate printDate, String baseUrl, String preparedBy) {
        this.source = source;
        this.runner = runner;
        this.printDate = printDate;
        this.baseUrl = baseUrl;
        this.preparedBy = preparedBy;
        postingFrom.set(printDate);
        postingTo.set(printDate.plusDays(SheetOptions.DEFAULT_POSTING_DAYS - 1));
        paper.addListener((o, a, b) -> refresh());
        largePrint.addListener((o, a, b) -> refresh());
        postingFrom.addListener((o, a, b) -> refresh());
        postingTo.addListener((o, a, b) -> refresh());
    }

    /** The options on screen; throws with a clear message when they are not valid. */
    public SheetOptions options() {
        return new SheetOptions(paper.get(), largePrint.get(), baseUrl, printDate, postingFrom.get(), postingTo.get(),
                preparedBy);
    }

    /** (Re)builds the PDF for the current options and shows its first page. */
    public void refresh() {
        int mine = ++generation;
        SheetOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            clear(e.getMessage());
            return;
        }
        busy.set(true);
        status.set(I18n.t("print.rendering"));
        runner.run(() -> {
            SheetPdfWriter.Result pdf = source.apply(options);
            try (SheetPageImages pages = SheetPageImages.open(pdf.pdf())) {
                return new Made(new Rendered(pdf, options), pages.render(0, PREVIEW_SCALE));
            }
        }, done -> {
            if (mine != generation) {
                return; // a newer choice is being rendered
            }
            busy.set(false);
            Rendered r = done.rendered();
            ++pageGeneration;
            rendered.set(r);
            pageIndex.set(0);
            pageImage.set(done.firstPage());
            String summary = I18n.t("print.summary", r.pdf().pages(), String.format("%.1f", r.pdf().pdf().length / 1024.0),
                    r.options().paper().nameZh());
            if (!r.pdf().missingCharacters().isEmpty()) {
                summary += "　" + I18n.t("print.missingGlyphs", String.join("、", r.pdf().missingCharacters()));
            }
            status.set(summary);
        }, error -> {
            if (mine == generation) {
                clear(message(error));
            }
        });
    }

    /** No document: the buttons disable, the page goes blank, and in-flight renderings are ignored. */
    private void clear(String message) {
        ++generation;
        ++pageGeneration;
        busy.set(false);
        rendered.set(null);
        pageImage.set(null);
        pageIndex.set(0);
        status.set(message);
    }

    private static String message(Throwable error) {
        return error instanceof StoreException se ? se.userMessage()
                : I18n.t("print.failed", error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    /** Shows page {@code index} (from 0, clamped to the document), rendered in the background. */
    public void showPage(int index) {
        Rendered r = rendered.get();
        if (r == null) {
            return;
        }
        int page = Math.max(0, Math.min(index, r.pdf().pages() - 1));
        int mine = ++pageGeneration;
        pageIndex.set(page);
        runner.run(() -> {
            try (SheetPageImages pages = SheetPageImages.open(r.pdf().pdf())) {
                return pages.render(page, PREVIEW_SCALE);
            }
        }, image -> {
            if (mine == pageGeneration) {
                pageImage.set(image);
            }
        }, error -> {
            if (mine == pageGeneration) {
                status.set(message(error));
            }
        });
    }

    /**
     * Prints the rendered document page by page in the background (one bitmap at a time). A page
     * the printer refuses, or any failure, cancels the job.
     */
    public void print(PrintTarget target) {
        Rendered r = rendered.get();
        if (r == null) {
            target.cancel();
            return;
        }
        inBackground(() -> {
            try (SheetPageImages pages = SheetPageImages.open(r.pdf().pdf())) {
                for (int i = 0; i < pages.pageCount(); i++) {
                    if (!target.printPage(pages.render(i, PRINT_SCALE))) {
                        throw new IllegalStateException(target.status());
                    }
                }
            }
            if (!target.finish()) {
                throw new IllegalStateException(target.status());
            }
            return I18n.t("print.sent", r.pdf().pages(), target.printerName());
        }, error -> {
            target.cancel();
            status.set(I18n.t("print.printFailed", error.getMessage() == null ? error.getClass().getSimpleName()
                    : error.getMessage()));
        });
    }

    /** Writes the rendered PDF atomically (temporary file, then rename). */
    public void exportPdf(Path file) {
        Rendered r = rendered.get();
        if (r != null) {
            inBackground(() -> {
                SheetFiles.writePdf(file, r.pdf().pdf());
                return I18n.t("print.exported", file);
            }, this::writeFailed);
        }
    }

    /** Writes page-01.png … into {@code dir}, page by page, removing pages left by a longer earlier export. */
    public void exportPng(Path dir) {
        Rendered r = rendered.get();
        if (r != null) {
            inBackground(() -> I18n.t("print.exportedImages", SheetFiles.writePngPages(r.pdf().pdf(), dir), dir),
                    this::writeFailed);
        }
    }

    private void writeFailed(Throwable error) {
        Throwable cause = error instanceof UncheckedIOException u ? u.getCause() : error;
        status.set(I18n.t("print.writeFailed", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    private void inBackground(Callable<String> work, Consumer<Throwable> onError) {
        working.set(true);
        status.set(I18n.t("print.working"));
        runner.run(work, done -> {
            working.set(false);
            status.set(done);
        }, error -> {
            working.set(false);
            onError.accept(error);
        });
    }

    public ObjectProperty<Paper> paperProperty() {
        return paper;
    }

    public BooleanProperty largePrintProperty() {
        return largePrint;
    }

    public ObjectProperty<LocalDate> postingFromProperty() {
        return postingFrom;
    }

    public ObjectProperty<LocalDate> postingToProperty() {
        return postingTo;
    }

    public ReadOnlyObjectProperty<Rendered> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    /** Index (from 0) of the page on screen. */
    public ReadOnlyIntegerProperty pageIndexProperty() {
        return pageIndex.getReadOnlyProperty();
    }

    /** Picture of the page on screen; null while there is no document. */
    public ReadOnlyObjectProperty<BufferedImage> pageImageProperty() {
        return pageImage.getReadOnlyProperty();
    }

    /** A document is being made. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Printing or an export is running. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Tells the user something about an action (export done, no printer …). */
    public void report(String message) {
        status.set(message);
    }
}
