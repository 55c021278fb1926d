package cn.sanwu.client.search;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;

/** Search and filter across all notices. */
public final class SearchView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final TextField searchField;

    public SearchView(SearchViewModel vm, Catalog catalog, Consumer<NoticeSummary> open) {
        setId("search");
        setPadding(new Insets(10));
        TextField text = new TextField();
        text.setId("searchText");
        text.setPromptText(I18n.t("search.prompt"));
        text.setPrefColumnCount(24);
        text.textProperty().bindBidirectional(vm.textProperty());
        ComboBox<Category> category = new ComboBox<>();
        category.getItems().add(null);
        category.getItems().addAll(Category.values());
        category.setConverter(converter(c -> c == null ? I18n.t("search.all") : c.nameZh()));
        category.valueProperty().bindBidirectional(vm.categoryProperty());
        ComboBox<NoticeStatus> status = new ComboBox<>();
        status.getItems().add(null);
        status.getItems().addAll(NoticeStatus.values());
        status.setConverter(converter(s -> s == null ? I18n.t("search.all") : s.nameZh()));
        status.valueProperty().bindBidirectional(vm.statusProperty());
        TextField period = new TextField();
        period.setPromptText("2026-11 / 2026-Q3");
        period.setPrefColumnCount(9);
        period.textProperty().bindBidirectional(vm.periodCodeProperty());
        TextField item = new TextField();
        item.setPromptText("F02");
        item.setPrefColumnCount(5);
        item.textProperty().bindBidirectional(vm.itemCodeProperty());
        FlowPane filters = new FlowPane(8, 6, new Label(I18n.t("search.text")), text, new Label(I18n.t("search.category")),
                category, new Label(I18n.t("search.status")), status, new Label(I18n.t("search.period")), period,
                new Label(I18n.t("search.item")), item);
        Label summary = new Label();
        summary.setId("searchSummary");
        summary.textProperty().bind(vm.summaryProperty());

        TableView<NoticeSummary> results = new TableView<>(vm.results());
        results.setId("searchResults");
        results.getColumns().add(col(I18n.t("search.col.title"), NoticeSummary::title, 380));
        results.getColumns().add(col(I18n.t("search.col.item"),
                s -> s.itemCode() + " " + catalog.find(s.itemCode()).map(i -> i.nameZh()).orElse(""), 260));
        results.getColumns().add(col(I18n.t("search.col.category"), s -> s.category().nameZh(), 80));
        results.getColumns().add(col(I18n.t("search.col.period"), NoticeSummary::periodCode, 90));
        results.getColumns().add(col(I18n.t("search.col.status"), s -> s.status().nameZh(), 90));
        results.getColumns().add(col(I18n.t("search.col.updated"), s -> TIME.format(s.updatedAt()), 130));
        results.setRowFactory(t -> {
            TableRow<NoticeSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && results.getSelectionModel().getSelectedItem() != null) {
                open.accept(results.getSelectionModel().getSelectedItem());
            }
        });
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(6, filters, summary);
        top.setPadding(new Insets(0, 0, 6, 0));
        setTop(top);
        setCenter(results);
        this.searchField = text;
    }

    /** Puts the caret in the words field (the tab was just opened: the clerk wants to type). */
    public void focusSearchField() {
        javafx.application.Platform.runLater(searchField::requestFocus);
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static TableColumn<NoticeSummary, String> col(String title, java.util.function.Function<NoticeSummary, String> f,
            double width) {
        TableColumn<NoticeSummary, String> col = new TableColumn<>(title);
        col.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
