package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The township mode screen: queue on the left; on the right the submission beside its diff from
 * the previous version and the same item last period, the automatic checks, and the decision.
 */
public final class TownshipReviewView extends BorderPane {

    public TownshipReviewView(TownshipReviewViewModel vm, String reviewerLine) {
        setId("townshipReview");
        setPadding(new Insets(10));
        Label who = new Label(reviewerLine);
        who.getStyleClass().add("header");
        Button refresh = new Button(I18n.t("township.refresh"));
        refresh.setId("refreshQueue");
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, who, spacer, refresh);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        ListView<TownshipReviewViewModel.Entry> queue = new ListView<>(vm.entries());
        queue.setId("reviewQueue");
        queue.setPrefWidth(300);
        queue.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TownshipReviewViewModel.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        queue.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && queue.getSelectionModel().getSelectedItem() != b) {
                queue.getSelectionModel().select(b);
            }
        });
        VBox left = new VBox(6, new Label(I18n.t("township.queue")), queue);
        VBox.setVgrow(queue, Priority.ALWAYS);

        Label previousTitle = new Label();
        previousTitle.textProperty().bind(vm.previousTitleProperty());
        Label lastTitle = new Label();
        lastTitle.textProperty().bind(vm.lastPeriodTitleProperty());
        SplitPane columns = new SplitPane(
                column(new Label(I18n.t("township.current")), lines(vm.currentLines(), "currentContent")),
                column(previousTitle, lines(vm.previousLines(), "previousDiff")),
                column(lastTitle, lines(vm.lastPeriodLines(), "lastPeriodContent")));
        columns.setDividerPositions(0.36, 0.68);
        Label details = new Label();
        details.setId("submissionDetails");
        details.setWrapText(true);
        details.textProperty().bind(vm.detailsProperty());
        ListView<String> checks = lines(vm.checks(), "financeChecks");
        checks.setPrefHeight(90);
        TextArea comment = new TextArea();
        comment.setId("returnComment");
        comment.setPromptText(I18n.t("township.commentPrompt"));
        comment.setPrefRowCount(2);
        comment.setWrapText(true);
        comment.textProperty().bindBidirectional(vm.commentProperty());
        Button back = new Button(I18n.t("township.return"));
        back.setId("returnButton");
        back.setOnAction(e -> vm.returnSelected());
        Button approve = new Button(I18n.t("township.approve"));
        approve.setId("approveButton");
        approve.setOnAction(e -> vm.approve(false));
        Button publish = new Button(I18n.t("township.approvePublish"));
        publish.setId("approvePublishButton");
        publish.setDefaultButton(true);
        publish.setOnAction(e -> vm.approve(true));
        for (Button b : new Button[] {back, approve, publish}) {
            b.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
        }
        Label message = new Label();
        message.setId("reviewMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.refusedProperty().addListener((o, a, b) -> {
            message.getStyleClass().remove("problem");
            if (b) {
                message.getStyleClass().add("problem");
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(10, message, gap, back, approve, publish);
        VBox right = new VBox(6, details, columns, new Label(I18n.t("township.checks")), checks,
                new Label(I18n.t("township.comment")), comment, buttons);
        VBox.setVgrow(columns, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 10));

        SplitPane main = new SplitPane(left, right);
        main.setOrientation(Orientation.HORIZONTAL);
        main.setDividerPositions(0.25);
        setCenter(main);
    }

    private static VBox column(Label title, ListView<String> lines) {
        VBox box = new VBox(4, title, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
        return box;
    }

    private static ListView<String> lines(javafx.collections.ObservableList<String> items, String id) {
        ListView<String> list = new ListView<>(items);
        list.setId(id);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    if (item.startsWith("+ ")) {
                        getStyleClass().add("diff-added");
                    } else if (item.startsWith("- ")) {
                        getStyleClass().add("diff-removed");
                    }
                }
            }
        });
        return list;
    }
}
