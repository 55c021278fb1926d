package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The 群众留言 screen, code-built (ADR 0002): the list on the left (overdue lines in red), the
 * selected ticket on the right — resident's text as the server gave it, the reply, the steps —
 * and the handling controls below.
 */
public final class TicketsView extends BorderPane {

    public TicketsView(TicketsViewModel vm, String staffLine) {
        setId("ticketsView");
        setPadding(new Insets(10));
        Label who = new Label(staffLine);
        who.getStyleClass().add("header");
        Label syncLine = new Label();
        syncLine.setId("ticketSyncLine");
        syncLine.textProperty().bind(vm.syncLineProperty());
        Button sync = new Button(I18n.t("tickets.sync"));
        sync.setId("ticketSync");
        sync.disableProperty().bind(vm.busyProperty());
        sync.setOnAction(e -> vm.sync());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, who, spacer, syncLine, sync);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        TableView<TicketsViewModel.Row> table = new TableView<>(vm.rows());
        table.setId("ticketTable");
        table.getColumns().add(column("tickets.col.code", TicketsViewModel.Row::code, 150));
        table.getColumns().add(column("tickets.col.kind", TicketsViewModel.Row::kind, 70));
        table.getColumns().add(column("tickets.col.category", TicketsViewModel.Row::category, 80));
        table.getColumns().add(column("tickets.col.waiting", TicketsViewModel.Row::waitingAt, 80));
        table.getColumns().add(column("tickets.col.due", TicketsViewModel.Row::due, 100));
        table.getColumns().add(column("tickets.col.status", TicketsViewModel.Row::status, 120));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TicketsViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                // Overdue: red, so an unanswered ticket past its 10 days cannot be overlooked.
                setStyle(!empty && item != null && item.overdue() ? "-fx-background-color: #fde2e1; -fx-text-background-color: #b00020;"
                        : "");
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        table.setPlaceholder(new Label(I18n.t("tickets.none")));

        Label details = new Label();
        details.setId("ticketDetails");
        details.setWrapText(true);
        details.textProperty().bind(vm.detailsProperty());
        details.setMinHeight(Region.USE_PREF_SIZE); // two lines, even when the photo makes the column tight
        TextArea body = readOnly("ticketBody", 4);
        body.textProperty().bind(vm.bodyProperty());
        TextArea reply = readOnly("ticketReply", 2);
        reply.textProperty().bind(vm.replyProperty());
        ListView<String> events = new ListView<>(vm.events());
        events.setId("ticketEvents");
        events.setPrefHeight(130);
        events.setCellFactory(l -> wrapping());
        ListView<String> pending = new ListView<>(vm.pending());
        pending.setId("ticketPending");
        pending.setPrefHeight(60);
        pending.setCellFactory(l -> wrapping());
        Button dismiss = new Button(I18n.t("tickets.dismiss"));
        dismiss.setId("ticketDismiss");
        dismiss.setOnAction(e -> vm.dismissConflicts());

        ComboBox<String> category = new ComboBox<>(FXCollections.observableArrayList("POLICY_QUERY", "PROBLEM_LEAD", "OTHER"));
        category.setId("ticketCategory");
        category.setPromptText(I18n.t("tickets.chooseCategory"));
        category.setConverter(new StringConverter<>() {
            @Override
            public String toString(String c) {
                return c == null ? "" : TicketsViewModel.categoryZh(c);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        category.valueProperty().bindBidirectional(vm.categoryProperty());
        Button classify = button("ticketClassify", "tickets.classify", vm::classify);
        TextField assignee = new TextField();
        assignee.setId("ticketAssignee");
        assignee.setPromptText(I18n.t("tickets.assigneePrompt"));
        assignee.textProperty().bindBidirectional(vm.assigneeProperty());
        Button assign = button("ticketAssign", "tickets.assign", vm::assign);
        HBox firstRow = new HBox(8, category, classify, new Label("　"), assignee, assign);

        TextArea verify = input("ticketVerifyText", "tickets.verifyPrompt");
        verify.textProperty().bindBidirectional(vm.verifyTextProperty());
        Button verifyButton = button("ticketVerify", "tickets.verify", vm::verify);
        TextArea replyText = input("ticketReplyText", "tickets.replyPrompt");
        replyText.textProperty().bindBidirectional(vm.replyTextProperty());
        Button replyButton = button("ticketReplyButton", "tickets.reply", vm::reply);
        Button close = button("ticketClose", "tickets.close", vm::close);
        HBox.setHgrow(verify, Priority.ALWAYS);
        HBox.setHgrow(replyText, Priority.ALWAYS);
        HBox verifyRow = new HBox(8, verify, verifyButton);
        HBox replyRow = new HBox(8, replyText, new VBox(6, replyButton, close));
        for (Button b : new Button[] {classify, assign, verifyButton, replyButton, close}) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }

        Label message = new Label();
        message.setId("ticketMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        HBox.setHgrow(body, Priority.ALWAYS);
        HBox bodyRow = new HBox(8, body, new TicketPhotoPane(vm.photo()));
        VBox right = new VBox(6, details, new Label(I18n.t("tickets.body")), bodyRow, new Label(I18n.t("tickets.replyNow")), reply,
                new Label(I18n.t("tickets.events")), events, new HBox(8, new Label(I18n.t("tickets.pending")), dismiss), pending,
                firstRow, verifyRow, replyRow, message);
        VBox.setVgrow(events, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 10));
        SplitPane main = new SplitPane(table, right);
        main.setDividerPositions(0.46);
        setCenter(main);
    }

    private static <T> TableColumn<T, String> column(String key, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(I18n.t(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TextArea readOnly(String id, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(true);
        a.setPrefRowCount(rows);
        return a;
    }

    private static TextArea input(String id, String promptKey) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setWrapText(true);
        a.setPrefRowCount(2);
        a.setPromptText(I18n.t(promptKey));
        return a;
    }

    private static Button button(String id, String key, Runnable action) {
        Button b = new Button(I18n.t(key));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE); // a squeezed "..." button says nothing
        b.setOnAction(e -> action.run());
        return b;
    }

    private static ListCell<String> wrapping() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        };
    }
}
