package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.LedgerTableView;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.period.Period;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Township mode, 村账乡管录入: village, item, period, title, the village editor's ledger table, 发送到村. */
public final class TownshipEntryView extends BorderPane {

    private final LedgerTableView ledger;

    public TownshipEntryView(TownshipEntryViewModel vm, ObservableVillages villages, Consumer<LedgerEditorViewModel> onImport) {
        setId("townshipEntry");
        setPadding(new Insets(10));
        ComboBox<TownshipPublishedViewModel.Village> village = new ComboBox<>(villages.list());
        village.setId("entryVillage");
        village.valueProperty().bindBidirectional(vm.villageProperty());
        ComboBox<CatalogItem> item = new ComboBox<>(vm.items());
        item.setId("entryItem");
        item.setConverter(converter(i -> i.code() + " " + i.nameZh()));
        item.valueProperty().bindBidirectional(vm.itemProperty());
        ComboBox<Period> period = new ComboBox<>(vm.periods());
        period.setId("entryPeriod");
        period.setConverter(converter(Period::displayZh));
        period.valueProperty().bindBidirectional(vm.periodProperty());
        TextField title = new TextField();
        title.setId("entryTitle");
        title.textProperty().bindBidirectional(vm.titleProperty());
        HBox.setHgrow(title, Priority.ALWAYS);
        TextArea body = new TextArea();
        body.setId("entryBody");
        body.setPrefRowCount(2);
        body.setWrapText(true);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        ledger = new LedgerTableView(vm.ledger(), onImport);
        Label hint = new Label(I18n.t("township.entryHint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Button send = new Button(I18n.t("township.entrySend"));
        send.setId("entrySend");
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> {
            cn.sanwu.client.ui.GridEditing.commitOpenEdit(ledger.table());
            vm.send();
        });
        Label message = new Label();
        message.setId("entryMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox box = new VBox(6, hint,
                new HBox(8, new Label(I18n.t("township.entryVillage")), village, new Label(I18n.t("township.entryItem")), item,
                        new Label(I18n.t("township.entryPeriod")), period),
                new HBox(8, new Label(I18n.t("township.entryTitle")), title), new Label(I18n.t("township.entryBody")), body,
                ledger, new HBox(10, message, gap, send));
        VBox.setVgrow(ledger, Priority.ALWAYS);
        setCenter(box);
    }

    /** The villages the entry may be for (loaded with the 已公开 list). */
    public record ObservableVillages(javafx.collections.ObservableList<TownshipPublishedViewModel.Village> list) {
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
