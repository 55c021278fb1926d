package cn.sanwu.client.notice;

import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.Frequency;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.validation.Problem;
import cn.sanwu.model.validation.Validation;
import java.time.LocalDate;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "新建公告": choose any catalog item and type the period (e.g. a notice ahead of time, an event on a
 * given day, or a late one for an older period). The period is checked against the item's
 * frequency with the same message the store would give. UI thread only.
 */
public final class NewNoticeViewModel {

    private final LocalDate today;
    private final ObjectProperty<CatalogItem> item = new SimpleObjectProperty<>();
    private final StringProperty periodCode = new SimpleStringProperty("");
    private final StringBinding problem;

    public NewNoticeViewModel(List<CatalogItem> items, LocalDate today) {
        this.today = today;
        item.addListener((o, a, b) -> {
            if (b != null) {
                periodCode.set(suggestedPeriod(b).code());
            }
        });
        problem = Bindings.createStringBinding(this::findProblem, item, periodCode);
        if (!items.isEmpty()) {
            item.set(items.getFirst());
        }
    }

    /** The period due now for calendar items; today for event and standing items. */
    Period suggestedPeriod(CatalogItem i) {
        Frequency f = i.frequency();
        return f.isCalendarPeriodic() ? Period.containing(f, today).previous() : Period.containing(f, today);
    }

    private String findProblem() {
        if (item.get() == null) {
            return "请选择公开事项";
        }
        Period p;
        try {
            p = Period.parse(periodCode.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<Problem> problems = Validation.periodFitsItem(p, item.get());
        if (!problems.isEmpty()) {
            String hint = switch (item.get().frequency()) {
                case MONTHLY -> "2026-10";
                case QUARTERLY -> "2026-Q3";
                case SEMIANNUAL -> "2026-H2";
                case YEARLY -> "2026";
                case ON_EVENT -> "E2026-11-28";
                case STANDING -> "S2026-11-28";
            };
            return problems.getFirst().messageZh() + "（例：" + hint + "）";
        }
        return "";
    }

    public ObjectProperty<CatalogItem> itemProperty() {
        return item;
    }

    public StringProperty periodCodeProperty() {
        return periodCode;
    }

    /** Empty when the choice is valid. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** The chosen period; only call when {@link #problemProperty()} is empty. */
    public Period period() {
        return Period.parse(periodCode.get());
    }
}
