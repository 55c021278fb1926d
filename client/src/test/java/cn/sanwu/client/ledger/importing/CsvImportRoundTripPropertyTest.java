package cn.sanwu.client.ledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.money.MoneyFormat;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any valid journal written as CSV the ways accountants' tools write it (three delimiters, UTF-8
 * with and without BOM, GB18030; every date spelling; plain, grouped and ¥ amounts; quotes,
 * delimiters and line breaks inside summaries) imports back to exactly the same entries.
 */
class CsvImportRoundTripPropertyTest {

    /** Chinese letters that occur in no 期初余额/合计/累计/承前页 keyword, so no row is mistaken for one. */
    private static final String HAN = "收到支付村民委员会资金款项电费工资办公用品修路补贴租金鱼塘承包";
    private static final String PUNCT = " ,;\t\"'\n，、（）-_/";

    @Provide
    Arbitrary<LedgerEntry> entries() {
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 36_524)
                .map(d -> LocalDate.of(2000, 1, 1).plusDays(d));
        Arbitrary<String> vouchers = Arbitraries.strings().withChars("记现收付-0123456789ABC").ofMinLength(0)
                .ofMaxLength(10);
        Arbitrary<String> summaries = Arbitraries.strings().withChars(HAN + PUNCT + "abcXYZ0123456789")
                .ofMinLength(0).ofMaxLength(40);
        Arbitrary<Long> amounts = Arbitraries.oneOf(Arbitraries.longs().between(1, 100_000),
                Arbitraries.longs().between(1, 999_999_999_999_999L));
        return Combinators.combine(dates, vouchers, summaries, amounts, Arbitraries.of(true, false))
                .as((date, voucher, summary, amount, income) ->
                        new LedgerEntry(date, voucher, summary, income ? amount : 0, income ? 0 : amount));
    }

    @Provide
    Arbitrary<List<LedgerEntry>> journals() {
        return entries().list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void validEntriesRoundTripExactly(@ForAll("journals") List<LedgerEntry> entries,
            @ForAll("delimiters") char delimiter, @ForAll("encodings") String encoding,
            @ForAll("styles") List<Integer> styles, @ForAll("openings") long opening) throws Exception {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"日期", "凭证号", "摘要", "收入", "支出", "余额"});
        rows.add(new String[] {"", "", "期初余额", "", "", MoneyFormat.plain(opening)});
        long balance = opening;
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            balance += e.netFen();
            int style = styles.get(i % styles.size());
            rows.add(new String[] {ImportFixtures.dateText(e.date(), style), e.voucherNo(), e.summary(),
                amount(e.incomeFen(), style), amount(e.expenseFen(), style), MoneyFormat.plain(balance)});
        }
        Path file = Files.createTempFile("roundtrip", ".csv");
        try {
            Charset charset = encoding.startsWith("UTF-8") ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            ImportFixtures.writeCsv(file, rows, delimiter, charset, encoding.endsWith("BOM"));

            ImportPreview p = new CashJournalImporter().preview(file);

            assertThat(p.delimiter()).isEqualTo(delimiter);
            assertThat(p.encoding()).isEqualTo(encoding.equals("UTF-8 BOM") ? "UTF-8 (BOM)" : encoding);
            assertThat(p.rows()).allSatisfy(r -> {
                assertThat(r.errors()).isEmpty();
                assertThat(r.warnings()).isEmpty();
            });
            assertThat(p.validEntries()).containsExactlyElementsOf(entries);
            assertThat(p.statedOpeningBalanceFen()).isEqualTo(opening);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String amount(long fen, int style) {
        if (fen == 0) {
            return style % 2 == 0 ? "" : "-";
        }
        return switch (style % 4) {
            case 0 -> MoneyFormat.plain(fen);
            case 1 -> MoneyFormat.grouped(fen);
            case 2 -> "¥" + MoneyFormat.grouped(fen);
            default -> fen % 100 == 0 ? Long.toString(fen / 100) : MoneyFormat.plain(fen);
        };
    }

    @Provide
    Arbitrary<Character> delimiters() {
        return Arbitraries.of(',', '\t', ';');
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of("UTF-8", "UTF-8 BOM", "GB18030");
    }

    @Provide
    Arbitrary<List<Integer>> styles() {
        return Arbitraries.integers().between(0, 19).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Long> openings() {
        return Arbitraries.longs().between(0, 10_000_000_000L);
    }

    /** Guards the property's own assumption: no generated text is a special-row keyword. */
    @Property(tries = 50)
    void generatedSummariesNeverLookLikeTotalRows(@ForAll("entries") LedgerEntry e) throws IOException {
        String normalized = HeaderDetector.normalize(e.summary());
        assertThat(normalized).doesNotContain("合计", "余额", "累计", "结转", "页");
    }
}
