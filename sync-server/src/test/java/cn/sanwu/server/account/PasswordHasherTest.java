package cn.sanwu.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.testing.TestDatabases;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(TestDatabases.TEST_PASSWORD_COST);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String phc = hasher.hash("correct horse battery");

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery", phc)).isTrue();
        assertThat(hasher.verify("correct horse batterY", phc)).isFalse();
        assertThat(hasher.verify("", phc)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void fullWidthAndHalfWidthTypingVerifyAlike() {
        String phc = hasher.hash("Password2026");

        assertThat(hasher.verify("Ｐａｓｓｗｏｒｄ２０２６", phc)).isTrue(); // NFKC: what a Chinese IME in full-width mode types
    }

    @Test
    void malformedStoredHashesNeverVerifyAndAskForARehash() {
        for (String broken : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "$argon2id$v=19$m=1,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThat(hasher.verify("x", broken)).as(broken).isFalse();
            assertThat(hasher.needsRehash(broken)).as(broken).isTrue();
        }
    }

    @Test
    void aHashAtAnotherCostStillVerifiesButAsksForARehash() {
        String old = hasher.hash("correct horse battery");
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Cost(2048, 2, 1));

        assertThat(stronger.verify("correct horse battery", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("x"))).isFalse();
    }

    /** The production cost (OWASP: m=19 MiB, t=2, p=1), measured once per build; docs/benchmarks.md. */
    @Test
    void productionCostHashesAndVerifiesInReasonableTime() {
        PasswordHasher production = new PasswordHasher(PasswordHasher.Cost.OWASP);
        String phc = production.hash("warm-up password");
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            assertThat(production.verify("warm-up password", phc)).isTrue();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        System.out.printf("argon2id m=19456 t=2 p=1: median verify %.1f ms (min %.1f, max %.1f)%n",
                medianMs, nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6);

        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        // A login must stay interactive on the 2-core server; slower means the cost is wrong for it.
        assertThat(medianMs).isLessThan(1000);
    }
}
