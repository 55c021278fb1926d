package cn.sanwu.client.refused;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.RefusedChangesService;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The 被拒绝的修改 tab over {@link RefusedViewModel}. */
public final class RefusedView extends VBox {

    private final RefusedViewModel vm;

    public RefusedView(RefusedViewModel vm) {
        this.vm = vm;
        setId("refused");
        setSpacing(8);
        setPadding(new Insets(10));
        Label explain = new Label(I18n.t("refused.explain"));
        explain.setWrapText(true);
        ListView<RefusedChangesService.Refused> list = new ListView<>(vm.items());
        list.setId("refusedList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RefusedChangesService.Refused item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : vm.describe(item));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, old, now) -> list.getSelectionModel().select(now));
        VBox.setVgrow(list, Priority.ALWAYS);
        Button open = new Button(I18n.t("refused.open"));
        open.setId("refusedOpen");
        open.setOnAction(e -> vm.openSelected());
        Button requeue = new Button(I18n.t("refused.requeue"));
        requeue.setId("refusedRequeue");
        requeue.setOnAction(e -> vm.requeueSelected());
        open.disableProperty().bind(vm.selectedProperty().isNull());
        requeue.disableProperty().bind(vm.selectedProperty().isNull());
        Label message = new Label();
        message.setId("refusedMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        getChildren().addAll(explain, list, new HBox(10, open, requeue), message);
    }

    public void refresh() {
        vm.refresh();
    }
}
