package cn.sanwu.server.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.throttle.KeyedHash;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The form token every public form page carries: it checks as issued, refuses tampering, and never
 * looks like personal data to a scanner (a hex MAC once held a Luhn-valid 16-digit run).
 */
class FormTokenTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final FormToken tokens = new FormToken(KeyedHash.load(null, "form-token-test-key-of-at-least-32-characters"), clock);

    @Test
    void aTokenChecksAsIssuedAndRefusesTampering() {
        String token = tokens.issue("219901101201");
        assertThat(tokens.check(token, "219901101201")).isEqualTo(FormToken.Check.TOO_FAST);
        clock.advance(Duration.ofSeconds(5));
        assertThat(tokens.check(token, "219901101201")).isEqualTo(FormToken.Check.OK);
        assertThat(tokens.check(token, "219901101202")).isEqualTo(FormToken.Check.FORGED);
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.check(token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a'), "219901101201"))
                .isEqualTo(FormToken.Check.FORGED);
    }

    @Test
    void noTokenLooksLikePersonalData() {
        for (int i = 0; i < 20_000; i++) {
            clock.advance(Duration.ofMillis(7));
            String token = tokens.issue("219901101201");
            assertThat(token).matches("\\d{13}\\.[a-p]{32}");
            assertThat(PersonalDataScanner.scan("<input name=\"t\" value=\"" + token + "\">")).as(token).isEmpty();
        }
    }
}
