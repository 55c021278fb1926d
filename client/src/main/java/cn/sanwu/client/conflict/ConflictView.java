package cn.sanwu.client.conflict;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.ConflictService;
import cn.sanwu.model.notice.Notice;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Open sync conflicts: the list on the left; for the selected one, this PC's version and the
 * server's side by side (title, body, journal totals) and the three decisions below them.
 */
public final class ConflictView extends BorderPane {

    private final VersionPane mine = new VersionPane("conflictMine");
    private final VersionPane theirs = new VersionPane("conflictTheirs");

    private final ConflictViewModel vm;

    public ConflictView(ConflictViewModel vm) {
        this.vm = vm;
        setId("conflicts");
        setPadding(new Insets(10));
        ListView<ConflictService.Details> list = new ListView<>(vm.openConflicts());
        list.setId("conflictList");
        list.setPrefWidth(300);
        list.setPlaceholder(new Label(I18n.t("conflict.none")));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConflictService.Details item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : vm.listLabel(item));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, old, now) -> show(now, list));

        Button keepMine = button("keepMine", I18n.t("conflict.keepMine"), vm::keepMine);
        Button takeTheirs = button("takeTheirs", I18n.t("conflict.takeTheirs"), vm::takeTheirs);
        Button editMerge = button("editMerge", I18n.t("conflict.editMerge"), vm::editMerge);
        for (Button b : new Button[] {keepMine, takeTheirs, editMerge}) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        Label message = new Label();
        message.setId("conflictMessage");
        message.textProperty().bind(vm.messageProperty());
        Label explain = new Label(I18n.t("conflict.explain"));
        explain.setWrapText(true);

        HBox versions = new HBox(12, mine, theirs);
        HBox.setHgrow(mine, Priority.ALWAYS);
        HBox.setHgrow(theirs, Priority.ALWAYS);
        VBox.setVgrow(versions, Priority.ALWAYS);
        VBox detail = new VBox(10, explain, versions, new HBox(10, keepMine, takeTheirs, editMerge), message);
        detail.setPadding(new Insets(0, 0, 0, 12));
        setLeft(new VBox(6, new Label(I18n.t("conflict.list")), list));
        setCenter(detail);
        show(vm.selectedProperty().get(), list);
    }

    /** Reads the open conflicts again. */
    public void refresh() {
        vm.refresh();
    }

    private void show(ConflictService.Details d, ListView<ConflictService.Details> list) {
        if (d == null) {
            mine.clear();
            theirs.clear();
            return;
        }
        if (list.getSelectionModel().getSelectedItem() != d) {
            list.getSelectionModel().select(d);
        }
        mine.show(I18n.t("conflict.mine", d.mine().revision()), d.mine());
        if (d.theirs() == null) {
            theirs.clear();
            theirs.heading.setText(I18n.t("conflict.theirsMissing"));
        } else {
            theirs.show(I18n.t("conflict.theirs", d.conflict().serverRevision()), d.theirs());
        }
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** One version, read-only. */
    private static final class VersionPane extends VBox {
        private final Label heading = new Label();
        private final Label title = new Label();
        private final TextArea body = new TextArea();
        private final Label journal = new Label();

        VersionPane(String id) {
            super(6);
            setId(id);
            heading.getStyleClass().add("section-title");
            title.setId(id + "Title");
            title.setWrapText(true);
            body.setId(id + "Body");
            body.setEditable(false);
            body.setWrapText(true);
            journal.setId(id + "Journal");
            journal.setWrapText(true);
            VBox.setVgrow(body, Priority.ALWAYS);
            GridPane titleRow = new GridPane();
            titleRow.setHgap(6);
            titleRow.addRow(0, new Label(I18n.t("conflict.title")), title);
            getChildren().addAll(heading, titleRow, new Label(I18n.t("conflict.body")), body, journal);
        }

        void show(String headingText, Notice n) {
            heading.setText(headingText);
            title.setText(n.content().title());
            body.setText(n.content().body());
            journal.setText(ConflictViewModel.journalTotals(n));
        }

        void clear() {
            heading.setText("");
            title.setText("");
            body.setText("");
            journal.setText("");
        }
    }
}
