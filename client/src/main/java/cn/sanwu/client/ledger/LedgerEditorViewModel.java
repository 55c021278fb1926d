package cn.sanwu.client.ledger;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.ledger.importing.DateText;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.ChineseUppercase;
import cn.sanwu.model.money.MoneyFormat;
import java.time.LocalDate;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cash-journal editor: rows as typed, running balance and totals recomputed live, paste of
 * rows copied from Excel, and conversion to a {@link CashJournal}. Recalculation is O(rows) per
 * change, which is well under a frame for the 1,000-row ledgers the issue asks for
 * (docs/benchmarks.md). Confined to the UI thread.
 */
public final class LedgerEditorViewModel {

    private final ObservableList<LedgerRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.date, r.voucherNo, r.summary, r.income, r.expense});
    private final ObjectProperty<AccountingEntity> entity = new SimpleObjectProperty<>(AccountingEntity.VILLAGE_COMMITTEE);
    private final LongProperty openingBalanceFen = new SimpleLongProperty();
    /** The opening balance as typed; {@link #openingBalanceFen} follows it whenever it parses. */
    private final StringProperty openingBalanceText = new SimpleStringProperty("0.00");
    private final ReadOnlyStringWrapper openingBalanceProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper closingUppercase = new ReadOnlyStringWrapper("");
    private long totalIncome;
    private long totalExpense;
    private int rowsWithProblems;
    private boolean bulkChange;
    private int defaultYear;

    public LedgerEditorViewModel() {
        rows.addListener((javafx.collections.ListChangeListener<LedgerRow>) c -> recalculate());
        openingBalanceFen.addListener((o, a, b) -> {
            // Set from outside (previous period, import): show it, unless the text already means it.
            if (parseOrNull(openingBalanceText.get()) == null || parseOrNull(openingBalanceText.get()) != b.longValue()) {
                openingBalanceText.set(MoneyFormat.plain(b.longValue()));
            }
            recalculate();
        });
        openingBalanceText.addListener((o, a, b) -> {
            try {
                long fen = MoneyFormat.parseYuan(b == null || b.isBlank() ? "0" : b);
                openingBalanceProblem.set("");
                openingBalanceFen.set(fen);
            } catch (IllegalArgumentException | ArithmeticException e) {
                // The last valid value stays in the totals; the text and this problem say what is wrong.
                openingBalanceProblem.set(e.getMessage());
            }
        });
        recalculate();
    }

    public ObservableList<LedgerRow> rows() {
        return rows;
    }

    public ObjectProperty<AccountingEntity> entityProperty() {
        return entity;
    }

    public LongProperty openingBalanceFenProperty() {
        return openingBalanceFen;
    }

    public StringProperty openingBalanceTextProperty() {
        return openingBalanceText;
    }

    /** Why the typed opening balance is not a valid amount; empty when it is. */
    public ReadOnlyStringProperty openingBalanceProblemProperty() {
        return openingBalanceProblem.getReadOnlyProperty();
    }

    private static Long parseOrNull(String text) {
        try {
            return MoneyFormat.parseYuan(text == null || text.isBlank() ? "0" : text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    public ReadOnlyStringProperty totalsTextProperty() {
        return totalsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty closingUppercaseProperty() {
        return closingUppercase.getReadOnlyProperty();
    }

    public long totalIncomeFen() {
        return totalIncome;
    }

    public long totalExpenseFen() {
        return totalExpense;
    }

    public long closingBalanceFen() {
        return openingBalanceFen.get() + totalIncome - totalExpense;
    }

    public int rowsWithProblems() {
        return rowsWithProblems;
    }

    public void load(CashJournal journal) {
        entity.set(journal.entity());
        bulk(() -> {
            openingBalanceFen.set(journal.openingBalanceFen());
            rows.setAll(journal.entries().stream().map(LedgerRow::of).toList());
        });
    }

    public LedgerRow addRow() {
        LedgerRow row = new LedgerRow();
        rows.add(row);
        return row;
    }

    public void appendEntries(List<LedgerEntry> entries) {
        bulk(() -> rows.addAll(entries.stream().map(LedgerRow::of).toList()));
    }

    /**
     * Pastes tab-separated text (what Excel puts on the clipboard) starting at {@code rowIndex},
     * overwriting rows there and adding rows as needed. Columns: 日期, 凭证号, 摘要, 收入, 支出
     * (a sixth 余额 column is ignored — the balance is always computed).
     *
     * @return number of rows pasted
     */
    public int pasteTabSeparated(String text, int rowIndex) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int[] count = {0};
        bulk(() -> {
            int at = Math.max(0, Math.min(rowIndex, rows.size()));
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                LedgerRow row = at < rows.size() ? rows.get(at) : addRow();
                for (int c = 0; c < Math.min(cells.length, LedgerRow.EDITABLE_COLUMNS); c++) {
                    row.cell(c).set(cells[c].strip());
                }
                at++;
                count[0]++;
            }
        });
        return count[0];
    }

    /** The journal as typed; rows that cannot be parsed are left out and counted in {@link #rowsWithProblems()}. */
    public CashJournal toJournal() {
        List<LedgerEntry> entries = new ArrayList<>();
        long income = 0;
        long expense = 0;
        long balance = openingBalanceFen.get();
        for (LedgerRow r : rows) {
            if (r.isBlank()) {
                continue;
            }
            // Parsed without touching the row's problem text: that is recalculate()'s job.
            LedgerEntry e = parseQuietly(r);
            if (e == null) {
                continue;
            }
            try {
                income = Math.addExact(income, e.incomeFen());
                expense = Math.addExact(expense, e.expenseFen());
                balance = Math.addExact(balance, e.netFen());
            } catch (ArithmeticException overflow) {
                continue; // flagged on the row by recalculate(); kept as typed in the scratch copy
            }
            entries.add(e);
        }
        return new CashJournal(entity.get(), openingBalanceFen.get(), entries);
    }

    private void bulk(Runnable change) {
        bulkChange = true;
        try {
            change.run();
        } finally {
            bulkChange = false;
        }
        recalculate();
    }

    private void recalculate() {
        if (bulkChange) {
            return;
        }
        long balance = openingBalanceFen.get();
        long income = 0;
        long expense = 0;
        int problems = 0;
        for (LedgerRow r : rows) {
            if (r.isBlank()) {
                r.balance.set("");
                r.problem.set("");
                continue;
            }
            LedgerEntry e = parse(r);
            if (e == null) {
                problems++;
                r.balance.set("");
                continue;
            }
            try {
                income = Math.addExact(income, e.incomeFen());
                expense = Math.addExact(expense, e.expenseFen());
                balance = Math.addExact(balance, e.netFen());
            } catch (ArithmeticException overflow) {
                // Absurd amounts (beyond 9 × 10^16 元 in total) must not wrap around into wrong totals.
                r.problem.set(I18n.t("ledger.totalOverflow"));
                r.balance.set("");
                problems++;
                continue;
            }
            r.balance.set(MoneyFormat.grouped(balance));
        }
        totalIncome = income;
        totalExpense = expense;
        rowsWithProblems = problems;
        long closing = balance;
        totalsText.set(I18n.t("ledger.totals", MoneyFormat.display(openingBalanceFen.get()), MoneyFormat.display(income),
                MoneyFormat.display(expense), MoneyFormat.display(closing))
                + (problems > 0 ? I18n.t("ledger.totalsBadRows", problems) : ""));
        closingUppercase.set(I18n.t("ledger.closingUppercase", ChineseUppercase.orTooLarge(closing)));
    }

    /** Parses a row, setting its problem text; null when it cannot be parsed. */
    private LedgerEntry parse(LedgerRow r) {
        try {
            LedgerEntry e = entryOf(r);
            r.problem.set("");
            return e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            r.problem.set(e.getMessage());
            return null;
        }
    }

    private LedgerEntry parseQuietly(LedgerRow r) {
        try {
            return entryOf(r);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private LedgerEntry entryOf(LedgerRow r) {
        LocalDate date = parseDate(r.date.get());
        long income = r.income.get().isBlank() ? 0 : MoneyFormat.parseYuan(r.income.get());
        long expense = r.expense.get().isBlank() ? 0 : MoneyFormat.parseYuan(r.expense.get());
        return new LedgerEntry(date, r.voucherNo.get(), r.summary.get(), income, expense);
    }

    /** Dates as the importer reads them; a date without a year takes the period's year. */
    LocalDate parseDate(String text) {
        return DateText.parse(text, defaultYear == 0 ? null : defaultYear);
    }

    /** The year of the notice's period, used for dates typed without a year (11-05). */
    public void setDefaultYear(int year) {
        this.defaultYear = year;
        recalculate();
    }
}
