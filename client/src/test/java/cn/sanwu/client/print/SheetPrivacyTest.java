package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.region.RegionLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulletin board never shows unmasked personal data: an ID number, a bank card and a mobile
 * number are put into every field a clerk can type (title, body, caption, column titles, cells of
 * every column type, journal, recipient list, the 经办人 name), written plain and disguised
 * (zero-width characters, soft hyphen, BOM, full-width digits). For every paper size the PDF's
 * text, extracted by poppler's pdftotext, must be clean for {@link PersonalDataScanner}.
 * {@link SheetOutputProofTest#theScannerWouldCatchAnUnmaskedNumber} shows the scanner can fail.
 */
class SheetPrivacyTest {

    private static final String ID = "11010519491231002X";
    private static final String OLD_ID = "110105491231002";
    private static final String MOBILE = "13912345678";
    private static final String CARD = "6222021234567890128";

    @TempDir
    Path dir;

    /** Plain and disguised forms of a number: what a reader of the printed page sees is the same number. */
    private static final Map<String, UnaryOperator<String>> DISGUISES = Map.of(
            "plain", s -> s,
            "zero-width space", s -> String.join("\u200B", s.split("")),
            "soft hyphen", s -> s.substring(0, 3) + "\u00AD" + s.substring(3),
            "byte-order mark", s -> s.substring(0, 7) + "\uFEFF" + s.substring(7),
            "full-width", SheetPrivacyTest::fullWidth,
            "full-width with word joiners", s -> String.join("\u2060", fullWidth(s).split("")));

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == 'X' ? 'Ｘ' : c);
        }
        return b.toString();
    }

    /** A notice with the three numbers, disguised by {@code d}, in every field a clerk types. */
    private static Notice leakyNotice(UnaryOperator<String> d) {
        String id = d.apply(ID);
        String mobile = d.apply(MOBILE);
        String card = d.apply(CARD);
        List<TableColumn> columns = List.of(new TableColumn("姓名" + mobile, ColumnType.PERSON_NAME),
                new TableColumn("身份证" + id, ColumnType.ID_NUMBER), new TableColumn("卡号" + card, ColumnType.BANK_ACCOUNT),
                new TableColumn("电话", ColumnType.PHONE), new TableColumn("住址", ColumnType.ADDRESS),
                new TableColumn("金额", ColumnType.MONEY_FEN), new TableColumn("人口", ColumnType.INTEGER),
                new TableColumn("日期", ColumnType.DATE), new TableColumn("备注", ColumnType.TEXT));
        List<List<String>> rows = List.of(
                List.of("张三" + mobile, id, card, mobile, "幸福路12号", "12345", mobile, mobile, "卡" + card),
                List.of("李四", d.apply(OLD_ID), card, mobile, "", "100", d.apply(OLD_ID), id, "证" + id));
        CashJournal journal = new CashJournal(AccountingEntity.VILLAGE_COMMITTEE, 0, List.of(
                new LedgerEntry(LocalDate.of(2026, 7, 1), "记" + mobile, "付张三" + id + "补贴，卡" + card, 0, 100)));
        RecipientList recipients = new RecipientList("低保" + mobile, List.of(
                new Recipient("王五" + mobile, "二组" + card, 2, 5000, d.apply("110105199003071239"))));
        return new Notice(UUID.fromString("01a22000-0000-7000-8000-000000000004"), new NoticeContent(
                cn.sanwu.client.testsupport.TestStores.VILLAGE, "F03", Q3, "补贴公示，联系" + mobile,
                "如有异议请联系" + mobile + "。\n身份证" + id + "，旧证" + d.apply(OLD_ID) + "，卡号" + card + "。",
                List.of(new NoticeTable("名单" + mobile, columns, rows)), journal, recipients),
                NoticeStatus.DRAFT, 1, null, Instant.EPOCH);
    }

    private String pdftotext(byte[] pdf) throws Exception {
        Path in = Files.write(dir.resolve("sheet.pdf"), pdf);
        Path out = dir.resolve("sheet.txt");
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return Files.readString(out);
    }

    @Test
    void noFieldOfAnyPaperSizeShowsPersonalDataWhateverTheDisguise() throws Exception {
        for (var disguise : DISGUISES.entrySet()) {
            Notice n = leakyNotice(disguise.getValue());
            assertThat(PersonalDataScanner.scan(n.content().toString())).as("the notice itself holds the numbers").hasSizeGreaterThan(5);
            for (Paper paper : Paper.values()) {
                SheetOptions o = new SheetOptions(paper, paper == Paper.A3_LANDSCAPE, null, PRINT_DATE, null, null,
                        "王" + disguise.getValue().apply(MOBILE));
                String text = pdftotext(SheetPdfWriter.write(SheetFixtures.sheet(n, o), o).pdf());
                String where = disguise.getKey() + " / " + paper;
                assertThat(text).as(where + ": the sheet printed").contains("张三").contains("王五").contains("低保");
                assertThat(PersonalDataScanner.scan(text)).as(where).isEmpty();
                // Every digit of the page run together (the village's own landline left out): no 8-digit tail of a secret.
                String digits = text.replace(SheetFixtures.VILLAGE.supervisionPhone(), "").replaceAll("[^0-9]", "");
                for (String secret : List.of(MOBILE, CARD, ID.substring(0, 17), OLD_ID, "110105199003071239".substring(0, 17))) {
                    assertThat(digits).as(where + ": no digit run of " + secret).doesNotContain(secret.substring(secret.length() - 8));
                }
            }
        }
    }

    private static Sheet handMadeSheet(String cell) {
        return new Sheet("红旗村公开榜", "名单", List.of(), List.of(), List.of(new Sheet.Table("表", List.of(
                new Sheet.Column("姓名", 1, Sheet.Align.LEFT, Sheet.Carry.NONE),
                new Sheet.Column("电话", 1, Sheet.Align.LEFT, Sheet.Carry.NONE)),
                List.of(new Sheet.Row(List.of("张三", cell), new long[2])), "", false)),
                List.of(), List.of("监督电话：0419-12345678"), "https://x.example/n/1", "编号 1", true, List.of());
    }

    @Test
    void aSheetThatStillHoldsPersonalDataIsRefusedWithThePlaceNamed() {
        SheetOptions o = SheetOptions.defaults(PRINT_DATE);
        for (String leak : List.of(MOBILE, "139\u200B1234\u200B5678", fullWidth(MOBILE))) {
            assertThatThrownBy(() -> SheetPdfWriter.write(handMadeSheet(leak), o))
                    .isInstanceOf(SheetPrivacyCheck.PersonalDataInSheetException.class)
                    .hasMessageContaining("第 1 个表格第 1 行“电话”列").hasMessageContaining("手机号")
                    .hasMessageContaining("已拒绝打印")
                    .satisfies(e -> assertThat(e.getMessage().replaceAll("[^0-9]", "")).doesNotContain("12345678"));
        }
        assertThatThrownBy(() -> SheetPdfWriter.write(handMadeSheet("身份证" + ID), o))
                .hasMessageContaining("身份证号（110105********002X）");
        assertThat(SheetPdfWriter.write(handMadeSheet("138****0000"), o).pages()).isEqualTo(1);
    }

    @Test
    void aNumberThatOnlyAppearsWhenMaskedPiecesAreJoinedIsRefused() {
        // Caption and column title are each harmless; the total line "<caption> <title>合计" reads as a mobile number.
        NoticeTable t = new NoticeTable("联系139 1234", List.of(new TableColumn("5678金额", ColumnType.MONEY_FEN)),
                List.of(List.of("100")));
        Notice n = SheetFixtures.tableNotice("支出公示", "", t);
        SheetOptions o = SheetOptions.defaults(PRINT_DATE);
        assertThatThrownBy(() -> SheetPdfWriter.write(SheetFixtures.sheet(n, o), o))
                .isInstanceOf(SheetPrivacyCheck.PersonalDataInSheetException.class)
                .hasMessageContaining("合计第 1 行").hasMessageContaining("手机号");
    }

    @Test
    void theVillagesOwnSupervisionPhonePrintsEvenWhenItIsAMobileNumber() {
        VillageProfile village = new VillageProfile(cn.sanwu.client.testsupport.TestStores.VILLAGE, "红旗村",
                RegionLevel.VILLAGE, "红旗镇", "示例县", "示例市", "139 0000 1111");
        Notice n = SheetFixtures.notice("P04", Q3, "党费收缴情况", "本季度收缴党费。", null, null, NoticeStatus.DRAFT);
        SheetOptions o = SheetOptions.defaults(PRINT_DATE);
        Sheet sheet = SheetComposer.compose(n, SheetFixtures.item("P04"), village, SheetFixtures.hash(n), o);
        String text = String.join("", SheetFixtures.pageTexts(SheetPdfWriter.write(sheet, o).pdf()));
        assertThat(text).contains("监督电话：139 0000 1111");
        // …but only there: the same number typed by the clerk into the body is masked.
        Notice typed = SheetFixtures.notice("P04", Q3, "党费收缴情况", "联系13900001111。", null, null, NoticeStatus.DRAFT);
        Sheet typedSheet = SheetComposer.compose(typed, SheetFixtures.item("P04"), village, SheetFixtures.hash(typed), o);
        assertThat(typedSheet.paragraphs()).containsExactly("联系***。");
    }

    @Test
    void everyStringOfTheComposedSheetIsClean() {
        List<String> all = new ArrayList<>();
        Sheet s = SheetFixtures.sheet(leakyNotice(DISGUISES.get("zero-width space")), SheetOptions.defaults(PRINT_DATE));
        all.add(s.heading());
        all.add(s.title());
        all.addAll(s.infoLines());
        all.addAll(s.paragraphs());
        all.addAll(s.totals());
        all.addAll(s.footerLines());
        for (Sheet.Table t : s.tables()) {
            all.add(t.caption());
            t.columns().forEach(c -> all.add(c.title()));
            t.rows().forEach(r -> all.addAll(r.cells()));
        }
        for (String text : all) {
            assertThat(PersonalDataScanner.scan(text)).as(text).isEmpty();
            assertThat(text).doesNotContain("\u200B");
        }
    }
}
