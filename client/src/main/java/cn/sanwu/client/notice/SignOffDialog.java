package cn.sanwu.client.notice;

import cn.sanwu.client.i18n.I18n;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** 村务监督委员会 sign-off: the member's name and the 审核意见, entered at the village PC. */
final class SignOffDialog {

    record Answer(String name, String opinion) {
    }

    private SignOffDialog() {
    }

    static Optional<Answer> ask(Window owner) {
        Dialog<Answer> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("review.signOffTitle"));
        TextField name = new TextField();
        name.setId("signOffName");
        TextArea opinion = new TextArea(I18n.t("review.signOffDefault"));
        opinion.setId("signOffOpinion");
        opinion.setPrefRowCount(3);
        opinion.setWrapText(true);
        d.getDialogPane().setContent(new VBox(6, new Label(I18n.t("review.signOffHint")), new Label(I18n.t("review.signOffName")),
                name, new Label(I18n.t("review.signOffOpinion")), opinion));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(name.textProperty().isEmpty().or(opinion.textProperty().isEmpty()));
        d.setResultConverter(b -> b == ButtonType.OK ? new Answer(name.getText().strip(), opinion.getText().strip()) : null);
        return d.showAndWait();
    }
}
