package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.LedgerEditorViewModel;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.ContentKind;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.id.UuidV7;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Deadlines;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * 村账乡管 in township mode: the township enters a village's cash journal (the same ledger editor
 * the village uses) and sends it as a new notice of that village ({@code PUT …/notices/{id}},
 * base revision 0). The village PC receives it on its next sync as a draft; the village's
 * committee signs off and the village submits; the reviewer who entered it cannot approve it
 * (server: SELF_APPROVAL). Bad input sends nothing and says why. Confined to the UI thread.
 */
public final class TownshipEntryViewModel {

    private final ReviewClient client;
    private final BackgroundRunner runner;
    private final UuidV7 ids;
    private final LocalDate today;
    private final ObservableList<CatalogItem> items = FXCollections.observableArrayList();
    private final ObservableList<Period> periods = FXCollections.observableArrayList();
    private final ObjectProperty<TownshipPublishedViewModel.Village> village = new SimpleObjectProperty<>();
    private final ObjectProperty<CatalogItem> item = new SimpleObjectProperty<>();
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final LedgerEditorViewModel ledger = new LedgerEditorViewModel();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private UUID lastSent;

    public TownshipEntryViewModel(ReviewClient client, BackgroundRunner runner, Catalog catalog, UuidV7 ids, LocalDate today) {
        this.client = client;
        this.runner = runner;
        this.ids = ids;
        this.today = today;
        ledger.setDefaultYear(today.getYear());
        for (CatalogItem i : catalog.items()) {
            if (i.contentKind() == ContentKind.CASH_JOURNAL && i.frequency().isCalendarPeriodic()) {
                items.add(i);
            }
        }
        item.addListener((o, a, b) -> {
            periods.setAll(b == null ? List.of() : recentPeriods(b));
            period.set(periods.isEmpty() ? null : periods.getFirst());
            if (b != null && (title.get() == null || title.get().isBlank() || (a != null && title.get().equals(a.nameZh())))) {
                title.set(b.nameZh());
            }
        });
        period.addListener((o, a, b) -> {
            if (b != null) {
                ledger.setDefaultYear(b.start().getYear());
            }
        });
    }

    /** The last four ended periods of the item, latest first. */
    private List<Period> recentPeriods(CatalogItem i) {
        List<Period> out = new ArrayList<>();
        Period p = Deadlines.latestEnded(i.frequency(), today);
        for (int k = 0; k < 4 && p != null; k++) {
            out.add(p);
            p = p.previous();
        }
        return out;
    }

    /** What is wrong with the entry (nothing is sent then); empty when it can be sent. */
    public Optional<String> problem() {
        if (village.get() == null) {
            return Optional.of(I18n.t("township.entryVillageRequired"));
        }
        if (item.get() == null) {
            return Optional.of(I18n.t("township.entryItemRequired"));
        }
        if (period.get() == null) {
            return Optional.of(I18n.t("township.entryPeriodRequired"));
        }
        if (title.get() == null || title.get().isBlank()) {
            return Optional.of(I18n.t("township.entryTitleRequired"));
        }
        if (!ledger.openingBalanceProblemProperty().get().isEmpty()) {
            return Optional.of(I18n.t("township.entryOpeningBad", ledger.openingBalanceProblemProperty().get()));
        }
        if (ledger.rowsWithProblems() > 0) {
            return Optional.of(I18n.t("township.entryRowsBad", ledger.rowsWithProblems()));
        }
        if (ledger.toJournal().entries().isEmpty()) {
            return Optional.of(I18n.t("township.entryRowsRequired"));
        }
        return Optional.empty();
    }

    /** The notice content the entry sends. */
    NoticeContent content() {
        CashJournal journal = ledger.toJournal();
        return new NoticeContent(village.get().code(), item.get().code(), period.get(), title.get().strip(),
                body.get() == null ? "" : body.get().strip(), List.of(), journal, null);
    }

    /** Sends the entry as a new notice of the village; on bad input says why and sends nothing. */
    public void send() {
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        NoticeContent content = content();
        UUID id = ids.next();
        busy.set(true);
        runner.run(() -> client.enter(id, 0, content), answer -> {
            busy.set(false);
            lastSent = id;
            message.set(I18n.t("township.entrySent", village.get().name(), content.title()));
            ledger.rows().clear();
            body.set("");
        }, failure -> {
            busy.set(false);
            message.set(failure instanceof ReviewClient.ReviewException r ? r.getMessage()
                    : I18n.t("township.failed", String.valueOf(failure.getMessage())));
        });
    }

    /** The id of the notice the last successful send created (null before). */
    public UUID lastSent() {
        return lastSent;
    }

    public ObservableList<CatalogItem> items() {
        return items;
    }

    public ObservableList<Period> periods() {
        return periods;
    }

    public ObjectProperty<TownshipPublishedViewModel.Village> villageProperty() {
        return village;
    }

    public ObjectProperty<CatalogItem> itemProperty() {
        return item;
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public LedgerEditorViewModel ledger() {
        return ledger;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
