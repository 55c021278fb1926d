package cn.sanwu.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.catalog.AppliesTo;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.catalog.ContentKind;
import cn.sanwu.model.catalog.Frequency;
import cn.sanwu.model.catalog.Timing;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final Period NOV = Period.parse("2026-11");
    private static final CatalogItem MONTHLY_ITEM = new CatalogItem("F02", Category.FINANCE, "财务收支明细", "", Timing.PERIODIC,
            Frequency.MONTHLY, AppliesTo.BOTH, ContentKind.CASH_JOURNAL, false, "", "");

    private static LedgerEntry line(int day, String voucher, String summary, long income, long expense) {
        return new LedgerEntry(day == 0 ? null : LocalDate.of(2026, 11, day), voucher, summary, income, expense);
    }

    private static CashJournal journal(LedgerEntry... entries) {
        return new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 100_000, List.of(entries));
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::messageZh).toList();
    }

    @Test
    void cleanJournalHasNoProblems() {
        assertThat(Validation.journal(journal(line(1, "记-1", "收租金", 500, 0), line(30, "记-2", "付电费", 0, 200)), NOV)).isEmpty();
    }

    @Test
    void duplicateVoucherNamesBothRows() {
        List<Problem> p = Validation.journal(journal(line(1, "记-1", "收租金", 500, 0), line(2, "记-2", "付电费", 0, 200),
                line(3, "记-1", "付水费", 0, 100)), NOV);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).row()).isEqualTo(3);
        assertThat(p.get(0).field()).isEqualTo("entries[2].voucherNo");
        assertThat(p.get(0).messageZh()).contains("第3行", "第1行", "记-1", "重复");
        assertThat(p.get(0).blocking()).isTrue();
    }

    @Test
    void amountsMustBeOneSidedPositive() {
        assertThat(messages(Validation.journal(journal(line(1, "记-1", "收支", 500, 200)), NOV))).singleElement()
                .asString().contains("既有收入又有支出");
        assertThat(messages(Validation.journal(journal(line(1, "记-1", "空行", 0, 0)), NOV))).singleElement()
                .asString().contains("都为零");
        assertThat(messages(Validation.journal(journal(line(1, "记-1", "冲账", -500, 0)), NOV))).singleElement()
                .asString().contains("不能为负数");
        assertThat(messages(Validation.journal(journal(line(1, "记-1", "离谱", Long.MAX_VALUE, 0)), NOV))).singleElement()
                .asString().contains("超出范围");
    }

    @Test
    void dateOutsidePeriodAndMissingFields() {
        List<String> outside = messages(Validation.journal(journal(new LedgerEntry(LocalDate.of(2026, 12, 1), "记-1", "收租金", 500, 0)), NOV));
        assertThat(outside).singleElement().asString().contains("2026-12-01", "不在期间", "2026年11月");
        List<Problem> missing = Validation.journal(journal(line(0, " ", "", 500, 0)), NOV);
        assertThat(messages(missing)).hasSize(3).anySatisfy(m -> assertThat(m).contains("缺少日期"))
                .anySatisfy(m -> assertThat(m).contains("缺少凭证号")).anySatisfy(m -> assertThat(m).contains("缺少摘要"));
        assertThat(missing).allSatisfy(p -> assertThat(p.row()).isEqualTo(1));
    }

    @Test
    void statedTotalsMustBalance() {
        CashJournal j = journal(line(1, "记-1", "收租金", 500, 0), line(2, "记-2", "付电费", 0, 200));
        assertThat(Validation.statedTotals(j, 500L, 200L, 100_300L)).isEmpty();
        assertThat(Validation.statedTotals(j, null, null, null)).isEmpty();
        List<String> m = messages(Validation.statedTotals(j, 501L, 199L, 100_000L));
        assertThat(m).hasSize(3);
        assertThat(m.get(0)).contains("收入合计不平", "¥5.01", "¥5.00");
        assertThat(m.get(1)).contains("支出合计不平", "¥1.99", "¥2.00");
        assertThat(m.get(2)).contains("期末余额不平", "¥1,003.00");
    }

    @Test
    void overflowingTotalsAreAFindingNotAnException() {
        CashJournal huge = journal(line(1, "记-1", "a", Long.MAX_VALUE / 2, 0), line(2, "记-2", "b", Long.MAX_VALUE / 2, 0),
                line(3, "记-3", "c", Long.MAX_VALUE / 2, 0));
        assertThat(messages(Validation.statedTotals(huge, 1L, 1L, 1L))).singleElement().asString().contains("超出范围");
        assertThat(messages(Validation.balanceContinuity(huge, journal()))).singleElement().asString().contains("超出范围");
    }

    @Test
    void balanceContinuity() {
        CashJournal previous = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 0, List.of(line(1, "记-1", "收", 100_000, 0)));
        assertThat(Validation.balanceContinuity(previous, journal())).isEmpty();
        assertThat(Validation.balanceContinuity(null, journal())).isEmpty();
        CashJournal off = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 99_999, List.of());
        assertThat(messages(Validation.balanceContinuity(previous, off))).singleElement().asString()
                .contains("期初余额", "¥999.99", "上期期末余额", "¥1,000.00", "不一致");
    }

    @Test
    void periodMustFitItemFrequency() {
        assertThat(Validation.periodFitsItem(NOV, MONTHLY_ITEM)).isEmpty();
        assertThat(messages(Validation.periodFitsItem(Period.parse("2026-Q4"), MONTHLY_ITEM))).singleElement().asString()
                .contains("2026年第四季度", "财务收支明细", "每月", "不符");
    }

    @Test
    void recipients() {
        RecipientList list = new RecipientList("低保", List.of(
                new Recipient("张三", "一组", 3, 50_000, "11010519491231002x"),
                new Recipient("李四", "一组", 2, 0, "110105199003071238"),
                new Recipient("王五", "二组", 1, 30_000, "11010519491231002X"),
                new Recipient("", "二组", 0, -1, "110105199003071239")));
        List<Problem> p = Validation.recipients(list);
        assertThat(p).anySatisfy(x -> assertThat(x.messageZh()).contains("第2行", "校验位"))
                .anySatisfy(x -> assertThat(x.messageZh()).contains("第2行", "金额应大于0"))
                .anySatisfy(x -> assertThat(x.messageZh()).contains("第3行", "身份证号与第1行重复"))
                .anySatisfy(x -> assertThat(x.messageZh()).contains("第4行", "缺少姓名"))
                .anySatisfy(x -> assertThat(x.messageZh()).contains("第4行", "人口数"))
                .anySatisfy(x -> assertThat(x.messageZh()).contains("第4行", "金额应大于0"));
        assertThat(p).hasSize(6);
        assertThat(Validation.recipients(new RecipientList("低保",
                List.of(new Recipient("张三", "一组", 3, 50_000, "11010519491231002X"))))).isEmpty();
    }

    @Test
    void noticeCombinesChecks() {
        NoticeContent c = new NoticeContent("330102001001", "F03", Period.parse("2026-Q4"), " ", "",
                List.of(), journal(line(1, "记-1", "收租金", 500, 0)), null);
        List<String> m = messages(Validation.notice(c, MONTHLY_ITEM));
        assertThat(m).anySatisfy(x -> assertThat(x).contains("标题不能为空"))
                .anySatisfy(x -> assertThat(x).contains("公开事项不一致"))
                .anySatisfy(x -> assertThat(x).contains("公开频次"));
    }
}
