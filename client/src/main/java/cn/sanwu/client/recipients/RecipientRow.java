package cn.sanwu.client.recipients;

import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.validation.IdNumber;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One recipient as typed, with the masked ID number that public output will show. */
public final class RecipientRow {

    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty group = new SimpleStringProperty("");
    public final StringProperty population = new SimpleStringProperty("");
    public final StringProperty amount = new SimpleStringProperty("");
    public final StringProperty idNumber = new SimpleStringProperty("");
    /** What the board, PDF and web page show instead of the ID number. */
    public final StringBinding maskedIdNumber = Bindings.createStringBinding(() -> Masking.idNumber(idNumber.get()), idNumber);
    /** Problems with this row, empty when fine. */
    public final StringBinding problem = Bindings.createStringBinding(this::findProblem, name, population, amount, idNumber);

    public static RecipientRow of(Recipient r) {
        RecipientRow row = new RecipientRow();
        row.name.set(r.name());
        row.group.set(r.group());
        row.population.set(Integer.toString(r.population()));
        row.amount.set(MoneyFormat.plain(r.amountFen()));
        row.idNumber.set(r.idNumber());
        return row;
    }

    public StringProperty cell(int column) {
        return switch (column) {
            case 0 -> name;
            case 1 -> group;
            case 2 -> population;
            case 3 -> amount;
            case 4 -> idNumber;
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    public boolean isBlank() {
        return name.get().isBlank() && group.get().isBlank() && population.get().isBlank() && amount.get().isBlank()
                && idNumber.get().isBlank();
    }

    /** Null when a field cannot be parsed. */
    Recipient toRecipient() {
        try {
            return new Recipient(name.get(), group.get(), Integer.parseInt(population.get().strip()),
                    MoneyFormat.parseYuan(amount.get()), idNumber.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String findProblem() {
        if (isBlank()) {
            return "";
        }
        if (name.get().isBlank()) {
            return "缺少姓名";
        }
        try {
            if (Integer.parseInt(population.get().strip()) <= 0) {
                return "人口数应大于0";
            }
        } catch (NumberFormatException e) {
            return "人口数“" + population.get() + "”不是整数";
        }
        try {
            MoneyFormat.parseYuan(amount.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String idProblem = IdNumber.problem(idNumber.get());
        return idProblem == null ? "" : idProblem;
    }
}
