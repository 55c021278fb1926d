package cn.sanwu.client.review;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A notice's content as lines of text for the reviewer's side-by-side view and line diff: title,
 * body paragraphs, one line per ledger entry, recipient or table row, and the totals. ID numbers
 * are shown masked, as on the board. Stateless.
 */
public final class ContentLines {

    private ContentLines() {
    }

    public static List<String> of(NoticeContent c) {
        List<String> lines = new ArrayList<>();
        if (c == null) {
            return lines;
        }
        lines.add("标题：" + c.title());
        lines.add("期间：" + c.period().displayZh());
        for (String p : c.body().split("\\R")) {
            if (!p.isBlank()) {
                lines.add(p.strip());
            }
        }
        CashJournal j = c.journal();
        if (j != null) {
            lines.add("期初余额 " + MoneyFormat.display(j.openingBalanceFen()));
            for (LedgerEntry e : j.entries()) {
                lines.add(e.date() + "　" + e.voucherNo() + "　" + e.summary() + "　"
                        + (e.incomeFen() != 0 ? "收入 " + MoneyFormat.display(e.incomeFen()) : "支出 " + MoneyFormat.display(e.expenseFen())));
            }
            lines.add("收入合计 " + MoneyFormat.display(j.totalIncomeFen()) + "　支出合计 " + MoneyFormat.display(j.totalExpenseFen())
                    + "　期末余额 " + MoneyFormat.display(j.closingBalanceFen()));
        }
        if (c.recipients() != null) {
            for (Recipient r : c.recipients().recipients()) {
                lines.add(r.name() + "　" + r.group() + "　" + r.population() + "人　" + MoneyFormat.display(r.amountFen()) + "　"
                        + Masking.idNumber(r.idNumber()));
            }
            lines.add("合计 " + c.recipients().recipients().size() + " 户 " + MoneyFormat.display(c.recipients().totalAmountFen()));
        }
        for (NoticeTable t : c.tables()) {
            lines.add("【" + t.caption() + "】");
            for (List<String> row : t.rows()) {
                lines.add(String.join("　", row));
            }
        }
        return lines;
    }

    /**
     * A line diff (longest common subsequence): unchanged lines start with two spaces, lines only
     * in {@code now} with "+ ", lines only in {@code before} with "- ". Notices are short, so the
     * quadratic table is fine.
     */
    public static List<String> diff(List<String> before, List<String> now) {
        int n = before.size();
        int m = now.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int k = m - 1; k >= 0; k--) {
                lcs[i][k] = before.get(i).equals(now.get(k)) ? lcs[i + 1][k + 1] + 1 : Math.max(lcs[i + 1][k], lcs[i][k + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int k = 0;
        while (i < n || k < m) {
            if (i < n && k < m && before.get(i).equals(now.get(k))) {
                out.add("  " + now.get(k));
                i++;
                k++;
            } else if (k < m && (i == n || lcs[i][k + 1] >= lcs[i + 1][k])) {
                out.add("+ " + now.get(k++));
            } else {
                out.add("- " + before.get(i++));
            }
        }
        return out;
    }
}
