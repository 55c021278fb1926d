package cn.sanwu.client.search;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.task.Debounce;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.notice.NoticeStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Search and filter across all notices of the village. Typing re-queries after a short pause;
 * queries run on the background runner so a slow disk never freezes the window. A result that
 * arrives after a newer query was started is dropped. UI thread only.
 */
public final class SearchViewModel {

    public static final int LIMIT = 500;

    private final NoticeService service;
    private final BackgroundRunner runner;
    private final Debounce debounce;
    private final String villageCode;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<Category> category = new SimpleObjectProperty<>();
    private final ObjectProperty<NoticeStatus> status = new SimpleObjectProperty<>();
    private final StringProperty periodCode = new SimpleStringProperty("");
    private final StringProperty itemCode = new SimpleStringProperty("");
    private final ObservableList<NoticeSummary> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private long generation;

    public SearchViewModel(NoticeService service, BackgroundRunner runner, Debounce debounce, String villageCode) {
        this.service = service;
        this.runner = runner;
        this.debounce = debounce;
        this.villageCode = villageCode;
        text.addListener((o, a, b) -> debounce.request(this::search));
        periodCode.addListener((o, a, b) -> debounce.request(this::search));
        itemCode.addListener((o, a, b) -> debounce.request(this::search));
        category.addListener((o, a, b) -> search());
        status.addListener((o, a, b) -> search());
    }

    public void search() {
        long mine = ++generation;
        NoticeQuery q = new NoticeQuery(villageCode, text.get(), category.get(), status.get(), periodCode.get(),
                itemCode.get(), LIMIT);
        long started = System.nanoTime();
        summary.set(I18n.t("search.running"));
        runner.run(() -> service.search(q), found -> {
            if (mine != generation) {
                return;
            }
            results.setAll(found);
            long ms = (System.nanoTime() - started) / 1_000_000;
            summary.set(found.size() >= LIMIT ? I18n.t("search.limited", LIMIT, ms) : I18n.t("search.found", found.size(), ms));
        }, error -> {
            if (mine == generation) {
                summary.set(error instanceof StoreException se ? se.userMessage() : I18n.t("search.failed", error.getMessage()));
            }
        });
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<Category> categoryProperty() {
        return category;
    }

    public ObjectProperty<NoticeStatus> statusProperty() {
        return status;
    }

    public StringProperty periodCodeProperty() {
        return periodCode;
    }

    public StringProperty itemCodeProperty() {
        return itemCode;
    }

    public ObservableList<NoticeSummary> results() {
        return results;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
