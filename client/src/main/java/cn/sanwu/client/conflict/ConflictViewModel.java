package cn.sanwu.client.conflict;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.sync.ConflictService;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.Notice;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conflict screen: open conflicts, the selected one's two versions, and the three decisions.
 * Every decision runs in the background and is one transaction in {@link ConflictService}. UI
 * thread only.
 */
public final class ConflictViewModel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ConflictService conflicts;
    private final BackgroundRunner runner;
    private final ZoneId zone;
    private final ObservableList<ConflictService.Details> open = FXCollections.observableArrayList();
    private final ObjectProperty<ConflictService.Details> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Consumer<UUID> beforeDecision = id -> { };
    private Consumer<Notice> afterDecision = n -> { };
    private Consumer<Notice> openEditor = n -> { };

    public ConflictViewModel(ConflictService conflicts, BackgroundRunner runner, ZoneId zone) {
        this.conflicts = conflicts;
        this.runner = runner;
        this.zone = zone;
    }

    /** Runs on the UI thread before a decision, e.g. to save and close an editor open on that notice. */
    public void setBeforeDecision(Consumer<UUID> action) {
        this.beforeDecision = action;
    }

    /** Runs after a decision was stored (refresh the status bar and the checklist). */
    public void setAfterDecision(Consumer<Notice> action) {
        this.afterDecision = action;
    }

    /** Opens the editor on the notice to merge by hand (编辑合并). */
    public void setOpenEditor(Consumer<Notice> action) {
        this.openEditor = action;
    }

    public void refresh() {
        runner.run(conflicts::open, list -> {
            UUID keep = selected.get() == null ? null : selected.get().conflict().id();
            open.setAll(list);
            selected.set(list.stream().filter(d -> d.conflict().id().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
        }, this::showError);
    }

    public ObservableList<ConflictService.Details> openConflicts() {
        return open;
    }

    public ObjectProperty<ConflictService.Details> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void keepMine() {
        decide(I18n.t("conflict.keepMine"), conflicts::keepMine, false);
    }

    public void takeTheirs() {
        decide(I18n.t("conflict.takeTheirs"), conflicts::takeTheirs, false);
    }

    public void editMerge() {
        decide(I18n.t("conflict.editMerge"), conflicts::editMerge, true);
    }

    private interface Decision {
        Notice apply(UUID conflictId);
    }

    private void decide(String label, Decision decision, boolean thenEdit) {
        ConflictService.Details d = selected.get();
        if (d == null) {
            return;
        }
        beforeDecision.accept(d.conflict().noticeId());
        Callable<Notice> work = () -> decision.apply(d.conflict().id());
        runner.run(work, notice -> {
            message.set(I18n.t("conflict.resolved", label));
            selected.set(null);
            refresh();
            afterDecision.accept(notice);
            if (thenEdit) {
                openEditor.accept(notice);
            }
        }, this::showError);
    }

    private void showError(Throwable t) {
        message.set(t instanceof StoreException se ? se.userMessage() : I18n.t("error.unexpected", t.getMessage()));
    }

    /** Two lines per open conflict in the list: what, and when it was found. */
    public String listLabel(ConflictService.Details d) {
        return d.mine().content().title() + "　" + d.mine().content().period().code() + "\n"
                + I18n.t("conflict.detected", WHEN.format(d.conflict().detectedAt().atZone(zone)));
    }

    /** The journal totals of a version, or a note that it has none. */
    public static String journalTotals(Notice n) {
        CashJournal j = n.content().journal();
        if (j == null) {
            return I18n.t("conflict.noJournal");
        }
        return I18n.t("conflict.journal", MoneyFormat.display(j.openingBalanceFen()), MoneyFormat.display(j.totalIncomeFen()),
                MoneyFormat.display(j.totalExpenseFen()), MoneyFormat.display(j.closingBalanceFen()));
    }
}
