package cn.sanwu.client.ledger;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ui.GridEditing;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.money.MoneyFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The cash-journal grid with its toolbar and live totals. Binds to a {@link LedgerEditorViewModel}. */
public final class LedgerTableView extends VBox {

    private final TableView<LedgerRow> table = new TableView<>();

    public LedgerTableView(LedgerEditorViewModel vm, Consumer<LedgerEditorViewModel> onImport) {
        setSpacing(6);
        ChoiceBox<AccountingEntity> entity = new ChoiceBox<>();
        entity.getItems().setAll(AccountingEntity.values());
        entity.setConverter(new StringConverter<>() {
            @Override
            public String toString(AccountingEntity e) {
                return e == null ? "" : I18n.t("entity." + e.name());
            }

            @Override
            public AccountingEntity fromString(String s) {
                return null;
            }
        });
        entity.valueProperty().bindBidirectional(vm.entityProperty());
        TextField opening = new TextField();
        opening.textProperty().bindBidirectional(vm.openingBalanceTextProperty());
        opening.setId("openingBalance");
        opening.setPrefColumnCount(10);
        Label openingError = new Label();
        openingError.setId("openingBalanceError");
        openingError.getStyleClass().add("problem");
        openingError.textProperty().bind(vm.openingBalanceProblemProperty());
        Button add = new Button(I18n.t("ledger.addRow"));
        add.setId("addLedgerRow");
        add.setOnAction(e -> GridEditing.addRowAndFocus(table, vm::addRow));
        Button remove = new Button(I18n.t("ledger.removeRows"));
        remove.setOnAction(e -> removeSelected(vm));
        Button importButton = new Button(I18n.t("ledger.import"));
        importButton.setId("importLedger");
        importButton.setOnAction(e -> onImport.accept(vm));
        HBox toolbar = new HBox(8, new Label(I18n.t("ledger.entity")), entity, new Label(I18n.t("ledger.opening")), opening,
                openingError, add, remove, importButton);
        toolbar.setPadding(new Insets(0, 0, 4, 0));

        table.setId("ledgerTable");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label(I18n.t("ledger.empty")));
        List<TableColumn<LedgerRow, String>> cols = new ArrayList<>();
        cols.add(GridEditing.textColumn(I18n.t("ledger.col.date"), r -> r.date, 110));
        cols.add(GridEditing.textColumn(I18n.t("ledger.col.voucher"), r -> r.voucherNo, 90));
        cols.add(GridEditing.textColumn(I18n.t("ledger.col.summary"), r -> r.summary, 320));
        cols.add(GridEditing.textColumn(I18n.t("ledger.col.income"), r -> r.income, 110));
        cols.add(GridEditing.textColumn(I18n.t("ledger.col.expense"), r -> r.expense, 110));
        cols.add(readOnly(I18n.t("ledger.col.balance"), LedgerRow::balanceProperty, 120));
        cols.add(readOnly(I18n.t("ledger.col.problem"), LedgerRow::problemProperty, 220));
        cols.get(5).getStyleClass().add("money");
        cols.get(6).getStyleClass().add("problem");
        table.getColumns().setAll(cols);
        GridEditing.install(table, LedgerRow.EDITABLE_COLUMNS, vm::addRow);
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.V && table.getEditingCell() == null) {
                String text = Clipboard.getSystemClipboard().getString();
                var pos = table.getFocusModel().getFocusedCell();
                vm.pasteTabSeparated(text, pos == null || pos.getRow() < 0 ? vm.rows().size() : pos.getRow());
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE && e.isShortcutDown()) {
                removeSelected(vm);
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label totals = new Label();
        totals.setId("ledgerTotals");
        totals.textProperty().bind(vm.totalsTextProperty());
        totals.getStyleClass().add("totals");
        Label upper = new Label();
        upper.textProperty().bind(vm.closingUppercaseProperty());
        Label hint = new Label(I18n.t("ledger.hint"));
        hint.getStyleClass().add("hint");
        getChildren().addAll(toolbar, table, totals, upper, hint);
    }

    private void removeSelected(LedgerEditorViewModel vm) {
        var rows = table.getSelectionModel().getSelectedCells().stream().map(p -> p.getRow()).distinct()
                .sorted(java.util.Comparator.reverseOrder()).toList();
        for (int r : rows) {
            if (r >= 0 && r < vm.rows().size()) {
                vm.rows().remove(r);
            }
        }
    }

    public TableView<LedgerRow> table() {
        return table;
    }

    private static TableColumn<LedgerRow, String> readOnly(String title,
            java.util.function.Function<LedgerRow, ReadOnlyStringProperty> value, double width) {
        TableColumn<LedgerRow, String> col = new TableColumn<>(title);
        col.setCellValueFactory(d -> value.apply(d.getValue()));
        col.setEditable(false);
        col.setSortable(false);
        col.setPrefWidth(width);
        return col;
    }
}
