package cn.sanwu.client.enroll;

import cn.sanwu.client.i18n.I18n;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * 登记到同步服务器: a small form over {@link EnrollmentViewModel}. The 登记 button sends and keeps
 * the dialog open until the answer arrives, so a refusal can be corrected in place; after success
 * the button becomes 关闭.
 */
public final class EnrollmentDialog {

    private EnrollmentDialog() {
    }

    public static Dialog<ButtonType> create(Window owner, EnrollmentViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(I18n.t("enroll.title"));
        dialog.setHeaderText(I18n.t("enroll.header"));
        ButtonType send = new ButtonType(I18n.t("enroll.send"), ButtonBar.ButtonData.OK_DONE);
        ButtonType close = new ButtonType(I18n.t("enroll.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(send, close);
        dialog.getDialogPane().setId("enrollDialog");

        TextField address = new TextField();
        address.setId("enrollAddress");
        address.setPromptText("https://sanwu.example.gov.cn");
        address.textProperty().bindBidirectional(vm.serverAddressProperty());
        TextField code = new TextField();
        code.setId("enrollCode");
        code.setPromptText("K7M2-PQ9X-4HTR");
        code.textProperty().bindBidirectional(vm.codeProperty());
        TextField name = new TextField();
        name.setId("enrollName");
        name.textProperty().bindBidirectional(vm.deviceNameProperty());
        for (TextField f : new TextField[] {address, code, name}) {
            f.setPrefColumnCount(28);
            f.disableProperty().bind(vm.busyProperty().or(vm.enrolledProperty()));
        }

        Label hint = new Label(I18n.t("enroll.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        hint.getStyleClass().add("hint");
        // Wrapped labels in a grid otherwise get one line's height and end in "…".
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("enrollMessage");
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.textProperty().bind(vm.messageProperty());
        message.setMinHeight(Region.USE_PREF_SIZE);
        vm.failedProperty().addListener((o, was, isFailed) -> message.setStyle(isFailed ? "-fx-text-fill: #b00020;" : ""));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.setPadding(new Insets(10));
        form.addRow(0, new Label(I18n.t("enroll.address")), address);
        form.addRow(1, new Label(I18n.t("enroll.code")), code);
        form.addRow(2, new Label(I18n.t("enroll.name")), name);
        form.add(hint, 0, 3, 2, 1);
        HBox status = new HBox(6, progress, message);
        status.setMinHeight(Region.USE_PREF_SIZE);
        form.add(status, 0, 4, 2, 1);
        dialog.getDialogPane().setContent(form);

        // A longer message (a refusal, the device id) needs more room: grow the window with it.
        message.textProperty().addListener((o, old, now) -> javafx.application.Platform.runLater(() -> {
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        }));
        Button sendButton = (Button) dialog.getDialogPane().lookupButton(send);
        sendButton.setId("enrollSend");
        sendButton.disableProperty().bind(vm.busyProperty().or(vm.enrolledProperty()));
        // Keep the dialog open: the answer arrives later, and a refusal is corrected in place.
        sendButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.enroll();
        });
        if (!vm.enrolledProperty().get()) {
            address.requestFocus();
        }
        return dialog;
    }
}
