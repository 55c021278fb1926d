package cn.sanwu.model.validation;

import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that return clear Chinese messages; they never throw for bad content. Stateless. */
public final class Validation {

    private static final Problem OVERFLOW = Problem.error("entries", 0, "金额合计超出范围，请检查各行金额");

    private Validation() {
    }

    /** Totals use exact arithmetic; absurd amounts must become a finding, not an exception. */
    private static boolean totalsComputable(CashJournal journal) {
        try {
            journal.closingBalanceFen();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    public static List<Problem> periodFitsItem(Period period, CatalogItem item) {
        if (period.fits(item.frequency())) {
            return List.of();
        }
        return List.of(Problem.error("period", 0, "期间“" + period.displayZh() + "”与事项“" + item.nameZh()
                + "”的公开频次（" + item.frequency().nameZh() + "）不符"));
    }

    /** Notice-level checks: title, period against the item, journal and recipients when present. */
    public static List<Problem> notice(NoticeContent c, CatalogItem item) {
        List<Problem> problems = new ArrayList<>();
        if (c.title().isBlank()) {
            problems.add(Problem.error("title", 0, "标题不能为空"));
        }
        if (!c.itemCode().equals(item.code())) {
            problems.add(Problem.error("itemCode", 0, "公开事项不一致：" + c.itemCode() + " / " + item.code()));
        }
        problems.addAll(periodFitsItem(c.period(), item));
        if (c.journal() != null) {
            problems.addAll(journal(c.journal(), c.period()));
        }
        if (c.recipients() != null) {
            problems.addAll(recipients(c.recipients()));
        }
        return problems;
    }

    public static List<Problem> journal(CashJournal journal, Period period) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> voucherRows = new HashMap<>();
        List<LedgerEntry> entries = journal.entries();
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            int row = i + 1;
            String at = "第" + row + "行：";
            if (e.date() == null) {
                problems.add(Problem.error("entries[" + i + "].date", row, at + "缺少日期"));
            } else if (period != null && period.frequency().isCalendarPeriodic() && !period.contains(e.date())) {
                problems.add(Problem.error("entries[" + i + "].date", row,
                        at + "日期 " + e.date() + " 不在期间“" + period.displayZh() + "”内"));
            }
            if (e.voucherNo().isEmpty()) {
                problems.add(Problem.error("entries[" + i + "].voucherNo", row, at + "缺少凭证号"));
            } else {
                Integer first = voucherRows.putIfAbsent(e.voucherNo(), row);
                if (first != null) {
                    problems.add(Problem.error("entries[" + i + "].voucherNo", row,
                            at + "凭证号“" + e.voucherNo() + "”与第" + first + "行重复"));
                }
            }
            if (e.summary().isEmpty()) {
                problems.add(Problem.error("entries[" + i + "].summary", row, at + "缺少摘要"));
            }
            if (Math.abs(e.incomeFen()) > MoneyFormat.MAX_ABS_FEN || Math.abs(e.expenseFen()) > MoneyFormat.MAX_ABS_FEN) {
                problems.add(Problem.error("entries[" + i + "].amount", row, at + "金额超出范围（整数部分最多16位）"));
            }
            if (e.incomeFen() < 0 || e.expenseFen() < 0) {
                problems.add(Problem.error("entries[" + i + "].amount", row, at + "收入、支出金额不能为负数（冲账请用红字凭证说明）"));
            }
            if (e.incomeFen() != 0 && e.expenseFen() != 0) {
                problems.add(Problem.error("entries[" + i + "].amount", row, at + "同一行不能既有收入又有支出"));
            }
            if (e.incomeFen() == 0 && e.expenseFen() == 0) {
                problems.add(Problem.error("entries[" + i + "].amount", row, at + "收入和支出都为零"));
            }
        }
        return problems;
    }

    /**
     * Compares totals a document states (e.g. the last line of an imported sheet) with the totals
     * computed from the lines; {@code null} means "not stated".
     */
    public static List<Problem> statedTotals(CashJournal journal, Long statedIncomeFen, Long statedExpenseFen,
            Long statedClosingFen) {
        List<Problem> problems = new ArrayList<>();
        if (!totalsComputable(journal)) {
            return List.of(OVERFLOW);
        }
        if (statedIncomeFen != null && statedIncomeFen != journal.totalIncomeFen()) {
            problems.add(Problem.error("totalIncome", 0, "收入合计不平：填写 " + MoneyFormat.display(statedIncomeFen)
                    + "，明细合计 " + MoneyFormat.display(journal.totalIncomeFen())));
        }
        if (statedExpenseFen != null && statedExpenseFen != journal.totalExpenseFen()) {
            problems.add(Problem.error("totalExpense", 0, "支出合计不平：填写 " + MoneyFormat.display(statedExpenseFen)
                    + "，明细合计 " + MoneyFormat.display(journal.totalExpenseFen())));
        }
        if (statedClosingFen != null && statedClosingFen != journal.closingBalanceFen()) {
            problems.add(Problem.error("closingBalance", 0, "期末余额不平：填写 " + MoneyFormat.display(statedClosingFen)
                    + "，按期初余额和收支计算为 " + MoneyFormat.display(journal.closingBalanceFen())));
        }
        return problems;
    }

    /** The opening balance must equal the previous period's closing balance. */
    public static List<Problem> balanceContinuity(CashJournal previous, CashJournal current) {
        if (previous != null && !totalsComputable(previous)) {
            return List.of(OVERFLOW);
        }
        if (previous == null || previous.closingBalanceFen() == current.openingBalanceFen()) {
            return List.of();
        }
        return List.of(Problem.error("openingBalance", 0, "期初余额 " + MoneyFormat.display(current.openingBalanceFen())
                + " 与上期期末余额 " + MoneyFormat.display(previous.closingBalanceFen()) + " 不一致"));
    }

    public static List<Problem> recipients(RecipientList list) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> idRows = new HashMap<>();
        List<Recipient> rows = list.recipients();
        for (int i = 0; i < rows.size(); i++) {
            Recipient r = rows.get(i);
            int row = i + 1;
            String at = "第" + row + "行：";
            if (r.name().isEmpty()) {
                problems.add(Problem.error("recipients[" + i + "].name", row, at + "缺少姓名"));
            }
            if (r.population() <= 0) {
                problems.add(Problem.error("recipients[" + i + "].population", row, at + "人口数应大于0"));
            }
            if (r.amountFen() <= 0) {
                problems.add(Problem.error("recipients[" + i + "].amount", row, at + "金额应大于0"));
            }
            String idProblem = IdNumber.problem(r.idNumber());
            if (idProblem != null) {
                problems.add(Problem.error("recipients[" + i + "].idNumber", row, at + idProblem));
            } else {
                Integer first = idRows.putIfAbsent(r.idNumber(), row);
                if (first != null) {
                    problems.add(Problem.error("recipients[" + i + "].idNumber", row, at + "身份证号与第" + first + "行重复"));
                }
            }
        }
        return problems;
    }
}
