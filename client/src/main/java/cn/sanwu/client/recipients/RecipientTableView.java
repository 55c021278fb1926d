package cn.sanwu.client.recipients;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ui.GridEditing;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Recipient grid with a column showing exactly what public output will print for the ID number. */
public final class RecipientTableView extends VBox {

    private final TableView<RecipientRow> table;

    public RecipientTableView(RecipientEditorViewModel vm) {
        setSpacing(6);
        TextField programme = new TextField();
        programme.setId("programme");
        programme.textProperty().bindBidirectional(vm.programmeProperty());
        HBox.setHgrow(programme, Priority.ALWAYS);
        table = new TableView<>(vm.rows());
        Button add = new Button(I18n.t("recipients.addRow"));
        add.setId("addRecipientRow");
        add.setOnAction(e -> GridEditing.addRowAndFocus(table, vm::addRow));
        HBox toolbar = new HBox(8, new Label(I18n.t("recipients.programme")), programme, add);

        table.setId("recipientTable");
        table.setPlaceholder(new Label(I18n.t("recipients.empty")));
        table.getColumns().add(GridEditing.textColumn(I18n.t("recipients.col.name"), r -> r.name, 100));
        table.getColumns().add(GridEditing.textColumn(I18n.t("recipients.col.group"), r -> r.group, 80));
        table.getColumns().add(GridEditing.textColumn(I18n.t("recipients.col.population"), r -> r.population, 70));
        table.getColumns().add(GridEditing.textColumn(I18n.t("recipients.col.amount"), r -> r.amount, 100));
        table.getColumns().add(GridEditing.textColumn(I18n.t("recipients.col.id"), r -> r.idNumber, 190));
        TableColumn<RecipientRow, String> masked = new TableColumn<>(I18n.t("recipients.col.masked"));
        masked.setCellValueFactory(d -> d.getValue().maskedIdNumber);
        masked.setEditable(false);
        masked.setPrefWidth(190);
        TableColumn<RecipientRow, String> problem = new TableColumn<>(I18n.t("recipients.col.problem"));
        problem.setCellValueFactory(d -> d.getValue().problem);
        problem.setEditable(false);
        problem.setPrefWidth(200);
        problem.getStyleClass().add("problem");
        table.getColumns().add(masked);
        table.getColumns().add(problem);
        GridEditing.install(table, 5, vm::addRow);
        VBox.setVgrow(table, Priority.ALWAYS);

        Label totals = new Label();
        totals.textProperty().bind(vm.totalsText());
        totals.getStyleClass().add("totals");
        Label hint = new Label(I18n.t("recipients.hint"));
        hint.getStyleClass().add("hint");
        getChildren().addAll(toolbar, table, totals, hint);
    }

    public TableView<RecipientRow> table() {
        return table;
    }
}
