package cn.sanwu.model.finance;

import java.util.List;

/** A published list of recipients of one programme (e.g. 耕地地力保护补贴, 城乡低保). */
public record RecipientList(String programme, List<Recipient> recipients) {

    public RecipientList {
        programme = programme == null ? "" : programme.strip();
        recipients = List.copyOf(recipients);
    }

    public long totalAmountFen() {
        long total = 0;
        for (Recipient r : recipients) {
            total = Math.addExact(total, r.amountFen());
        }
        return total;
    }

    public int totalPopulation() {
        int total = 0;
        for (Recipient r : recipients) {
            total = Math.addExact(total, r.population());
        }
        return total;
    }
}
