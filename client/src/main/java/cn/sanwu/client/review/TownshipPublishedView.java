package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Township mode, 已公开: the publications in force of the township's villages and 撤回 with a public reason. */
public final class TownshipPublishedView extends BorderPane {

    public TownshipPublishedView(TownshipPublishedViewModel vm) {
        setId("townshipPublished");
        setPadding(new Insets(10));
        ListView<TownshipPublishedViewModel.Entry> list = new ListView<>(vm.entries());
        list.setId("publishedList");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TownshipPublishedViewModel.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                list.getSelectionModel().clearSelection();
            }
        });
        Button refresh = new Button(I18n.t("township.refresh"));
        refresh.setId("refreshPublished");
        refresh.setOnAction(e -> vm.refresh());
        TextArea reason = new TextArea();
        reason.setId("withdrawReason");
        reason.setPromptText(I18n.t("township.withdrawPrompt"));
        reason.setPrefRowCount(2);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(vm.reasonProperty());
        Button withdraw = new Button(I18n.t("township.withdraw"));
        withdraw.setId("withdrawButton");
        withdraw.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
        withdraw.setOnAction(e -> vm.withdraw());
        Label message = new Label();
        message.setId("publishedMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox box = new VBox(6, new HBox(10, new Label(I18n.t("township.tabPublished")), gap, refresh), list,
                new Label(I18n.t("township.withdrawReason")), reason, new HBox(10, message, withdraw));
        VBox.setVgrow(list, Priority.ALWAYS);
        setCenter(box);
    }
}
