package cn.sanwu.server.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ticket codes: well formed, unique in practice, forgiving to read, and their check catches typos. */
class TicketCodeTest {

    @Test
    void freshCodesParseBackAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = TicketCode.generate();
            assertThat(code).hasSize(12).matches("[0-9A-HJKMNP-TV-Z]{12}");
            assertThat(TicketCode.parse(code)).contains(code);
            assertThat(seen.add(code)).isTrue();
        }
    }

    @Test
    void readingForgivesCaseSeparatorsAndLookAlikes() {
        String code = TicketCode.generate();
        String typed = TicketCode.display(code).toLowerCase().replace('1', 'l').replace('0', 'o');
        assertThat(TicketCode.parse(" " + typed + " ")).contains(code);
        assertThat(TicketCode.parse("")).isEmpty();
        assertThat(TicketCode.parse(null)).isEmpty();
        assertThat(TicketCode.parse(code.substring(1))).isEmpty();
        assertThat(TicketCode.parse(code + "0")).isEmpty();
        assertThat(TicketCode.parse("<script>alert(1)</script>")).isEmpty();
    }

    @Test
    void everySingleWrongCharacterAndNeighbourSwapIsCaughtExceptZeroForZ() {
        long seed = Long.getLong("sanwu.test.seed", System.nanoTime());
        System.out.println("TicketCodeTest seed=" + seed + " (rerun with -Dsanwu.test.seed=" + seed + ")");
        Random random = new Random(seed);
        int substitutions = 0;
        int swaps = 0;
        for (int n = 0; n < 300; n++) {
            String code = TicketCode.generate();
            for (int i = 0; i < 12; i++) {
                char wrong = TicketCode.ALPHABET.charAt(random.nextInt(32));
                String a = String.valueOf(code.charAt(i));
                String b = String.valueOf(wrong);
                if (wrong == code.charAt(i) || (a + b).equals("0Z") || (a + b).equals("Z0")) {
                    continue;
                }
                String typo = code.substring(0, i) + wrong + code.substring(i + 1);
                assertThat(TicketCode.parse(typo)).as("typo %s of %s", typo, code).isEmpty();
                substitutions++;
            }
            for (int i = 0; i < 10; i++) { // the check character itself is not swapped with data
                char x = code.charAt(i);
                char y = code.charAt(i + 1);
                if (x == y || (x == '0' && y == 'Z') || (x == 'Z' && y == '0')) {
                    continue;
                }
                String swapped = code.substring(0, i) + y + x + code.substring(i + 2);
                assertThat(TicketCode.parse(swapped)).as("swap %s of %s", swapped, code).isEmpty();
                swaps++;
            }
        }
        assertThat(substitutions).isGreaterThan(3000);
        assertThat(swaps).isGreaterThan(2500);
    }
}
