package cn.sanwu.server.http;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A notice's content as HTML for the notice page: body text, the notice's own tables, the cash
 * journal and the recipient list as tables (money in yuan with separators). Takes content that is
 * already masked ({@code Masking.content}); every value goes through {@link Html}. Stateless.
 */
final class NoticeContentHtml {

    private static final java.util.regex.Pattern FEN = java.util.regex.Pattern.compile("-?[0-9]{1,18}");

    private NoticeContentHtml() {
    }

    static Html.Safe of(PublicText text, NoticeContent c) {
        List<Html.Safe> parts = new ArrayList<>();
        if (!c.body().isBlank()) {
            parts.add(Html.of("<div class=\"box\">{}</div>", Html.multiline(c.body())));
        }
        for (NoticeTable t : c.tables()) {
            parts.add(table(text, t));
        }
        if (c.journal() != null) {
            parts.add(journal(text, c.journal()));
        }
        if (c.recipients() != null) {
            parts.add(recipients(text, c.recipients()));
        }
        return Html.join(parts);
    }

    private static Html.Safe table(PublicText text, NoticeTable t) {
        List<Html.Safe> head = new ArrayList<>();
        for (TableColumn col : t.columns()) {
            head.add(Html.of("<th>{}</th>", col.title()));
        }
        List<Html.Safe> rows = new ArrayList<>();
        for (List<String> row : t.rows()) {
            List<Html.Safe> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                ColumnType type = i < t.columns().size() ? t.columns().get(i).type() : ColumnType.TEXT;
                String v = row.get(i);
                if (type == ColumnType.MONEY_FEN && v != null && FEN.matcher(v).matches()) {
                    cells.add(Html.of("<td class=\"n\">{}</td>", MoneyFormat.grouped(Long.parseLong(v))));
                } else {
                    cells.add(Html.of(type == ColumnType.INTEGER ? "<td class=\"n\">{}</td>"
                            : type == ColumnType.TEXT ? "<td class=\"w\">{}</td>" : "<td>{}</td>", v));
                }
            }
            rows.add(Html.of("<tr>{}</tr>", Html.join(cells)));
        }
        return Html.of("<h2>{}</h2><div class=\"scroll\"><table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>",
                t.caption().isBlank() ? text.text("content.table") : t.caption(), Html.join(head), Html.join(rows));
    }

    private static Html.Safe journal(PublicText text, CashJournal j) {
        List<Long> balances = j.runningBalancesFen();
        List<Html.Safe> rows = new ArrayList<>();
        for (int i = 0; i < j.entries().size(); i++) {
            LedgerEntry e = j.entries().get(i);
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td class=\"w\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                    + "<td class=\"n\">{}</td></tr>", e.date() == null ? "" : e.date().toString(), e.voucherNo(), e.summary(),
                    e.incomeFen() == 0 ? "" : MoneyFormat.grouped(e.incomeFen()),
                    e.expenseFen() == 0 ? "" : MoneyFormat.grouped(e.expenseFen()), MoneyFormat.grouped(balances.get(i))));
        }
        return Html.of("""
                <h2>{}</h2><div class="scroll"><table>
                <thead><tr>{}</tr></thead>
                <tbody><tr><td></td><td></td><td>{}</td><td></td><td></td><td class="n">{}</td></tr>{}
                <tr class="sum"><td></td><td></td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>
                </tbody></table></div>
                """, text.html("content.journal", text.name("entity", j.entity())), text.html("content.journalHead"),
                text.html("content.opening"), MoneyFormat.grouped(j.openingBalanceFen()), Html.join(rows), text.html("content.closing"),
                MoneyFormat.grouped(j.totalIncomeFen()), MoneyFormat.grouped(j.totalExpenseFen()),
                MoneyFormat.grouped(j.closingBalanceFen()));
    }

    private static Html.Safe recipients(PublicText text, RecipientList list) {
        List<Html.Safe> rows = new ArrayList<>();
        int n = 0;
        for (Recipient r : list.recipients()) {
            rows.add(Html.of("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                    + "<td>{}</td></tr>", ++n, r.name(), r.group(), r.population(), MoneyFormat.grouped(r.amountFen()),
                    r.idNumber()));
        }
        return Html.of("""
                <h2>{}</h2><div class="scroll"><table>
                <thead><tr>{}</tr></thead>
                <tbody>{}<tr class="sum"><td></td><td>{}</td><td></td><td class="n">{}</td><td class="n">{}</td><td></td></tr>
                </tbody></table></div>
                """, text.html("content.recipients", list.programme().isBlank() ? text.text("content.list") : list.programme()),
                text.html("content.recipientsHead"), Html.join(rows), text.html("content.total"), list.totalPopulation(),
                MoneyFormat.grouped(list.totalAmountFen()));
    }
}
