package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.LedgerTableView;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.period.Period;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Township mode, 村账乡管录入: on the left what the township entered for its villages (state, 只读
 * when locked), 打开 / 新录入; on the right village, item, period, title, the village editor's
 * ledger table, 发送到村 (or 保存修改 for an opened notice). A duplicate asks, in a dialog, whether
 * to open the existing notice.
 */
public final class TownshipEntryView extends BorderPane {

    static final ButtonType OPEN_EXISTING = new ButtonType(I18n.t("township.duplicateOpen"), ButtonBar.ButtonData.OK_DONE);
    static final ButtonType PROCEED = new ButtonType(I18n.t("township.duplicateProceed"), ButtonBar.ButtonData.OTHER);
    static final ButtonType CANCEL = new ButtonType(I18n.t("township.duplicateCancel"), ButtonBar.ButtonData.CANCEL_CLOSE);

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
        item.setPrefWidth(300);
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
        Label mode = new Label();
        mode.setId("entryMode");
        mode.setWrapText(true);
        mode.textProperty().bind(vm.modeProperty());
        mode.setStyle("-fx-font-weight: bold;");
        mode.setMinHeight(Region.USE_PREF_SIZE); // the whole reason, wrapped, never cut off
        Button send = new Button();
        send.setId("entrySend");
        send.textProperty().bind(javafx.beans.binding.Bindings.when(vm.editingProperty().isNull())
                .then(I18n.t("township.entrySend")).otherwise(I18n.t("township.entrySaveEdit")));
        send.disableProperty().bind(vm.busyProperty().or(vm.readOnlyProperty()));
        send.setOnAction(e -> {
            cn.sanwu.client.ui.GridEditing.commitOpenEdit(ledger.table());
            vm.send();
        });
        // A locked notice is shown, not changed: the server would refuse the change anyway.
        for (javafx.scene.Node n : new javafx.scene.Node[] {village, item, period, title, body, ledger}) {
            n.disableProperty().bind(vm.readOnlyProperty());
        }
        Label message = new Label();
        message.setId("entryMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox what = new HBox(8, label("township.entryVillage"), village, label("township.entryItem"), item,
                label("township.entryPeriod"), period);
        what.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox form = new VBox(6, hint, mode, what,
                new HBox(8, new Label(I18n.t("township.entryTitle")), title), new Label(I18n.t("township.entryBody")), body,
                ledger, new HBox(10, message, gap, send));
        VBox.setVgrow(ledger, Priority.ALWAYS);
        form.setPadding(new Insets(0, 0, 0, 10));
        setCenter(form);
        setLeft(list(vm));
        vm.duplicateProperty().addListener((o, a, b) -> {
            if (b != null) {
                showDuplicate(vm, b);
            }
        });
    }

    private static VBox list(TownshipEntryViewModel vm) {
        ListView<VillageNotice> list = new ListView<>(vm.entered());
        list.setId("entryList");
        list.setPrefWidth(330);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(VillageNotice n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.label());
                setWrapText(true);
                setPrefWidth(0); // wrap inside the list's width instead of scrolling sideways
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                vm.open(list.getSelectionModel().getSelectedItem().noticeId());
            }
        });
        Button open = new Button(I18n.t("township.entryOpen"));
        open.setId("entryOpen");
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        open.setOnAction(e -> vm.open(list.getSelectionModel().getSelectedItem().noticeId()));
        Button fresh = new Button(I18n.t("township.entryNew"));
        fresh.setId("entryNew");
        fresh.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            vm.newEntry();
        });
        Button refresh = new Button(I18n.t("township.refresh"));
        refresh.setId("entryRefresh");
        refresh.setOnAction(e -> vm.refresh());
        CheckBox all = new CheckBox(I18n.t("township.entryShowAll"));
        all.setId("entryShowAll");
        all.selectedProperty().bindBidirectional(vm.showAllProperty());
        VBox box = new VBox(6, new Label(I18n.t("township.entryListTitle")), all, list, new HBox(8, open, fresh, refresh));
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    /** The duplicate warning: open the existing notice, proceed (only where the rule allows), or cancel. */
    private void showDuplicate(TownshipEntryViewModel vm, EntryDuplicates.Verdict v) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        if (getScene() != null && getScene().getWindow() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.setTitle(I18n.t("township.duplicateTitle"));
        alert.setHeaderText(I18n.t("township.duplicateTitle"));
        alert.setContentText(v.message());
        alert.getDialogPane().setId("duplicateDialog");
        alert.getDialogPane().setPrefWidth(520);
        alert.getButtonTypes().setAll(v.mayProceed() ? new ButtonType[] {OPEN_EXISTING, PROCEED, CANCEL}
                : new ButtonType[] {OPEN_EXISTING, CANCEL});
        alert.getDialogPane().lookupButton(OPEN_EXISTING).setId("duplicateOpen");
        alert.getDialogPane().lookupButton(CANCEL).setId("duplicateCancel");
        if (v.mayProceed()) {
            alert.getDialogPane().lookupButton(PROCEED).setId("duplicateProceed");
        }
        var css = TownshipEntryView.class.getResource("/cn/sanwu/client/app/sanwu.css");
        if (css != null) {
            alert.getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        // Not showAndWait: the warning comes from a background reply; the answer is handled when it closes.
        alert.setOnHidden(e -> {
            ButtonType answer = alert.getResult();
            if (answer == OPEN_EXISTING) {
                vm.openDuplicate();
            } else if (answer == PROCEED) {
                vm.proceedDespiteDuplicate();
            } else {
                vm.dismissDuplicate();
            }
        });
        alert.show();
    }

    /** A field label that keeps its words when the row is tight (the list beside the form takes room). */
    private static Label label(String key) {
        Label l = new Label(I18n.t(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setMaxHeight(Double.MAX_VALUE);
        return l;
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
