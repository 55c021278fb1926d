package cn.sanwu.client.ledger;

import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.MoneyFormat;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable cash-journal line as the clerk typed it: text cells, parsed on demand, so a
 * half-typed amount never loses what was typed. The balance column is computed by the editor.
 */
public final class LedgerRow {

    public final StringProperty date = new SimpleStringProperty("");
    public final StringProperty voucherNo = new SimpleStringProperty("");
    public final StringProperty summary = new SimpleStringProperty("");
    public final StringProperty income = new SimpleStringProperty("");
    public final StringProperty expense = new SimpleStringProperty("");
    final ReadOnlyStringWrapper balance = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    public static LedgerRow of(LedgerEntry e) {
        LedgerRow r = new LedgerRow();
        r.date.set(e.date() == null ? "" : e.date().toString());
        r.voucherNo.set(e.voucherNo());
        r.summary.set(e.summary());
        r.income.set(e.incomeFen() == 0 ? "" : MoneyFormat.plain(e.incomeFen()));
        r.expense.set(e.expenseFen() == 0 ? "" : MoneyFormat.plain(e.expenseFen()));
        return r;
    }

    public javafx.beans.property.ReadOnlyStringProperty balanceProperty() {
        return balance.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public boolean isBlank() {
        return date.get().isBlank() && voucherNo.get().isBlank() && summary.get().isBlank() && income.get().isBlank()
                && expense.get().isBlank();
    }

    /** Column accessors by index, in on-screen (and paste) order: 日期, 凭证号, 摘要, 收入, 支出. */
    public StringProperty cell(int column) {
        return switch (column) {
            case 0 -> date;
            case 1 -> voucherNo;
            case 2 -> summary;
            case 3 -> income;
            case 4 -> expense;
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    public static final int EDITABLE_COLUMNS = 5;
}
