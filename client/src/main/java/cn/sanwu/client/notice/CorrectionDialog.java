package cn.sanwu.client.notice;

import cn.sanwu.client.i18n.I18n;
import java.util.Optional;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * 更正…: asks the public reason of a correction. The dialog stays open with the reason for a
 * refusal (blank, too long) so nothing typed is lost; {@code attempt} answers the refusal, or
 * empty once the correction has started.
 */
final class CorrectionDialog {

    private CorrectionDialog() {
    }

    static void ask(Window owner, Function<String, Optional<String>> attempt) {
        Dialog<ButtonType> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("review.correctTitle"));
        Label hint = new Label(I18n.t("review.correctHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        TextArea reason = new TextArea();
        reason.setId("correctionReason");
        reason.setPrefRowCount(4);
        reason.setWrapText(true);
        Label error = new Label();
        error.setId("correctionError");
        error.getStyleClass().add("problem");
        error.setWrapText(true);
        d.getDialogPane().setContent(new VBox(6, hint, new Label(I18n.t("review.correctReason")), reason, error));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> refused = attempt.apply(reason.getText());
            if (refused.isPresent()) {
                error.setText(refused.get());
                e.consume();
            }
        });
        d.showAndWait();
    }
}
