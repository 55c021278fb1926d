package cn.sanwu.model.mask;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final String ID = "11010519491231002X";

    @Test
    void idNumberKeepsFirstSixAndLastFour() {
        assertThat(Masking.idNumber(ID)).isEqualTo("110105********002X");
        assertThat(Masking.idNumber(" 110105199003071239 ")).isEqualTo("110105********1239");
        assertThat(Masking.idNumber("110105490101123")).isEqualTo("110105*****1123");
        assertThat(Masking.idNumber("12345")).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.idNumber(null)).isEmpty();
    }

    @Test
    void bankKeepsOnlyLastFourAndHidesLength() {
        assertThat(Masking.bankAccount("6222 0212 3456 7890 128")).isEqualTo("****0128");
        assertThat(Masking.bankAccount("6217001234567893")).isEqualTo("****7893");
        assertThat(Masking.bankAccount("1234567")).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.bankAccount("")).isEmpty();
    }

    @Test
    void phoneAndAddressNeverAppear() {
        assertThat(Masking.phone("13800138000")).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.address("浙江省杭州市某村5组12号")).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.cell("13800138000", ColumnType.PHONE)).doesNotContain("138");
        assertThat(Masking.cell("某村5组12号", ColumnType.ADDRESS)).doesNotContain("12号");
    }

    @Test
    void freeTextMasksPersonalNumbers() {
        assertThat(Masking.freeText("户主张三，身份证号" + ID + "，已核实。")).isEqualTo("户主张三，身份证号110105********002X，已核实。");
        assertThat(Masking.freeText("身份证11010519491231002x")).isEqualTo("身份证110105********002x");
        assertThat(Masking.freeText("旧证号110105491231002办理")).isEqualTo("旧证号110105*****1002办理");
        assertThat(Masking.freeText("卡号6222021234567890128转账")).isEqualTo("卡号****0128转账");
        assertThat(Masking.freeText("卡号 6222 0212 3456 7890 128 转账")).isEqualTo("卡号 ****0128 转账");
        assertThat(Masking.freeText("卡号6217-0012-3456-7893。")).isEqualTo("卡号****7893。");
        assertThat(Masking.freeText("电话13800138000")).isEqualTo("电话***");
        assertThat(Masking.freeText("电话+86 138 0013 8000，")).isEqualTo("电话***，");
        assertThat(Masking.freeText("电话+8613800138000")).isEqualTo("电话***");
        assertThat(Masking.freeText("电话138-0013-8000")).isEqualTo("电话***");
        assertThat(Masking.freeText("村委会电话0571-88888888，或(0571)88888888")).isEqualTo("村委会电话***，或***");
        assertThat(Masking.freeText("座机010-12345678")).isEqualTo("座机***");
    }

    @Test
    void freeTextLeavesAmountsDatesAndVouchersAlone() {
        String text = "2026-11-28 记-0012 支付保洁费12345.67元，合计1,234,567.89元，编号12345678，第3组共8户。";
        assertThat(Masking.freeText(text)).isEqualTo(text);
        assertThat(Masking.freeText("")).isEmpty();
        assertThat(Masking.freeText(null)).isEmpty();
    }

    @Test
    void eighteenDigitRunWithoutBirthDateIsMaskedAsAccount() {
        // Not an ID (month 13), so it must not keep 10 digits: treat it as an account number.
        assertThat(Masking.freeText("账号110105199013011234")).isEqualTo("账号****1234");
    }

    @Test
    void typedCellsPassOnlyWhenWellFormed() {
        assertThat(Masking.cell("123456", ColumnType.MONEY_FEN)).isEqualTo("123456");
        assertThat(Masking.cell("2026-11-28", ColumnType.DATE)).isEqualTo("2026-11-28");
        // An ID typed into a number column is still masked.
        assertThat(Masking.cell(ID, ColumnType.INTEGER)).isEqualTo("110105********002X");
        assertThat(Masking.cell("110105199003071239", ColumnType.MONEY_FEN)).isEqualTo("110105********1239");
        assertThat(Masking.cell(ID, ColumnType.ID_NUMBER)).isEqualTo("110105********002X");
        assertThat(Masking.cell("6222021234567890128", ColumnType.BANK_ACCOUNT)).isEqualTo("****0128");
        assertThat(Masking.cell("张三 13800138000", ColumnType.PERSON_NAME)).isEqualTo("张三 ***");
    }

    @Test
    void contentMasksEveryPublicPart() {
        NoticeContent c = new NoticeContent("330102001001", "F09", Period.parse("2026-Q4"),
                "补贴发放公示（联系电话13800138000）", "如有异议请联系0571-88888888。身份证" + ID,
                List.of(new NoticeTable("名单 卡号6222021234567890128",
                        List.of(new TableColumn("姓名", ColumnType.PERSON_NAME), new TableColumn("身份证号", ColumnType.ID_NUMBER),
                                new TableColumn("银行卡", ColumnType.BANK_ACCOUNT), new TableColumn("电话", ColumnType.PHONE),
                                new TableColumn("住址", ColumnType.ADDRESS), new TableColumn("金额", ColumnType.MONEY_FEN)),
                        List.of(List.of("张三", ID, "6222021234567890128", "13800138000", "一组12号", "123456", "多余的列 13900139000")))),
                new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 0, List.of(
                        new LedgerEntry(LocalDate.of(2026, 11, 3), "记-0012", "付张三(" + ID + ")补贴", 0, 100))),
                new RecipientList("低保", List.of(new Recipient("李四", "二组", 2, 5000, "110105199003071239"))));
        NoticeContent masked = Masking.content(c);
        String all = masked.toString();
        assertThat(all).doesNotContain(ID, "110105199003071239", "13800138000", "13900139000", "88888888",
                "6222021234567890128", "一组12号");
        assertThat(PersonalDataScanner.scan(all)).isEmpty();
        assertThat(masked.tables().get(0).rows().get(0))
                .containsExactly("张三", "110105********002X", "****0128", "***", "***", "123456", "多余的列 ***");
        assertThat(masked.journal().entries().get(0).summary()).isEqualTo("付张三(110105********002X)补贴");
        assertThat(masked.journal().entries().get(0).voucherNo()).isEqualTo("记-0012");
        assertThat(masked.recipients().recipients().get(0).idNumber()).isEqualTo("110105********1239");
        assertThat(masked.recipients().recipients().get(0).amountFen()).isEqualTo(5000);
        // The internal record is untouched.
        assertThat(c.recipients().recipients().get(0).idNumber()).isEqualTo("110105199003071239");
        assertThat(PersonalDataScanner.scan(c.toString())).isNotEmpty();
    }
}
