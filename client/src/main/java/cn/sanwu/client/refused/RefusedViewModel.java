package cn.sanwu.client.refused;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.sync.RefusedChangesService;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.notice.Notice;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 被拒绝的修改: the changes the server refused with its reasons, 打开公告 to fix one in the editor,
 * and 重新上传 once the cause is fixed elsewhere. UI thread only; work runs in the background.
 */
public final class RefusedViewModel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RefusedChangesService refused;
    private final BackgroundRunner runner;
    private final ZoneId zone;
    private final ObservableList<RefusedChangesService.Refused> items = FXCollections.observableArrayList();
    private final ObjectProperty<RefusedChangesService.Refused> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Consumer<Notice> openEditor = n -> { };
    private Runnable afterChange = () -> { };

    public RefusedViewModel(RefusedChangesService refused, BackgroundRunner runner, ZoneId zone) {
        this.refused = refused;
        this.runner = runner;
        this.zone = zone;
    }

    public void setOpenEditor(Consumer<Notice> action) {
        this.openEditor = action;
    }

    /** Runs after 重新上传 changed the outbox (refresh the status bar). */
    public void setAfterChange(Runnable action) {
        this.afterChange = action;
    }

    public void refresh() {
        runner.run(refused::list, list -> {
            Long keep = selected.get() == null ? null : selected.get().seq();
            items.setAll(list);
            selected.set(list.stream().filter(r -> keep != null && r.seq() == keep).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
            if (list.isEmpty() && message.get().isEmpty()) {
                message.set(I18n.t("refused.none"));
            }
        }, this::showError);
    }

    public ObservableList<RefusedChangesService.Refused> items() {
        return items;
    }

    public ObjectProperty<RefusedChangesService.Refused> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** One line per refused change for the list. */
    public String describe(RefusedChangesService.Refused r) {
        String what = r.notice().map(n -> n.content().itemCode() + " " + n.content().period().code() + "　" + n.content().title())
                .orElse(I18n.t("refused.noticeGone", r.noticeId()));
        String when = r.refusedAt() == null ? "" : WHEN.format(r.refusedAt().atZone(zone));
        String later = r.superseded() ? I18n.t("refused.superseded") : "";
        return I18n.t("refused.line", what, when, r.reason(), later);
    }

    public void openSelected() {
        RefusedChangesService.Refused r = selected.get();
        if (r == null) {
            return;
        }
        r.notice().ifPresentOrElse(openEditor, () -> message.set(I18n.t("refused.noticeGone", r.noticeId())));
    }

    public void requeueSelected() {
        RefusedChangesService.Refused r = selected.get();
        if (r == null) {
            return;
        }
        runner.run(() -> refused.requeue(r.seq()), done -> {
            message.set(I18n.t(done == RefusedChangesService.Requeued.QUEUED ? "refused.queued" : "refused.cleared"));
            afterChange.run();
            refresh();
        }, this::showError);
    }

    private void showError(Throwable t) {
        message.set(t instanceof StoreException se ? se.userMessage() : I18n.t("error.unexpected", t.getMessage()));
    }
}
