package cn.sanwu.client.print;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.BackgroundRunner;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Print preview state: the chosen paper, large print and posting window; the PDF made from them
 * and its pages as pictures. The preview shows exactly the pages that print and export, because
 * they are rendered from that same PDF. Rendering runs in the background; a newer request wins.
 */
public final class PrintPreviewViewModel {

    /** Preview pictures: pixels per PDF point (about 100 dpi, sharp on an office monitor). */
    public static final float PREVIEW_SCALE = 1.4f;

    /** The pages and the document they came from. */
    public record Rendered(SheetPdfWriter.Result pdf, List<BufferedImage> pages) {
    }

    private final Function<SheetOptions, SheetPdfWriter.Result> source;
    private final BackgroundRunner runner;
    private final ObjectProperty<Paper> paper = new SimpleObjectProperty<>(Paper.A4_PORTRAIT);
    private final BooleanProperty largePrint = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> postingFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> postingTo = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Rendered> rendered = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final LocalDate printDate;
    private final String baseUrl;
    private final String preparedBy;
    private int generation;

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

    /** (Re)builds the PDF and its page pictures for the current options. */
    public void refresh() {
        SheetOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        int mine = ++generation;
        busy.set(true);
        status.set(I18n.t("print.rendering"));
        runner.run(() -> {
            SheetPdfWriter.Result pdf = source.apply(options);
            return new Rendered(pdf, SheetExports.renderPages(pdf.pdf(), PREVIEW_SCALE));
        }, done -> {
            if (mine != generation) {
                return; // a newer choice is being rendered
            }
            busy.set(false);
            rendered.set(done);
            String summary = I18n.t("print.summary", done.pdf().pages(), String.format("%.1f", done.pdf().pdf().length / 1024.0),
                    paper.get().nameZh());
            if (!done.pdf().missingCharacters().isEmpty()) {
                summary += "　" + I18n.t("print.missingGlyphs", String.join("、", done.pdf().missingCharacters()));
            }
            status.set(summary);
        }, error -> {
            if (mine != generation) {
                return;
            }
            busy.set(false);
            status.set(error instanceof StoreException se ? se.userMessage()
                    : I18n.t("print.failed", error.getMessage() == null ? error.toString() : error.getMessage()));
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

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Tells the user something about an action (export done, no printer …). */
    public void report(String message) {
        status.set(message);
    }
}
