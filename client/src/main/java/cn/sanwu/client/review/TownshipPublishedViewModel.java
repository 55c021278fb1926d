package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.task.BackgroundRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
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
 * Township mode, 已公开: what the township's villages have on their boards now (publications in
 * force, newest first), and withdrawal with a public reason. Also keeps the township's villages
 * for the 村账乡管 entry (the same server answer). Confined to the UI thread; server calls run in
 * the background.
 */
public final class TownshipPublishedViewModel {

    /** One publication in force, as the server sent it. */
    public record Entry(JsonNode json) {
        public UUID noticeId() {
            return UUID.fromString(json.path("noticeId").asText());
        }

        public String number() {
            return json.path("publicationNumber").asText();
        }

        public String title() {
            return json.path("title").asText();
        }

        public String label() {
            return I18n.t("township.publishedLine", json.path("villageName").asText(), title(), json.path("period").asText(),
                    number(), json.path("postingFrom").asText(), json.path("postingTo").asText());
        }
    }

    /** A village of the township. */
    public record Village(String code, String name) {
        @Override
        public String toString() {
            return name + "（" + code + "）";
        }
    }

    static final int MAX_REASON = 2000;

    private final ReviewClient client;
    private final BackgroundRunner runner;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Village> villages = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public TownshipPublishedViewModel(ReviewClient client, BackgroundRunner runner) {
        this.client = client;
        this.runner = runner;
    }

    public void refresh() {
        refresh(null);
    }

    private void refresh(String outcome) {
        call(client::published, answer -> {
            List<Village> v = new ArrayList<>();
            answer.path("villages").forEach(n -> v.add(new Village(n.path("code").asText(), n.path("name").asText())));
            villages.setAll(v);
            List<Entry> e = new ArrayList<>();
            answer.path("entries").forEach(n -> e.add(new Entry(n)));
            entries.setAll(e);
            selected.set(null);
            message.set(outcome != null ? outcome : e.isEmpty() ? I18n.t("township.noPublished")
                    : I18n.t("township.publishedCount", e.size()));
        });
    }

    /** Withdraws the selected publication; a blank or overlong reason sends nothing and says why. */
    public void withdraw() {
        Entry e = selected.get();
        if (e == null) {
            message.set(I18n.t("township.selectPublished"));
            return;
        }
        String text = reason.get() == null ? "" : reason.get().strip();
        if (text.isEmpty()) {
            message.set(I18n.t("township.withdrawReasonRequired"));
            return;
        }
        if (text.length() > MAX_REASON) {
            message.set(I18n.t("township.reasonTooLong", MAX_REASON, text.length()));
            return;
        }
        call(() -> client.withdraw(e.noticeId(), text), answer -> {
            reason.set("");
            refresh(I18n.t("township.withdrawn", e.title(), e.number()));
        });
    }

    private <T> void call(java.util.concurrent.Callable<T> work, Consumer<T> done) {
        busy.set(true);
        runner.run(work, result -> {
            busy.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            message.set(failure instanceof ReviewClient.ReviewException r ? r.getMessage()
                    : I18n.t("township.failed", String.valueOf(failure.getMessage())));
        });
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObservableList<Village> villages() {
        return villages;
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
