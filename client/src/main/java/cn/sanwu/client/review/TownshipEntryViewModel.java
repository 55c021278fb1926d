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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * base revision 0), or opens one of its villages' notices and saves an edit at the revision it
 * opened (ADR 0028). The server decides what may be edited (draft, signed-off, returned; never
 * submitted, approved, published, withdrawn) — the list carries its verdict and reason, a locked
 * notice opens read-only. A new entry whose village, item and period already have a notice is
 * stopped with that notice named ({@link EntryDuplicates}). The village PC receives the content on
 * its next sync as a draft; the village's committee signs off and the village submits; the reviewer
 * who entered it cannot approve it (server: SELF_APPROVAL). Bad input sends nothing and says why.
 * Confined to the UI thread.
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
    private final ObservableList<VillageNotice> notices = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<VillageNotice> entered =
            new javafx.collections.transformation.FilteredList<>(notices, VillageNotice::enteredByTownship);
    private final ReadOnlyObjectWrapper<VillageNotice> editing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(I18n.t("township.entryModeNew"));
    private final ReadOnlyObjectWrapper<EntryDuplicates.Verdict> duplicate = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.BooleanProperty showAll = new javafx.beans.property.SimpleBooleanProperty(false);
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
        showAll.addListener((o, a, b) -> entered.setPredicate(b ? n -> true : VillageNotice::enteredByTownship));
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
        if (period.get().frequency() != item.get().frequency()) {
            return Optional.of(I18n.t("township.entryPeriodCadence", period.get().displayZh(), item.get().frequency().nameZh()));
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

    /**
     * Sends the entry: an edit of the opened notice at the revision opened, or a new notice after
     * the duplicate check against a fresh list from the server. Bad input, a read-only notice or a
     * duplicate send nothing and say why.
     */
    public void send() {
        if (readOnly.get()) {
            message.set(I18n.t("township.entryReadOnly", editing.get() == null ? "" : editing.get().lockedReason()));
            return;
        }
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        NoticeContent content = content();
        VillageNotice opened = editing.get();
        duplicate.set(null);
        busy.set(true);
        // Fresh from the server: another reviewer or the village may have entered it a minute ago.
        runner.run(client::villageNotices, list -> {
            busy.set(false);
            notices.setAll(list);
            Optional<EntryDuplicates.Verdict> clash = EntryDuplicates.check(list, content.villageCode(), content.itemCode(),
                    content.period().code(), opened == null ? null : opened.noticeId());
            if (clash.isPresent()) {
                duplicate.set(clash.get());
                message.set(clash.get().message());
                return;
            }
            write(opened, content);
        }, this::failed);
    }

    /** After the duplicate warning: sends the new notice anyway — only where the rule allows it (all withdrawn). */
    public void proceedDespiteDuplicate() {
        EntryDuplicates.Verdict v = duplicate.get();
        if (v == null || !v.mayProceed()) {
            message.set(v == null ? "" : I18n.t("township.duplicateNotSent"));
            return;
        }
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        duplicate.set(null);
        write(editing.get(), content());
    }

    /** After the duplicate warning: opens the existing notice instead (the typed entry is dropped). */
    public void openDuplicate() {
        EntryDuplicates.Verdict v = duplicate.get();
        duplicate.set(null);
        if (v != null) {
            open(v.first().noticeId());
        }
    }

    /** After the duplicate warning: nothing is sent, the entry stays on screen. */
    public void dismissDuplicate() {
        duplicate.set(null);
        message.set(I18n.t("township.duplicateNotSent"));
    }

    private void write(VillageNotice opened, NoticeContent content) {
        UUID id = opened == null ? ids.next() : opened.noticeId();
        int base = opened == null ? 0 : opened.revision();
        busy.set(true);
        runner.run(() -> client.enter(id, base, content), answer -> {
            busy.set(false);
            if (opened == null) {
                lastSent = id;
                message.set(I18n.t("township.entrySent", village.get().name(), content.title()));
                ledger.rows().clear();
                body.set("");
                refresh();
            } else {
                String saved = I18n.t("township.entrySaved", village.get().name(), content.title(), answer.path("revision").asInt());
                open(id, saved);
            }
        }, failure -> {
            failed(failure);
            if (opened != null && failure instanceof ReviewClient.ReviewException r && "STALE_REVISION".equals(r.code())) {
                // The village (or a colleague) changed it meanwhile: keep the typed edit on screen, say how to go on.
                message.set(r.getMessage() + " " + I18n.t("township.entryStale"));
            }
        });
    }

    /** Reloads the township's villages' notices (the list of what the township entered). */
    public void refresh() {
        runner.run(client::villageNotices, notices::setAll, this::failed);
    }

    /** Opens a notice of the township's villages into the form: editable, or read-only with the server's reason. */
    public void open(UUID id) {
        open(id, null);
    }

    private void open(UUID id, String outcome) {
        busy.set(true);
        runner.run(() -> client.villageNotice(id), detail -> {
            busy.set(false);
            load(detail, outcome);
            refresh();
        }, this::failed);
    }

    private void load(ReviewClient.VillageNoticeDetail detail, String outcome) {
        VillageNotice n = detail.notice();
        NoticeContent c = detail.content();
        CatalogItem found = items.stream().filter(i -> i.code().equals(c.itemCode())).findFirst().orElse(null);
        village.set(new TownshipPublishedViewModel.Village(n.villageCode(), n.villageName()));
        item.set(found);
        if (found != null && !periods.contains(c.period())) {
            periods.add(c.period()); // an older period than the last four: it is the notice's own
        }
        period.set(found == null ? null : c.period());
        title.set(c.title());
        body.set(c.body());
        if (c.journal() != null) {
            ledger.load(c.journal());
        } else {
            ledger.rows().clear();
        }
        editing.set(n);
        String locked = !n.editable() ? n.lockedReason()
                : found == null || c.journal() == null ? I18n.t("township.entryNotJournal") : null;
        readOnly.set(locked != null);
        mode.set(locked != null ? I18n.t("township.entryModeLocked", n.villageName(), n.title(), n.statusZh(), locked)
                : I18n.t("township.entryModeEdit", n.villageName(), n.title(), n.statusZh(), n.revision()));
        message.set(outcome != null ? outcome : locked != null ? I18n.t("township.entryReadOnly", locked)
                : I18n.t("township.entryOpened", n.villageName(), n.title()));
    }

    /** Leaves the opened notice: the form enters a new notice again. */
    public void newEntry() {
        editing.set(null);
        readOnly.set(false);
        duplicate.set(null);
        mode.set(I18n.t("township.entryModeNew"));
        ledger.rows().clear();
        ledger.openingBalanceFenProperty().set(0); // not the opened notice's: a new entry states its own
        body.set("");
        CatalogItem i = item.get();
        title.set(i == null ? "" : i.nameZh());
        if (i != null) {
            periods.setAll(recentPeriods(i));
            period.set(periods.getFirst());
        }
        message.set("");
    }

    private void failed(Throwable failure) {
        busy.set(false);
        message.set(failure instanceof ReviewClient.ReviewException r ? r.getMessage()
                : I18n.t("township.failed", String.valueOf(failure.getMessage())));
    }

    /** The id of the notice the last successful send created (null before). */
    public UUID lastSent() {
        return lastSent;
    }

    /** Every notice of the township's villages (any author), as last loaded. */
    public ObservableList<VillageNotice> notices() {
        return notices;
    }

    /** Whether the list shows every notice of the villages, not only what the township entered. */
    public javafx.beans.property.BooleanProperty showAllProperty() {
        return showAll;
    }

    /** The notices a township user entered (村账乡管), the tab's list; every notice with {@link #showAllProperty}. */
    public ObservableList<VillageNotice> entered() {
        return entered;
    }

    /** The notice open in the form, null when entering a new one. */
    public ReadOnlyObjectProperty<VillageNotice> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** The line above the form: 新录入, 正在修改 …, or 只读 … with the reason. */
    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** The duplicate warning waiting for an answer (open the existing one, proceed where allowed, cancel); null when none. */
    public ReadOnlyObjectProperty<EntryDuplicates.Verdict> duplicateProperty() {
        return duplicate.getReadOnlyProperty();
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
