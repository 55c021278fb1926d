package cn.sanwu.model.finance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cash journal of one accounting entity for one period: opening balance carried from the
 * previous period, lines in entry order, and the running balance after each line.
 */
public record CashJournal(AccountingEntity entity, long openingBalanceFen, List<LedgerEntry> entries) {

    public CashJournal {
        Objects.requireNonNull(entity, "entity");
        entries = List.copyOf(entries);
    }

    /** Balance after each entry, same order as {@link #entries()}. */
    public List<Long> runningBalancesFen() {
        List<Long> balances = new ArrayList<>(entries.size());
        long balance = openingBalanceFen;
        for (LedgerEntry entry : entries) {
            balance = Math.addExact(balance, entry.netFen());
            balances.add(balance);
        }
        return balances;
    }

    public long totalIncomeFen() {
        long total = 0;
        for (LedgerEntry entry : entries) {
            total = Math.addExact(total, entry.incomeFen());
        }
        return total;
    }

    public long totalExpenseFen() {
        long total = 0;
        for (LedgerEntry entry : entries) {
            total = Math.addExact(total, entry.expenseFen());
        }
        return total;
    }

    public long closingBalanceFen() {
        return Math.addExact(openingBalanceFen, Math.subtractExact(totalIncomeFen(), totalExpenseFen()));
    }
}
