package cn.sanwu.model.mask;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.mask.PersonalDataScanner.Finding;
import cn.sanwu.model.mask.PersonalDataScanner.Kind;
import cn.sanwu.model.testing.SeedFromSystemProperty;
import cn.sanwu.model.validation.IdNumber;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(SeedFromSystemProperty.class)
class PersonalDataScannerTest {

    @Example
    void findsEachKind() {
        List<Finding> f = PersonalDataScanner.scan("身份证11010519491231002x，卡号6222 0212 3456 7890 128，手机+86 138-0013-8000。");
        assertThat(f).extracting(Finding::kind).containsExactly(Kind.ID_NUMBER, Kind.BANK_CARD, Kind.MOBILE);
        assertThat(f).extracting(Finding::normalized).containsExactly("11010519491231002X", "6222021234567890128", "8613800138000");
    }

    @Example
    void checksumsKeepFalseAlarmsAway() {
        // Wrong ID check character, Luhn-invalid card, amounts, dates, vouchers, landlines: no finding.
        assertThat(PersonalDataScanner.scan("11010519491231002Y 110105194912310021 6222021234567890123 "
                + "12345.67 2026-11-28 记-0012 12345678 0571-88888888")).isEmpty();
        assertThat(PersonalDataScanner.isClean(null)).isTrue();
        assertThat(PersonalDataScanner.luhnValid("79927398713")).isTrue();
        assertThat(PersonalDataScanner.luhnValid("79927398710")).isFalse();
        assertThat(PersonalDataScanner.luhnValid("12a4")).isFalse();
    }

    @Example
    void validIdIsNotAlsoReportedAsCard() {
        // 110105199003071239 happens to be an 18-digit run; it must be reported once, as an ID.
        assertThat(PersonalDataScanner.scan("证号110105199003071239")).extracting(Finding::kind).containsExactly(Kind.ID_NUMBER);
    }

    /**
     * The masker and the scanner are independent: random texts with embedded valid IDs, cards and
     * mobiles must be flagged before masking (so this test can fail) and clean after it.
     */
    @Property(tries = 300)
    void maskedTextIsCleanAndUnmaskedIsNot(@ForAll("documents") Document doc) {
        List<String> found = PersonalDataScanner.scan(doc.text()).stream().map(Finding::normalized).toList();
        assertThat(found).as(doc.text()).containsAll(doc.secrets());
        String masked = Masking.freeText(doc.text());
        assertThat(PersonalDataScanner.scan(masked)).as(masked).isEmpty();
        for (String secret : doc.secrets()) {
            assertThat(masked.replaceAll("[ -]", "")).doesNotContain(secret.substring(secret.length() - 8));
        }
    }

    record Document(String text, List<String> secrets) {
    }

    @Provide
    Arbitrary<Document> documents() {
        Arbitrary<Piece> secret = Arbitraries.oneOf(ids(), cards(), mobiles());
        Arbitrary<String> filler = fillers();
        return Combinators.combine(filler, secret.list().ofMinSize(1).ofMaxSize(4), filler.list().ofSize(4))
                .as((head, secrets, fillers) -> {
                    StringBuilder text = new StringBuilder(head);
                    List<String> normalized = new ArrayList<>();
                    for (int i = 0; i < secrets.size(); i++) {
                        text.append(secrets.get(i).written()).append(fillers.get(i));
                        normalized.add(secrets.get(i).normalized());
                    }
                    return new Document(text.toString(), normalized);
                });
    }

    record Piece(String written, String normalized) {
    }

    /** Text between secrets: always starts and ends with a Chinese character so secrets stay whole runs. */
    private static Arbitrary<String> fillers() {
        Arbitrary<String> word = Arbitraries.of("村", "补贴", "金额12345.67元", "日期2026-11-28", "凭证记-0012", "编号12345678",
                "第3组", "，", "。", " ", "合计1,234.00", "电话", "卡号", "身份证", "abc", "(", ")");
        return word.list().ofMinSize(0).ofMaxSize(6).map(ws -> "村" + String.join("", ws) + "务");
    }

    private static Arbitrary<Piece> ids() {
        Arbitrary<String> area = Arbitraries.of("110105", "330102", "440304", "510107", "642221");
        Arbitrary<String> birth = Arbitraries.integers().between(1930, 2020).flatMap(y -> Arbitraries.integers().between(1, 12)
                .flatMap(m -> Arbitraries.integers().between(1, 28).map(d -> String.format("%04d%02d%02d", y, m, d))));
        Arbitrary<String> seq = Arbitraries.strings().numeric().ofLength(3);
        Arbitrary<Boolean> lower = Arbitraries.of(true, false);
        return Combinators.combine(area, birth, seq, lower).as((a, b, s, low) -> {
            String first17 = a + b + s;
            String id = first17 + IdNumber.checkCharacter(first17);
            return new Piece(low ? id.toLowerCase() : id, id);
        });
    }

    private static Arbitrary<Piece> cards() {
        Arbitrary<String> body = Arbitraries.integers().between(15, 18)
                .flatMap(n -> Arbitraries.strings().numeric().ofLength(n).map(s -> "6" + s.substring(1)));
        Arbitrary<String> separator = Arbitraries.of("", " ", "-");
        return Combinators.combine(body, separator).as((b, sep) -> {
            String card = b + luhnDigit(b);
            StringBuilder written = new StringBuilder();
            for (int i = 0; i < card.length(); i++) {
                if (i > 0 && i % 4 == 0) {
                    written.append(sep);
                }
                written.append(card.charAt(i));
            }
            return new Piece(written.toString(), card);
        });
    }

    private static Arbitrary<Piece> mobiles() {
        Arbitrary<String> number = Arbitraries.strings().numeric().ofLength(8)
                .flatMap(rest -> Arbitraries.of("13", "15", "17", "18", "19").flatMap(p -> Arbitraries.strings().numeric()
                        .ofLength(1).map(d -> p + d + rest)));
        Arbitrary<String> style = Arbitraries.of("plain", "spaced", "dashed", "+86", "+86 spaced");
        return Combinators.combine(number, style).as((n, s) -> switch (s) {
            case "spaced" -> new Piece(n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7), n);
            case "dashed" -> new Piece(n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7), n);
            case "+86" -> new Piece("+86" + n, "86" + n);
            case "+86 spaced" -> new Piece("+86 " + n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7), "86" + n);
            default -> new Piece(n, n);
        });
    }

    private static char luhnDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (PersonalDataScanner.luhnValid(body + d)) {
                return d;
            }
        }
        throw new AssertionError("a Luhn digit always exists");
    }
}
