package cn.sanwu.client.ticket;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.client.task.BackgroundRunner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The 群众留言 screen (docs/tickets.md "Client"): the account's tickets from the PC's cache, the
 * selected one's text and steps, and the handling steps. A step is checked here (empty text,
 * closed ticket, close before reply → a Chinese message, nothing queued), then queued durably and
 * sent on the next sync; queued steps and conflicts the server answered are listed with the
 * ticket. Works offline from the cache. Confined to the UI thread; syncs run in the background.
 */
public final class TicketsViewModel {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(CHINA);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    static final int MAX_TEXT = 2000;

    /** One line of the list. */
    public record Row(TicketItem item, boolean overdue, int pending) {
        public String code() {
            return item.displayCode();
        }

        public String kind() {
            return kindZh(item.kind());
        }

        public String category() {
            return item.category() == null ? I18n.t("tickets.unclassified") : categoryZh(item.category());
        }

        public String waitingAt() {
            return waitingZh(item.waitingAt());
        }

        public String due() {
            return item.dueAt() == null ? "" : DAY.format(item.dueAt());
        }

        public String status() {
            String s = item.closed() ? I18n.t("tickets.status.closed")
                    : item.repliedAt() != null ? I18n.t("tickets.status.replied")
                    : overdue ? I18n.t("tickets.status.overdue") : I18n.t("tickets.status.open");
            return pending > 0 ? s + "　" + I18n.t("tickets.pendingCount", pending) : s;
        }
    }

    private final TicketStore store;
    private final TicketClient client;
    private final BackgroundRunner runner;
    private final Clock clock;
    private final String owner;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObservableList<String> pending = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper body = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reply = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper syncLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final StringProperty replyText = new SimpleStringProperty("");
    private final StringProperty verifyText = new SimpleStringProperty("");
    private final StringProperty assignee = new SimpleStringProperty("");
    private final ObjectProperty<String> category = new SimpleObjectProperty<>();
    private final TicketPhotoModel photo;

    public TicketsViewModel(TicketStore store, TicketClient client, BackgroundRunner runner, Clock clock, String owner) {
        this.store = store;
        this.client = client;
        this.runner = runner;
        this.clock = clock;
        this.owner = owner;
        this.photo = new TicketPhotoModel(store, client, runner, clock, owner);
        selected.addListener((o, a, b) -> showSelected());
    }

    /** The selected ticket's photo (thumbnail, note, full size). */
    TicketPhotoModel photo() {
        return photo;
    }

    /** Reads the cache (no network): what the PC knows now. */
    public void reload() {
        String keep = selected.get() == null ? null : selected.get().item().code();
        Instant now = clock.instant();
        List<TicketStore.Action> queued = store.actions(owner, TicketStore.QUEUED);
        rows.setAll(store.cached(owner).stream().map(t -> new Row(t, t.overdue(now),
                (int) queued.stream().filter(a -> a.ticketCode().equals(t.code())).count())).toList());
        selected.set(rows.stream().filter(r -> r.item().code().equals(keep)).findFirst()
                .orElse(rows.isEmpty() ? null : rows.getFirst()));
        showSelected();
        syncLine.set(store.lastPull(owner).map(t -> I18n.t("tickets.lastSync", MINUTE.format(t)))
                .orElse(I18n.t("tickets.neverSynced")) + (queued.isEmpty() ? "" : "　" + I18n.t("tickets.queued", queued.size())));
    }

    /** How to log in again when the window was opened offline (the password typed at opening). */
    private java.util.concurrent.Callable<?> relogin;

    public void setRelogin(java.util.concurrent.Callable<?> relogin) {
        this.relogin = relogin;
    }

    /** Sends queued steps and pulls; logs in first when the window was opened offline. */
    public void sync() {
        if (client == null || (!client.loggedIn() && relogin == null)) {
            message.set(I18n.t("tickets.offlineLogin"));
            return;
        }
        busy.set(true);
        runner.run(() -> {
            if (!client.loggedIn()) {
                relogin.call();
            }
            return new TicketSync(client, store, clock).sync();
        }, outcome -> {
            busy.set(false);
            reload();
            if (outcome.complete()) {
                message.set(I18n.t("tickets.synced", outcome.sent(), outcome.tickets())
                        + (outcome.conflicts() > 0 ? "　" + I18n.t("tickets.conflicts", outcome.conflicts()) : ""));
            } else {
                message.set(I18n.t("tickets.syncStopped", outcome.stoppedBy()));
            }
        }, failure -> {
            busy.set(false);
            message.set(I18n.t("tickets.syncStopped", failure instanceof java.io.IOException
                    ? I18n.t("tickets.offline") : String.valueOf(failure.getMessage())));
        });
    }

    public void classify() {
        if (category.get() == null) {
            message.set(I18n.t("tickets.error.category"));
            return;
        }
        queue("classify", JsonMapping.mapper().createObjectNode().put("category", category.get()), "tickets.step.CLASSIFIED");
    }

    public void assign() {
        String who = assignee.get() == null ? "" : assignee.get().strip();
        if (who.isEmpty()) {
            message.set(I18n.t("tickets.error.assignee"));
            return;
        }
        if (queue("assign", JsonMapping.mapper().createObjectNode().put("assignee", who), "tickets.step.ASSIGNED")) {
            assignee.set("");
        }
    }

