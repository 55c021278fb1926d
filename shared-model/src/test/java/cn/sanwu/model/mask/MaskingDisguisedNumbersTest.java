package cn.sanwu.model.mask;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.period.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers disguised by characters a reader does not see (zero-width space, soft hyphen, BOM,
 * control characters) or sees as ordinary digits (full-width ０-９, circled ①, Arabic-Indic):
 * the scanner finds them and masking hides them.
 */
class MaskingDisguisedNumbersTest {

    private static final String ID = "11010519491231002X";
    private static final String MOBILE = "13800138000";
    private static final String CARD = "6222021234567890128";
    /** Invisible when printed: zero-width space/joiner/non-joiner, word joiner, BOM, soft hyphen, LRM, BEL, DEL, C1 NEL-free control. */
    private static final List<String> INVISIBLE = List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD",
            "\u200E", "\u0007", "\u007F", "\u009B");

    private static String interleave(String number, String filler) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < number.length(); i++) {
            b.append(number.charAt(i));
            if (i < number.length() - 1) {
                b.append(filler);
            }
        }
        return b.toString();
    }

    private static String fullWidth(String number) {
        StringBuilder b = new StringBuilder();
        for (char c : number.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == 'X' ? 'Ｘ' : c);
        }
        return b.toString();
    }

    /** Every disguise of a number that must not survive masking. */
    static List<String> disguises(String number) {
        List<String> all = new java.util.ArrayList<>();
        for (String f : INVISIBLE) {
            all.add(interleave(number, f));
            all.add(number.substring(0, 3) + f + number.substring(3));
        }
        all.add(fullWidth(number));
        all.add(interleave(fullWidth(number), "\u200B"));
        // Arabic-Indic digits are digits too (Character.getType == DECIMAL_DIGIT_NUMBER).
        all.add(number.replace('1', '\u0661'));
        return all;
    }

    @Test
    void scannerSeesThroughInvisibleCharactersAndWideDigits() {
        for (String number : List.of(ID, MOBILE, CARD)) {
            for (String d : disguises(number)) {
                List<PersonalDataScanner.Finding> found = PersonalDataScanner.scan("号码：" + d + "。");
                assertThat(found).as("scan of %s", d.codePoints().mapToObj(Integer::toHexString).toList()).hasSize(1);
                assertThat(found.getFirst().normalized()).isEqualTo(number);
                assertThat(found.getFirst().text()).as("offsets point into the text as given").isEqualTo(d);
            }
        }
    }

    @Test
    void freeTextMasksDisguisedNumbersAndDropsInvisibleCharacters() {
        for (String d : disguises(ID)) {
            String masked = Masking.freeText("身份证" + d + "已核实");
            assertThat(masked).isEqualTo("身份证110105********002X已核实");
        }
        for (String d : disguises(MOBILE)) {
            assertThat(Masking.freeText("电话" + d)).isEqualTo("电话***");
        }
        for (String d : disguises(CARD)) {
            assertThat(Masking.freeText("卡号" + d)).isEqualTo("卡号****0128");
        }
        assertThat(Masking.freeText("电话１３８\u3000００１３\u3000８０００，")).isEqualTo("电话***，");
        assertThat(Masking.freeText("电话138—0013—8000")).isEqualTo("电话***");
        assertThat(Masking.freeText("电话①③⑧⓪⓪①③⑧⓪⓪⓪")).doesNotContain("8");
        // Text without numbers keeps its full-width punctuation and line breaks, loses only invisibles.
        assertThat(Masking.freeText("第一段（说明）：２０２６年。\n第二段\u200B。")).isEqualTo("第一段（说明）：２０２６年。\n第二段。");
        // A line break separates numbers as it does on paper.
        assertThat(Masking.freeText("电话13800138000\n2026年")).isEqualTo("电话***\n2026年");
    }

    @Test
    void maskedTextIsCleanForTheScanner() {
        for (String number : List.of(ID, MOBILE, CARD)) {
            for (String d : disguises(number)) {
                assertThat(PersonalDataScanner.scan(Masking.freeText("甲" + d + "乙"))).isEmpty();
            }
        }
    }

    @Test
    void integerAndDateCellsCannotCarryPhoneOrOldIdNumbers() {
        assertThat(Masking.cell(MOBILE, ColumnType.INTEGER)).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.cell("110105491231002", ColumnType.INTEGER)).isEqualTo("110105*****1002");
        assertThat(Masking.cell("123456789012345", ColumnType.INTEGER)).isEqualTo("****2345");
        assertThat(Masking.cell(fullWidth(MOBILE), ColumnType.INTEGER)).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.cell("42", ColumnType.INTEGER)).isEqualTo("42");
        assertThat(Masking.cell("-7", ColumnType.INTEGER)).isEqualTo("-7");
        assertThat(Masking.cell(MOBILE, ColumnType.DATE)).isEqualTo(Masking.HIDDEN);
        assertThat(Masking.cell("2026-11-28", ColumnType.DATE)).isEqualTo("2026-11-28");
        // Money stays a number (it prints grouped, with 大写); full-width digits become ASCII.
        assertThat(Masking.cell("１２３４５６", ColumnType.MONEY_FEN)).isEqualTo("123456");
        assertThat(Masking.cell(interleave(ID, "\u200B"), ColumnType.MONEY_FEN)).isEqualTo("110105********002X");
        assertThat(Masking.cell(interleave(ID, "\u200B"), ColumnType.ID_NUMBER)).isEqualTo("110105********002X");
        assertThat(Masking.cell(fullWidth(CARD), ColumnType.BANK_ACCOUNT)).isEqualTo("****0128");
    }

    @Test
    void columnTitlesAreMasked() {
        NoticeContent c = new NoticeContent("330102001001", "F09", Period.parse("2026-Q4"), "标题", "",
                List.of(new NoticeTable("表", List.of(new TableColumn("联系人电话" + MOBILE, ColumnType.TEXT),
                        new TableColumn("金额（" + fullWidth(ID) + "）", ColumnType.MONEY_FEN)), List.of(List.of("a", "1")))),
                null, null);
        NoticeContent masked = Masking.content(c);
        assertThat(masked.tables().getFirst().columns()).extracting(TableColumn::title)
                .containsExactly("联系人电话***", "金额（110105********002X）");
        assertThat(masked.tables().getFirst().columns()).extracting(TableColumn::type)
                .containsExactly(ColumnType.TEXT, ColumnType.MONEY_FEN);
        assertThat(PersonalDataScanner.scan(masked.toString())).isEmpty();
        assertThat(PersonalDataScanner.scan(c.toString())).hasSize(2);
    }
}
