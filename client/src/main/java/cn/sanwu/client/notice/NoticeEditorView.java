package cn.sanwu.client.notice;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.ledger.LedgerTableView;
import cn.sanwu.client.recipients.RecipientTableView;
import cn.sanwu.client.ui.GridEditing;
import cn.sanwu.model.notice.Notice;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The notice editor screen: header, title, body, the item's table editor, problems and save state. */
public final class NoticeEditorView extends BorderPane {

    private final NoticeEditorViewModel vm;
    /** The ledger or recipient grid, if the item has one. */
    private TableView<?> grid;
    private Runnable onPrint;

    public NoticeEditorView(NoticeEditorViewModel vm, String villageName, Consumer<LedgerEditorViewModel> onImport) {
        this.vm = vm;
        setId("noticeEditor");
        setPadding(new Insets(10));
        Notice n = vm.current();
        Label header = new Label(villageName + "　" + vm.item().category().nameZh() + "　" + vm.item().code() + " "
                + vm.item().nameZh() + "　" + n.content().period().displayZh());
        header.getStyleClass().add("header");
        header.setWrapText(true);
        Label status = new Label();
        status.setId("noticeStatus");
        status.textProperty().bind(vm.statusTextProperty());
        Label reviewLine = new Label();
        reviewLine.setId("reviewLine");
        reviewLine.setWrapText(true);
        reviewLine.getStyleClass().add("review-line");
        reviewLine.textProperty().bind(vm.reviewTextProperty());
        Button signOff = new Button(I18n.t("review.signOffButton"));
        signOff.setId("signOffButton");
        signOff.disableProperty().bind(vm.canSignOffProperty().not());
        signOff.setOnAction(e -> SignOffDialog.ask(getScene() == null ? null : getScene().getWindow())
                .ifPresent(a -> vm.signOff(a.name(), a.opinion())));
        Button submit = new Button(I18n.t("review.submitButton"));
        submit.setId("submitButton");
        submit.disableProperty().bind(vm.canSubmitProperty().not());
        submit.setOnAction(e -> vm.submit());
        Button correct = new Button(I18n.t("review.correctButton"));
        correct.setId("correctButton");
        correct.visibleProperty().bind(vm.canCorrectProperty());
        correct.managedProperty().bind(correct.visibleProperty());
        correct.setOnAction(e -> CorrectionDialog.ask(getScene() == null ? null : getScene().getWindow(), vm::correct));
        HBox statusRow = new HBox(10, status, reviewLine);
        HBox.setHgrow(reviewLine, Priority.ALWAYS);

        TextField title = new TextField();
        title.setId("noticeTitle");
        title.textProperty().bindBidirectional(vm.titleProperty());
        title.editableProperty().bind(vm.readOnlyProperty().not());
        TextArea body = new TextArea();
        body.setId("noticeBody");
        body.setWrapText(true);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        body.editableProperty().bind(vm.readOnlyProperty().not());

        // The publications of this notice (公开编号, dates, correction reasons, superseded, withdrawn).
        ListView<String> history = new ListView<>(vm.history());
        history.setId("publicationHistory");
        // Fixed height for two publications (a correction and what it superseded); the grid takes the rest.
        history.setPrefHeight(84);
        history.setMinHeight(84);
        Label historyLabel = new Label(I18n.t("review.history"));
        var hasHistory = javafx.beans.binding.Bindings.isNotEmpty(vm.history());
        for (javafx.scene.Node node : new javafx.scene.Node[] {history, historyLabel}) {
            node.visibleProperty().bind(hasHistory);
            node.managedProperty().bind(hasHistory);
        }
        VBox content = new VBox(6, header, statusRow, historyLabel, history, new Label(I18n.t("editor.title")), title,
                new Label(I18n.t("editor.body")), body);
        if (vm.ledger() != null) {
            body.setPrefRowCount(3);
            LedgerTableView ledger = new LedgerTableView(vm.ledger(), onImport);
            grid = ledger.table();
            VBox.setVgrow(ledger, Priority.ALWAYS);
            content.getChildren().add(ledger);
        } else if (vm.recipients() != null) {
            body.setPrefRowCount(3);
            RecipientTableView recipients = new RecipientTableView(vm.recipients());
            grid = recipients.table();
            VBox.setVgrow(recipients, Priority.ALWAYS);
            content.getChildren().add(recipients);
        } else {
            body.setPrefRowCount(18);
            VBox.setVgrow(body, Priority.ALWAYS);
        }
        setCenter(content);

        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("problems");
        problems.setPrefHeight(70);
        problems.getStyleClass().add("problems");
        Label problemsLabel = new Label(I18n.t("editor.problems"));
        // Only take space when there is something to say: the ledger needs the room.
        var hasProblems = javafx.beans.binding.Bindings.isNotEmpty(vm.problems());
        problems.visibleProperty().bind(hasProblems);
        problems.managedProperty().bind(hasProblems);
        problemsLabel.visibleProperty().bind(hasProblems);
        problemsLabel.managedProperty().bind(hasProblems);
        Button save = new Button(I18n.t("editor.save"));
        save.setId("saveNotice");
        save.setDefaultButton(false);
        save.disableProperty().bind(vm.readOnlyProperty());
        save.setOnAction(e -> save());
        Label saveState = new Label();
        saveState.setId("saveState");
        saveState.textProperty().bind(vm.saveStateProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button print = new Button(I18n.t("print.open"));
        print.setId("printPreviewButton");
        print.setOnAction(e -> {
            if (onPrint != null) {
                onPrint.run();
            }
        });
        HBox actions = new HBox(10, saveState, spacer, correct, signOff, submit, print, save);
        VBox bottom = new VBox(6, problemsLabel, problems, actions);
        bottom.setPadding(new Insets(8, 0, 0, 0));
        setBottom(bottom);
    }

    /** What 打印预览 does (the window owns printing: it knows the village and the exports). */
    public void setOnPrint(Runnable action) {
        this.onPrint = action;
    }

    /** Saves now, including the text of a grid cell still being typed in (Ctrl+S, the save button). */
    public void save() {
        commitOpenCell();
        vm.save();
    }

    /**
     * Saves pending changes before the tab or the window closes, including an open grid cell.
     *
     * @return false if they could not be saved (the caller asks the user)
     */
    public boolean flush() {
        commitOpenCell();
        return vm.flush();
    }

    private void commitOpenCell() {
        if (grid != null) {
            GridEditing.commitOpenEdit(grid);
        }
    }

    public NoticeEditorViewModel viewModel() {
        return vm;
    }
}
