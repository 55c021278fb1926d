package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
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
 * The township reviewer's queue (docs/review.md "Client"): its villages' submissions oldest first;
 * for the selected one the content beside the previous version and the same item last period, the
 * line diffs, the server's automatic checks; approve (optionally publishing at once), or return
 * with a comment. Every server call runs in the background; the answer is applied on the UI
 * thread. Confined to the UI thread.
 */
public final class TownshipReviewViewModel {

    /** One submission of the queue, as the server sent it. */
    public record Entry(JsonNode json) {
        public UUID noticeId() {
            return UUID.fromString(json.path("noticeId").asText());
        }

        public int revision() {
            return json.path("revision").asInt();
        }

        public String contentHash() {
            return json.path("contentHash").asText();
        }

        public NoticeContent content() {
            return content("content");
        }

        NoticeContent content(String field) {
            JsonNode c = json.get(field);
            return c == null || c.isNull() ? null : ModelJson.mapper().convertValue(c, NoticeContent.class);
        }

        /** The list line: village, title, period, filing marker. */
        public String label() {
            NoticeContent c = content();
            return json.path("villageName").asText() + "　" + c.title() + "　" + c.period().displayZh()
                    + (json.path("filing").asBoolean() ? "　" + I18n.t("township.filing") : "")
                    + (json.path("correctionReason").asText("").isEmpty() ? "" : "　" + I18n.t("township.correction"));
        }
    }

    private final ReviewClient client;
    private final BackgroundRunner runner;
    private final Clock clock;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> current = FXCollections.observableArrayList();
    private final ObservableList<String> previous = FXCollections.observableArrayList();
    private final ObservableList<String> lastPeriod = FXCollections.observableArrayList();
    private final ObservableList<String> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previousTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastPeriodTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final StringProperty comment = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** The last action was refused (the message then says why, shown as an error). */
    private final ReadOnlyBooleanWrapper refused = new ReadOnlyBooleanWrapper(false);

    public TownshipReviewViewModel(ReviewClient client, BackgroundRunner runner, Clock clock) {
        this.client = client;
        this.runner = runner;
        this.clock = clock;
        selected.addListener((o, a, b) -> show(b));
    }

    /** Reloads the queue from the server. */
    public void refresh() {
        refresh(null);
    }

    /** Reloads; {@code outcome} (what the last action did) stays on screen instead of the count. */
    private void refresh(String outcome) {
        call(client::queue, list -> {
            UUID keep = selected.get() == null ? null : selected.get().noticeId();
            entries.setAll(list.stream().map(Entry::new).toList());
            message.set(outcome != null ? outcome : I18n.t("township.queueCount", entries.size()));
            selected.set(entries.stream().filter(e -> e.noticeId().equals(keep)).findFirst()
                    .orElse(entries.isEmpty() ? null : entries.getFirst()));
        });
    }

    /** Approves the selected submission for exactly its revision and content hash; {@code publish}: and publishes it. */
    public void approve(boolean publish) {
        Entry e = selected.get();
        if (e == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        call(() -> {
            JsonNode approved = client.approve(e.noticeId(), e.revision(), e.contentHash());
            if (!publish || !"APPROVED".equals(approved.path("status").asText())) {
                return approved;
            }
            return client.publish(e.noticeId(), approved.path("revision").asInt(), today, today.plusDays(29));
        }, answer -> {
            String number = answer.path("publicationNumber").asText("");
            comment.set("");
            refresh(number.isEmpty() ? I18n.t("township.approved", e.content().title())
                    : I18n.t("township.published", e.content().title(), number));
        });
    }

    /** Returns the selected submission with the comment (required: the village must know why). */
    public void returnSelected() {
        Entry e = selected.get();
        if (e == null) {
            return;
        }
        if (comment.get() == null || comment.get().isBlank()) {
            message.set(I18n.t("township.commentRequired"));
            return;
        }
        String text = comment.get().strip();
        call(() -> client.returnToVillage(e.noticeId(), e.revision(), text), answer -> {
            comment.set("");
            refresh(I18n.t("township.returned", e.content().title()));
        });
    }

    private void show(Entry e) {
        if (e == null) {
            current.clear();
            previous.clear();
            lastPeriod.clear();
            checks.clear();
            details.set("");
            previousTitle.set("");
            lastPeriodTitle.set("");
            return;
        }
        List<String> now = ContentLines.of(e.content());
        NoticeContent before = e.content("previousContent");
        NoticeContent last = e.content("lastPeriodContent");
        current.setAll(now);
        previous.setAll(before == null ? List.of(I18n.t("township.noPrevious")) : ContentLines.diff(ContentLines.of(before), now));
        lastPeriod.setAll(last == null ? List.of(I18n.t("township.noLastPeriod")) : ContentLines.of(last));
        previousTitle.set(before == null ? I18n.t("township.previous")
                : I18n.t("township.previousRevision", e.json().path("previousRevision").asInt()));
        lastPeriodTitle.set(I18n.t("township.lastPeriod", e.json().path("lastPeriod").asText("—")));
        List<String> c = new ArrayList<>();
        for (JsonNode check : e.json().path("checks")) {
            c.add((check.path("ok").asBoolean() ? "✓ " : "⚠ ") + check.path("messageZh").asText());
        }
        if (c.isEmpty()) {
            c.add(I18n.t("township.noChecks"));
        }
        checks.setAll(c);
        List<String> info = new ArrayList<>();
        JsonNode signOff = e.json().path("signOff");
        if (signOff.isObject()) {
            info.add(I18n.t("township.signOff", signOff.path("name").asText(), signOff.path("opinion").asText()));
        }
        if (!e.json().path("correctionReason").asText("").isEmpty()) {
            info.add(I18n.t("township.correctionReason", e.json().path("correctionReason").asText()));
        }
        if (e.json().path("filing").asBoolean()) {
            info.add(I18n.t("township.filingReason", e.json().path("reason").asText()));
        }
        info.add(I18n.t("township.revision", e.revision(), e.contentHash().substring(0, Math.min(23, e.contentHash().length()))));
        details.set(String.join("\n", info));
    }

    private <T> void call(Callable<T> work, java.util.function.Consumer<T> done) {
        busy.set(true);
        runner.run(work, result -> {
            busy.set(false);
            refused.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            refused.set(true);
            message.set(failure instanceof ReviewClient.ReviewException r
                    ? ("SELF_APPROVAL".equals(r.code()) ? I18n.t("township.selfApproval", r.getMessage()) : r.getMessage())
                    : I18n.t("township.failed", String.valueOf(failure.getMessage())));
            if (failure instanceof ReviewClient.ReviewException r && r.code().startsWith("STALE")) {
                refresh(r.getMessage());
            }
        });
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public ObservableList<String> currentLines() {
        return current;
    }

    public ObservableList<String> previousLines() {
        return previous;
    }

    public ObservableList<String> lastPeriodLines() {
        return lastPeriod;
    }

    public ObservableList<String> checks() {
        return checks;
    }

    public ReadOnlyStringProperty previousTitleProperty() {
        return previousTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastPeriodTitleProperty() {
        return lastPeriodTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public StringProperty commentProperty() {
        return comment;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
