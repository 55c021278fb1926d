package cn.sanwu.client.print;

import cn.sanwu.client.i18n.I18n;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * 打印预览: the pages exactly as they print (rendered from the PDF that is printed and exported),
 * with paper, large print and posting window; 打印 through the system's printer dialog, 导出PDF
 * and 导出图片 for the village WeChat group.
 */
public final class PrintPreviewDialog {

    private PrintPreviewDialog() {
    }

    public static Stage open(Window owner, PrintPreviewViewModel vm, String suggestedName) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(I18n.t("print.title"));

        ChoiceBox<Paper> paper = new ChoiceBox<>();
        paper.setId("printPaper");
        paper.getItems().setAll(Paper.values());
        paper.setConverter(new StringConverter<>() {
            @Override
            public String toString(Paper p) {
                return p == null ? "" : p.nameZh();
            }

            @Override
            public Paper fromString(String s) {
                return null;
            }
        });
        paper.valueProperty().bindBidirectional(vm.paperProperty());
        CheckBox large = new CheckBox(I18n.t("print.large"));
        large.setId("printLarge");
        large.selectedProperty().bindBidirectional(vm.largePrintProperty());
        // ISO dates whatever the PC's locale (a US-configured PC would show 11/28/2026).
        StringConverter<java.time.LocalDate> iso = new javafx.util.converter.LocalDateStringConverter(
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
        DatePicker from = new DatePicker();
        from.setConverter(iso);
        from.valueProperty().bindBidirectional(vm.postingFromProperty());
        from.setPrefWidth(130);
        DatePicker to = new DatePicker();
        to.setConverter(iso);
        to.valueProperty().bindBidirectional(vm.postingToProperty());
        to.setPrefWidth(130);
        Button print = new Button(I18n.t("print.print"));
        print.setId("printNow");
        Button pdf = new Button(I18n.t("print.exportPdf"));
        pdf.setId("printExportPdf");
        Button png = new Button(I18n.t("print.exportPng"));
        png.setId("printExportPng");
        for (Button b : List.of(print, pdf, png)) {
            b.disableProperty().bind(vm.busyProperty().or(vm.workingProperty()).or(vm.renderedProperty().isNull()));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, new Label(I18n.t("print.paper")), paper, large, new Label(I18n.t("print.posting")), from,
                new Label(I18n.t("print.to")), to, spacer, print, pdf, png);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8));

        // One page on screen at a time, rendered when shown (a long ledger has hundreds of pages).
        ImageView pageView = new ImageView();
        pageView.setId("printPageImage");
        pageView.setPreserveRatio(true);
        pageView.setStyle("-fx-effect: dropshadow(gaussian, rgba(0,0,0,0.5), 8, 0, 2, 2);");
        vm.pageImageProperty().addListener((o, a, image) -> pageView.setImage(image == null ? null : toFx(image)));
        VBox pages = new VBox(16, pageView);
        pages.setId("printPages");
        pages.setAlignment(Pos.TOP_CENTER);
        pages.setPadding(new Insets(16));
        pages.setStyle("-fx-background-color: #808080;");
        ScrollPane scroll = new ScrollPane(pages);
        scroll.setFitToWidth(true);
        Button previous = new Button(I18n.t("print.previousPage"));
        previous.setId("printPreviousPage");
        previous.setOnAction(e -> vm.showPage(vm.pageIndexProperty().get() - 1));
        Button next = new Button(I18n.t("print.nextPage"));
        next.setId("printNextPage");
        next.setOnAction(e -> vm.showPage(vm.pageIndexProperty().get() + 1));
        Label pageNo = new Label();
        pageNo.setId("printPageNo");
        pageNo.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.renderedProperty().get() == null ? ""
                : I18n.t("print.pageOf", vm.pageIndexProperty().get() + 1, vm.renderedProperty().get().pdf().pages()),
                vm.renderedProperty(), vm.pageIndexProperty()));
        previous.disableProperty().bind(vm.renderedProperty().isNull().or(vm.pageIndexProperty().lessThanOrEqualTo(0)));
        next.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.renderedProperty().get() == null
                || vm.pageIndexProperty().get() >= vm.renderedProperty().get().pdf().pages() - 1,
                vm.renderedProperty(), vm.pageIndexProperty()));
        HBox pager = new HBox(8, previous, pageNo, next);
        pager.setAlignment(Pos.CENTER);
        pager.setPadding(new Insets(4));
        BorderPane centre = new BorderPane(scroll, pager, null, null, null);

        Label status = new Label();
        status.setId("printStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(vm.busyProperty().or(vm.workingProperty()));
        Button close = new Button(I18n.t("print.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox bottom = new HBox(8, progress, status, spacer2, close);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(8));

        print.setOnAction(e -> print(stage, vm));
        pdf.setOnAction(e -> exportPdf(stage, vm, suggestedName));
        png.setOnAction(e -> exportPng(stage, vm));

        BorderPane root = new BorderPane(centre, toolbar, null, bottom, null);
        root.setId("printPreview");
        Scene scene = new Scene(root, 1000, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        vm.refresh();
        return stage;
    }

    /** Copies AWT pixels into a JavaFX image (no javafx-swing module needed). */
    static Image toFx(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return fx;
    }

    private static void print(Stage stage, PrintPreviewViewModel vm) {
        PrintPreviewViewModel.Rendered r = vm.renderedProperty().get();
        if (r == null) {
            return;
        }
        Printer printer = Printer.getDefaultPrinter();
        boolean noDefault = printer == null;
        if (noDefault) {
            // Printers installed but none chosen as default: offer the first; the dialog lets the clerk pick.
            printer = Printer.getAllPrinters().stream().findFirst().orElse(null);
            if (printer == null) {
                vm.report(I18n.t("print.noPrinter"));
                return;
            }
        }
        PrinterJob job = PrinterJob.createPrinterJob(printer);
        if (job == null) {
            vm.report(I18n.t(noDefault ? "print.noDefaultPrinter" : "print.cannotStart", printer.getName()));
            return;
        }
        if (!job.showPrintDialog(stage)) {
            job.cancelJob();
            return;
        }
        // The paper the document was rendered for, not whatever the chooser shows now.
        Paper rendered = r.options().paper();
        javafx.print.Paper fxPaper = rendered == Paper.A3_LANDSCAPE ? javafx.print.Paper.A3 : javafx.print.Paper.A4;
        PageOrientation orientation = rendered == Paper.A4_PORTRAIT ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE;
        PageLayout layout = job.getPrinter().createPageLayout(fxPaper, orientation, Printer.MarginType.HARDWARE_MINIMUM);
        vm.print(new PrintPreviewViewModel.PrintTarget() {
            @Override
            public boolean printPage(BufferedImage page) {
                // Off the FX thread: allowed for a node that is in no scene (PrinterJob#printPage).
                ImageView view = new ImageView(toFx(page));
                view.setPreserveRatio(true);
                view.setFitWidth(layout.getPrintableWidth());
                view.setFitHeight(layout.getPrintableHeight());
                return job.printPage(layout, view);
            }

            @Override
            public boolean finish() {
                return job.endJob();
            }

            @Override
            public void cancel() {
                job.cancelJob();
            }

            @Override
            public String printerName() {
                return job.getPrinter().getName();
            }

            @Override
            public String status() {
                return String.valueOf(job.getJobStatus());
            }
        });
    }

    private static void exportPdf(Stage stage, PrintPreviewViewModel vm, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("print.exportPdf"));
        chooser.setInitialFileName(suggestedName + ".pdf");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            vm.exportPdf(file.toPath());
        }
    }

    private static void exportPng(Stage stage, PrintPreviewViewModel vm) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("print.exportPng"));
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            vm.exportPng(dir.toPath());
        }
    }
}
