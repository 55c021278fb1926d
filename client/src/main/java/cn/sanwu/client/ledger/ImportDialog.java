package cn.sanwu.client.ledger;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.importing.ImportRow;
import cn.sanwu.model.money.MoneyFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * "从 Excel/CSV 导入": choose a file, see every row as it will be imported (errors in red, with line
 * numbers), then confirm. The ledger is not touched before 导入 is pressed.
 */
public final class ImportDialog {

    private ImportDialog() {
    }

    public static void open(Window owner, ImportViewModel vm, LedgerEditorViewModel ledger, int defaultYear) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("import.choose"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(I18n.t("import.filter"), "*.xlsx", "*.csv", "*.txt", "*.XLSX", "*.CSV"),
                new FileChooser.ExtensionFilter(I18n.t("import.filterAll"), "*.*"));
        File chosen = chooser.showOpenDialog(owner);
        if (chosen == null) {
            return;
        }
        show(owner, vm, ledger, chosen.toPath(), defaultYear);
    }

    static void show(Window owner, ImportViewModel vm, LedgerEditorViewModel ledger, Path file, int defaultYear) {
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(I18n.t("import.title", file.getFileName()));

        Label status = new Label();
        status.setId("importStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(vm.busyProperty());
        Label rowsRead = new Label();
        rowsRead.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> I18n.t("import.rowsRead", vm.rowsReadProperty().get()), vm.rowsReadProperty()));
        rowsRead.visibleProperty().bind(vm.busyProperty());
        Button cancelRead = new Button(I18n.t("import.cancelRead"));
        cancelRead.visibleProperty().bind(vm.busyProperty());
        cancelRead.setOnAction(e -> vm.cancel());
        Spinner<Integer> year = new Spinner<>(2000, 2100, defaultYear);
        year.setEditable(true);
        Button retryWithYear = new Button(I18n.t("import.useYear"));
        retryWithYear.setOnAction(e -> vm.load(file, year.getValue()));
        HBox yearBox = new HBox(8, new Label(I18n.t("import.year")), year, retryWithYear);
        yearBox.visibleProperty().bind(vm.needsYearProperty());
        yearBox.managedProperty().bind(vm.needsYearProperty());

        TableView<ImportRow> table = new TableView<>(vm.rows());
        table.setId("importRows");
        table.getColumns().add(col(I18n.t("import.col.line"), r -> Integer.toString(r.lineNo()), 60));
        table.getColumns().add(col(I18n.t("import.col.kind"), r -> I18n.t("import.kind." + r.kind().name()), 80));
        table.getColumns().add(col(I18n.t("ledger.col.date"), r -> r.entry() == null || r.entry().date() == null ? "" : r.entry().date().toString(), 100));
        table.getColumns().add(col(I18n.t("ledger.col.voucher"), r -> r.entry() == null ? "" : r.entry().voucherNo(), 80));
        table.getColumns().add(col(I18n.t("ledger.col.summary"), r -> r.entry() == null ? "" : r.entry().summary(), 240));
        table.getColumns().add(col(I18n.t("ledger.col.income"), r -> r.entry() == null || r.entry().incomeFen() == 0 ? ""
                : MoneyFormat.grouped(r.entry().incomeFen()), 100));
        table.getColumns().add(col(I18n.t("ledger.col.expense"), r -> r.entry() == null || r.entry().expenseFen() == 0 ? ""
                : MoneyFormat.grouped(r.entry().expenseFen()), 100));
        TableColumn<ImportRow, String> problems = col(I18n.t("ledger.col.problem"),
                r -> String.join("；", r.errors()) + (r.warnings().isEmpty() ? "" : (r.errors().isEmpty() ? "" : "；")
                        + String.join("；", r.warnings())), 320);
        problems.getStyleClass().add("problem");
        table.getColumns().add(problems);
        VBox.setVgrow(table, Priority.ALWAYS);
        ListView<String> notes = new ListView<>(vm.notes());
        notes.setPrefHeight(70);
        notes.getStyleClass().add("problems");

        Button importButton = new Button(I18n.t("import.confirm"));
        importButton.setId("confirmImport");
        importButton.setDefaultButton(true);
        importButton.disableProperty().bind(vm.previewProperty().isNull());
        importButton.setOnAction(e -> {
            vm.applyTo(ledger);
            stage.close();
        });
        Button close = new Button(I18n.t("import.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> {
            vm.cancel();
            stage.close();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label nothingYet = new Label(I18n.t("import.nothingWritten"));
        nothingYet.getStyleClass().add("hint");
        HBox buttons = new HBox(8, nothingYet, spacer, close, importButton);
        VBox root = new VBox(8, new HBox(8, progress, status, rowsRead, cancelRead), yearBox, table, notes, buttons);
        root.setPadding(new Insets(10));
        BorderPane pane = new BorderPane(root);
        Scene scene = new Scene(pane, 1000, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        vm.load(file, null);
        stage.show();
    }

    private static TableColumn<ImportRow, String> col(String title, Function<ImportRow, String> f, double width) {
        TableColumn<ImportRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        col.setPrefWidth(width);
        col.setSortable(false);
        return col;
    }
}
