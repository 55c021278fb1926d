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
 * journal and the recipient list as tables (money in yuan with separators), the rows of one
 * {@link NoticeRowPages page}; each table keeps its heading and its totals on every page. Takes
 * content that is already masked ({@code Masking.content}); every value goes through {@link Html}.
 * Stateless.
 */
final class NoticeContentHtml {

    private static final java.util.regex.Pattern FEN = java.util.regex.Pattern.compile("-?[0-9]{1,18}");

    private NoticeContentHtml() {
    }

    static Html.Safe of(PublicText text, NoticeContent c, NoticeRowPages page) {
        List<Html.Safe> parts = new ArrayList<>();
        if (!c.body().isBlank()) {
            // The body is read once, on the first page; later pages carry only the rows.
            parts.add(page.page() == 1 ? Html.of("<div class=\"box\">{}</div>", Html.multiline(c.body()))
                    : Html.of("<p class=\"note\">{}</p>", text.html("content.bodyOnFirstPage")));
        }
        int start = 0;
        for (NoticeTable t : c.tables()) {
            parts.add(table(text, t, page.slice(start, t.rows().size())));
            start += t.rows().size();
        }
        if (c.journal() != null) {
            parts.add(journal(text, c.journal(), page.slice(start, c.journal().entries().size())));
            start += c.journal().entries().size();
        }
        if (c.recipients() != null) {
            parts.add(recipients(text, c.recipients(), page.slice(start, c.recipients().recipients().size())));
        }
        return Html.join(parts);
    }

    /** A table's row saying which pages its rows are on, for a page that has none of them. */
    private static Html.Safe elsewhere(PublicText text, NoticeRowPages.Slice slice, int columns) {
        return Html.of("<tr><td colspan=\"{}\" class=\"note\">{}</td></tr>", Math.max(1, columns),
                slice.firstPage() == slice.lastPage() ? text.html("content.rowsOnPage", slice.firstPage())
                        : text.html("content.rowsOnPages", slice.firstPage(), slice.lastPage()));
    }

    private static Html.Safe table(PublicText text, NoticeTable t, NoticeRowPages.Slice slice) {
        List<Html.Safe> head = new ArrayList<>();
        for (TableColumn col : t.columns()) {
            head.add(Html.of("<th>{}</th>", col.title()));
        }
        List<Html.Safe> rows = new ArrayList<>();
        if (slice.isEmpty() && !t.rows().isEmpty()) {
            rows.add(elsewhere(text, slice, t.columns().size()));
        }
        for (List<String> row : t.rows().subList(slice.first(), slice.end())) {
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

    private static Html.Safe journal(PublicText text, CashJournal j, NoticeRowPages.Slice slice) {
        List<Long> balances = j.runningBalancesFen();
        List<Html.Safe> rows = new ArrayList<>();
        if (slice.isEmpty()) {
            rows.add(j.entries().isEmpty() ? opening(text.html("content.opening"), j.openingBalanceFen())
                    : elsewhere(text, slice, 6));
        } else if (slice.first() == 0) {
            rows.add(opening(text.html("content.opening"), j.openingBalanceFen()));
        } else {
            // A later page starts from the balance the previous page ended with, as a paper ledger does.
            rows.add(opening(text.html("content.carried"), balances.get(slice.first() - 1)));
        }
        for (int i = slice.first(); i < slice.end(); i++) {
            LedgerEntry e = j.entries().get(i);
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td class=\"w\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                    + "<td class=\"n\">{}</td></tr>", e.date() == null ? "" : e.date().toString(), e.voucherNo(), e.summary(),
                    e.incomeFen() == 0 ? "" : MoneyFormat.grouped(e.incomeFen()),
                    e.expenseFen() == 0 ? "" : MoneyFormat.grouped(e.expenseFen()), MoneyFormat.grouped(balances.get(i))));
        }
        return Html.of("""
                <h2>{}</h2><div class="scroll"><table>
                <thead><tr>{}</tr></thead>
                <tbody>{}
                <tr class="sum"><td></td><td></td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>
                </tbody></table></div>
                """, text.html("content.journal", text.name("entity", j.entity())), text.html("content.journalHead"),
                Html.join(rows), text.html("content.closing"),
                MoneyFormat.grouped(j.totalIncomeFen()), MoneyFormat.grouped(j.totalExpenseFen()),
                MoneyFormat.grouped(j.closingBalanceFen()));
    }

    private static Html.Safe opening(Html.Safe label, long balanceFen) {
        return Html.of("<tr><td></td><td></td><td>{}</td><td></td><td></td><td class=\"n\">{}</td></tr>", label,
                MoneyFormat.grouped(balanceFen));
    }

    private static Html.Safe recipients(PublicText text, RecipientList list, NoticeRowPages.Slice slice) {
        List<Html.Safe> rows = new ArrayList<>();
        if (slice.isEmpty() && !list.recipients().isEmpty()) {
            rows.add(elsewhere(text, slice, 6));
        }
        for (int i = slice.first(); i < slice.end(); i++) {
            Recipient r = list.recipients().get(i);
            rows.add(Html.of("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                    + "<td>{}</td></tr>", i + 1, r.name(), r.group(), r.population(), MoneyFormat.grouped(r.amountFen()),
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