    public void verify() {
        text(verifyText, "tickets.error.verifyText").ifPresent(t -> {
            if (queue("verify", JsonMapping.mapper().createObjectNode().put("text", t), "tickets.step.VERIFIED")) {
                verifyText.set("");
            }
        });
    }

    public void reply() {
        text(replyText, "tickets.error.replyText").ifPresent(t -> {
            if (queue("reply", JsonMapping.mapper().createObjectNode().put("text", t), "tickets.step.REPLIED")) {
                replyText.set("");
            }
        });
    }

    public void close() {
        Row r = selected.get();
        if (r != null && r.item().repliedAt() == null && store.actions(owner, TicketStore.QUEUED).stream()
                .noneMatch(a -> a.ticketCode().equals(r.item().code()) && a.step().equals("reply"))) {
            message.set(I18n.t("tickets.error.closeUnanswered"));
            return;
        }
        queue("close", JsonMapping.mapper().createObjectNode(), "tickets.step.CLOSED");
    }

    /** Conflicts of the selected ticket, read: they leave the list (kept in the table). */
    public void dismissConflicts() {
        Row r = selected.get();
        if (r != null) {
            store.actions(owner, TicketStore.CONFLICT).stream().filter(a -> a.ticketCode().equals(r.item().code()))
                    .forEach(a -> store.dismiss(a.actionId()));
            showSelected();
        }
    }

    private Optional<String> text(StringProperty field, String emptyKey) {
        String t = field.get() == null ? "" : field.get().strip();
        if (t.isEmpty()) {
            message.set(I18n.t(emptyKey));
            return Optional.empty();
        }
        if (t.codePointCount(0, t.length()) > MAX_TEXT) {
            message.set(I18n.t("tickets.error.tooLong", MAX_TEXT));
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Queues a step on the selected ticket; false (with a message) when it cannot be taken. */
    private boolean queue(String step, ObjectNode payload, String stepKey) {
        Row r = selected.get();
        if (r == null) {
            message.set(I18n.t("tickets.error.noSelection"));
            return false;
        }
        if (r.item().closed()) {
            message.set(I18n.t("tickets.error.closed"));
            return false;
        }
        store.queue(owner, r.item().code(), step, payload, clock.instant());
        message.set(I18n.t("tickets.queuedStep", I18n.t(stepKey)));
        reload();
        if (client != null && client.loggedIn()) {
            sync();
        }
        return true;
    }

    private void showSelected() {
        Row r = selected.get();
        events.clear();
        pending.clear();
        photo.show(r == null ? null : r.item());
        if (r == null) {
            details.set(I18n.t("tickets.none"));
            body.set("");
            reply.set("");
            return;
        }
        TicketItem t = r.item();
        details.set(I18n.t("tickets.details", t.displayCode(), kindZh(t.kind()), MINUTE.format(t.createdAt()),
                waitingZh(t.waitingAt()), t.dueAt() == null ? "" : DAY.format(t.dueAt()),
                r.overdue() ? I18n.t("tickets.status.overdue") : "",
                t.assignee() == null ? I18n.t("tickets.unassigned") : t.assignee()));
        body.set(t.body());
        reply.set(t.reply() == null ? I18n.t("tickets.noReply") : t.reply());
        for (TicketItem.Event e : t.events()) {
            String detail = e.detail() == null ? "" : "：" + switch (e.step()) {
                case "CLASSIFIED" -> categoryZh(e.detail());
                case "SUBMITTED" -> kindZh(e.detail());
                default -> e.detail();
            };
            events.add(MINUTE.format(e.at()) + "　" + stepZh(e.step()) + detail
                    + (e.actorName() == null ? "" : "（" + e.actorName() + "）")
                    + (e.note() == null ? "" : "\n　　" + e.note()));
        }
        for (TicketStore.Action a : store.actions(owner, null)) {
            if (!a.ticketCode().equals(t.code())) {
                continue;
            }
            String what = stepZh(switch (a.step()) {
                case "classify" -> "CLASSIFIED";
                case "assign" -> "ASSIGNED";
                case "verify" -> "VERIFIED";
                case "reply" -> "REPLIED";
                default -> "CLOSED";
            });
            if (a.state().equals(TicketStore.QUEUED)) {
                pending.add(I18n.t("tickets.pendingLine", what, MINUTE.format(a.queuedAt())));
            } else if (a.state().equals(TicketStore.CONFLICT)) {
                pending.add(I18n.t("tickets.conflictLine", what, a.message()));
            }
        }
    }

    static String kindZh(String kind) {
        return I18n.t("tickets.kind." + kind);
    }

    static String categoryZh(String category) {
        return I18n.t("tickets.category." + category);
    }

    static String waitingZh(String level) {
        return I18n.t("tickets.level." + level);
    }

    static String stepZh(String step) {
        return I18n.t("tickets.step." + step);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ObservableList<String> events() {
        return events;
    }

    public ObservableList<String> pending() {
        return pending;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bodyProperty() {
        return body.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty replyProperty() {
        return reply.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syncLineProperty() {
        return syncLine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public StringProperty replyTextProperty() {
        return replyText;
    }

    public StringProperty verifyTextProperty() {
        return verifyText;
    }

    public StringProperty assigneeProperty() {
        return assignee;
    }

    public ObjectProperty<String> categoryProperty() {
        return category;
    }
}
