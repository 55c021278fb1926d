package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import java.io.File;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The 统计 screen, code-built (ADR 0002): period, table, CSV export. */
public final class StatisticsView extends BorderPane {

    /** Dates as 2026-01-31 whatever the PC's locale; text that is no date becomes no date (the VM says so). */
    static final StringConverter<LocalDate> ISO = new StringConverter<>() {
        @Override
        public String toString(LocalDate d) {
            return d == null ? "" : d.toString();
        }

        @Override
        public LocalDate fromString(String s) {
            try {
                return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    };

    public StatisticsView(StatisticsViewModel vm) {
        setId("statisticsView");
        setPadding(new Insets(10));
        DatePicker from = new DatePicker();
        from.setId("statsFrom");
        from.setConverter(ISO);
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("statsTo");
        to.setConverter(ISO);
        to.valueProperty().bindBidirectional(vm.toProperty());
        Button load = new Button(I18n.t("stats.load"));
        load.setId("statsLoad");
        load.setDefaultButton(true);
        load.setOnAction(e -> vm.load());
        Button export = new Button(I18n.t("stats.export"));
        export.setId("statsExport");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.t("stats.export"));
            chooser.setInitialFileName("统计_" + vm.fromProperty().get() + "_" + vm.toProperty().get() + ".csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                vm.exportCsv(file.toPath());
            }
        });
        HBox top = new HBox(8, new Label(I18n.t("stats.from")), from, new Label(I18n.t("stats.to")), to, load, export);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        TableView<StatisticsViewModel.Line> table = new TableView<>(vm.lines());
        table.setId("statsTable");
        table.getColumns().add(col("stats.col.level", StatisticsViewModel.Line::level, 70));
        table.getColumns().add(col("stats.col.name", StatisticsViewModel.Line::name, 120));
        table.getColumns().add(col("stats.col.code", StatisticsViewModel.Line::code, 130));
        table.getColumns().add(col("stats.col.entered", StatisticsViewModel.Line::entered, 80));
        table.getColumns().add(col("stats.col.published", StatisticsViewModel.Line::published, 80));
        table.getColumns().add(col("stats.col.received", l -> String.valueOf(l.received()), 80));
        table.getColumns().add(col("stats.col.answered", l -> String.valueOf(l.answered()), 80));
        table.getColumns().add(col("stats.col.closed", l -> String.valueOf(l.closed()), 80));
        table.getColumns().add(col("stats.col.overdue", l -> String.valueOf(l.overdue()), 80));
        table.setPlaceholder(new Label(I18n.t("stats.empty")));
        setCenter(table);
        Label message = new Label();
        message.setId("statsMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(8, 0, 0, 0));
        setBottom(message);
    }

    private static <T> TableColumn<T, String> col(String key, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(I18n.t(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
