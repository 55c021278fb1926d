package cn.sanwu.client.checklist;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.region.RegionLevel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Home screen: this period's checklist per category, with counts of what is overdue. UI thread only. */
public final class ChecklistViewModel {

    private final ChecklistService service;
    private final BackgroundRunner runner;
    private final String villageCode;
    private final RegionLevel level;
    private final Map<Category, ObservableList<ChecklistEntry>> entries = new EnumMap<>(Category.class);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private Runnable onFirstLoad = () -> { };

    public ChecklistViewModel(ChecklistService service, BackgroundRunner runner, String villageCode, RegionLevel level) {
        this.service = service;
        this.runner = runner;
        this.villageCode = villageCode;
        this.level = level;
        for (Category c : Category.values()) {
            entries.put(c, FXCollections.observableArrayList());
        }
    }

    public ObservableList<ChecklistEntry> entries(Category category) {
        return entries.get(category);
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Runs once, when the checklist has first been loaded: the moment the home screen is usable. */
    public void setOnFirstLoad(Runnable action) {
        this.onFirstLoad = action;
    }

    public void refresh() {
        runner.run(() -> {
            Map<Category, List<ChecklistEntry>> all = new EnumMap<>(Category.class);
            for (Category c : Category.values()) {
                all.put(c, service.checklist(villageCode, level, c));
            }
            return all;
        }, all -> {
            all.forEach((c, list) -> entries.get(c).setAll(list));
            // A draft past its deadline is as overdue as nothing at all: it is not on the board.
            long overdue = all.values().stream().flatMap(List::stream)
                    .filter(e -> e.late() || e.state() == ChecklistState.OVERDUE).count();
            long due = count(all, ChecklistState.DUE);
            long returned = count(all, ChecklistState.RETURNED);
            headline.set(I18n.t("checklist.headline", service.today().toString(), overdue, due)
                    + (returned > 0 ? I18n.t("checklist.headlineReturned", returned) : ""));
            Runnable first = onFirstLoad;
            onFirstLoad = () -> { };
            first.run();
        }, error -> headline.set(error instanceof StoreException se ? se.userMessage() : I18n.t("checklist.failed", error.getMessage())));
    }

    private static long count(Map<Category, List<ChecklistEntry>> all, ChecklistState state) {
        return all.values().stream().flatMap(List::stream).filter(e -> e.state() == state).count();
    }
}
