package cn.sanwu.client.recipients;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.money.ChineseUppercase;
import cn.sanwu.model.money.MoneyFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Recipient-list editor (惠农补贴, 低保 …) with a live masking preview and totals. UI thread only. */
public final class RecipientEditorViewModel {

    private final StringProperty programme = new SimpleStringProperty("");
    private final ObservableList<RecipientRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.name, r.group, r.population, r.amount, r.idNumber});
    private final StringBinding totals = Bindings.createStringBinding(this::computeTotalsText, rows);

    public StringProperty programmeProperty() {
        return programme;
    }

    public ObservableList<RecipientRow> rows() {
        return rows;
    }

    public StringBinding totalsText() {
        return totals;
    }

    public void load(RecipientList list) {
        programme.set(list.programme());
        rows.setAll(list.recipients().stream().map(RecipientRow::of).toList());
    }

    public RecipientRow addRow() {
        RecipientRow row = new RecipientRow();
        rows.add(row);
        return row;
    }

    /** Rows that parse; the rest show their problem in the table and are not saved as content. */
    public RecipientList toList() {
        List<Recipient> out = new ArrayList<>();
        for (RecipientRow r : rows) {
            if (r.isBlank()) {
                continue;
            }
            Recipient recipient = r.toRecipient();
            if (recipient != null) {
                out.add(recipient);
            }
        }
        return new RecipientList(programme.get(), out);
    }

    public long rowsWithProblems() {
        return rows.stream().filter(r -> !r.problem.get().isEmpty()).count();
    }

    private String computeTotalsText() {
        RecipientList list = toList();
        long bad = rowsWithProblems();
        return I18n.t("recipients.totals", list.recipients().size(), list.totalPopulation(),
                MoneyFormat.display(list.totalAmountFen()), ChineseUppercase.orTooLarge(list.totalAmountFen()))
                + (bad > 0 ? I18n.t("recipients.badRows", bad) : "");
    }
}
