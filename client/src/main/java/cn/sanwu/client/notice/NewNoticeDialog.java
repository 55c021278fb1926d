package cn.sanwu.client.notice;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.model.catalog.CatalogItem;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/** Dialog for {@link NewNoticeViewModel}; returns the item and period when the choice is valid. */
public final class NewNoticeDialog {

    public record Choice(CatalogItem item, cn.sanwu.model.period.Period period) {
    }

    private NewNoticeDialog() {
    }

    public static Optional<Choice> show(NewNoticeViewModel vm, java.util.List<CatalogItem> items) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.setTitle(I18n.t("newNotice.title"));
        ComboBox<CatalogItem> item = new ComboBox<>();
        item.getItems().setAll(items);
        item.setConverter(new StringConverter<>() {
            @Override
            public String toString(CatalogItem i) {
                return i == null ? "" : i.category().nameZh() + "　" + i.code() + " " + i.nameZh() + "（" + i.frequency().nameZh() + "）";
            }

            @Override
            public CatalogItem fromString(String s) {
                return null;
            }
        });
        item.valueProperty().bindBidirectional(vm.itemProperty());
        TextField period = new TextField();
        period.textProperty().bindBidirectional(vm.periodCodeProperty());
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(vm.problemProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(I18n.t("newNotice.item")), item);
        grid.addRow(1, new Label(I18n.t("newNotice.period")), period);
        grid.add(problem, 1, 2);
        grid.add(new Label(I18n.t("newNotice.periodHelp")), 1, 3);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(javafx.beans.binding.Bindings.isNotEmpty(vm.problemProperty()));
        dialog.setResultConverter(b -> b == ButtonType.OK ? new Choice(vm.itemProperty().get(), vm.period()) : null);
        return dialog.showAndWait();
    }
}
