package cn.sanwu.client.checklist;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.model.catalog.Category;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Home: what this period requires, one tab per category. Double-click or Enter opens (or starts)
 * the notice; a second button files 不公开备案.
 */
public final class ChecklistView extends BorderPane {

    public ChecklistView(ChecklistViewModel vm, Consumer<ChecklistEntry> open, Consumer<ChecklistEntry> fileNotDisclosed) {
        setId("checklist");
        setPadding(new Insets(10));
        Label headline = new Label();
        headline.setId("checklistHeadline");
        headline.getStyleClass().add("header");
        headline.textProperty().bind(vm.headlineProperty());
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Category c : Category.values()) {
            Tab tab = new Tab(c.nameZh());
            tab.setId("tab-" + c.name());
            tabs.getTabs().add(tab);
            // Only the first category is built at start-up; the others when first shown.
            Runnable build = () -> tab.setContent(categoryPane(vm, c, open, fileNotDisclosed));
            if (tabs.getTabs().size() == 1) {
                build.run();
            } else {
                tab.setOnSelectionChanged(e -> {
                    if (tab.isSelected() && tab.getContent() == null) {
                        build.run();
                    }
                });
            }
        }
        setTop(headline);
        setCenter(tabs);
    }

    private static VBox categoryPane(ChecklistViewModel vm, Category c, Consumer<ChecklistEntry> open,
            Consumer<ChecklistEntry> fileNotDisclosed) {
        {
            TableView<ChecklistEntry> table = table(vm, c, open);
            Button openButton = new Button(I18n.t("checklist.open"));
            openButton.setOnAction(e -> {
                ChecklistEntry sel = table.getSelectionModel().getSelectedItem();
                if (sel != null) {
                    open.accept(sel);
                }
            });
            Button file = new Button(I18n.t("checklist.fileNotDisclosed"));
            file.setOnAction(e -> {
                ChecklistEntry sel = table.getSelectionModel().getSelectedItem();
                if (sel != null) {
                    fileNotDisclosed.accept(sel);
                }
            });
            VBox box = new VBox(6, table, new HBox(8, openButton, file));
            VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
            box.setPadding(new Insets(6, 0, 0, 0));
            return box;
        }
    }

    private static TableView<ChecklistEntry> table(ChecklistViewModel vm, Category c, Consumer<ChecklistEntry> open) {
        TableView<ChecklistEntry> table = new TableView<>(vm.entries(c));
        table.setId("checklist-" + c.name());
        table.getColumns().add(col(I18n.t("checklist.col.item"), e -> e.item().code() + "  " + e.item().nameZh(), 420));
        table.getColumns().add(col(I18n.t("checklist.col.frequency"), e -> e.item().frequency().nameZh(), 110));
        table.getColumns().add(col(I18n.t("checklist.col.period"), e -> e.period() == null ? "—" : e.period().displayZh(), 150));
        table.getColumns().add(col(I18n.t("checklist.col.deadline"), e -> e.deadline() == null ? "—" : e.deadline().toString(), 100));
        TableColumn<ChecklistEntry, String> state = col(I18n.t("checklist.col.state"), e -> I18n.t("state." + e.state().name())
                + (e.late() && e.state() != ChecklistState.OVERDUE ? I18n.t("state.late") : "")
                + (e.reason().isBlank() ? "" : "：" + e.reason()), 260);
        state.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("state-overdue", "state-due", "state-done");
                setText(empty ? null : item);
                ChecklistEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (entry != null) {
                    getStyleClass().add(entry.late() ? "state-overdue" : switch (entry.state()) {
                        case OVERDUE, RETURNED -> "state-overdue";
                        case DUE -> "state-due";
                        default -> "state-done";
                    });
                }
            }
        });
        table.getColumns().add(state);
        table.setRowFactory(t -> {
            TableRow<ChecklistEntry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                // Even counts: a second double-click soon after the first (same spot) arrives as 3+4.
                if (e.getClickCount() % 2 == 0 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open.accept(table.getSelectionModel().getSelectedItem());
            }
        });
        return table;
    }

    private static TableColumn<ChecklistEntry, String> col(String title, java.util.function.Function<ChecklistEntry, String> f,
            double width) {
        TableColumn<ChecklistEntry, String> col = new TableColumn<>(title);
        col.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
