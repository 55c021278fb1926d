package cn.sanwu.model.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.sanwu.model.hash.ContentHash;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateHashTest {

    private static final ContentHash H1 = ContentHash.parse("sha256:" + "1".repeat(64));
    private static final ContentHash H2 = ContentHash.parse("sha256:" + "2".repeat(64));
    private static final UUID A = UUID.fromString("0194f5c2-6a00-7c11-8d2e-1a2b3c4d5e6f");
    private static final UUID B = UUID.fromString("0194f5c2-6a00-7c11-8d2e-1a2b3c4d5e70");

    @Test
    void orderOfEntriesDoesNotMatter() {
        var a = new StateHash.Entry("notice", A, 1, "DRAFT", H1);
        var b = new StateHash.Entry("notice", B, 3, "SUBMITTED", H2);
        assertEquals(StateHash.of(List.of(a, b)), StateHash.of(List.of(b, a)));
    }

    @Test
    void everyFieldChangesTheHash() {
        var base = StateHash.of(List.of(new StateHash.Entry("notice", A, 1, "DRAFT", H1)));
        assertNotEquals(base, StateHash.of(List.of(new StateHash.Entry("notice", B, 1, "DRAFT", H1))));
        assertNotEquals(base, StateHash.of(List.of(new StateHash.Entry("notice", A, 2, "DRAFT", H1))));
        assertNotEquals(base, StateHash.of(List.of(new StateHash.Entry("notice", A, 1, "SUBMITTED", H1))));
        assertNotEquals(base, StateHash.of(List.of(new StateHash.Entry("notice", A, 1, "DRAFT", H2))));
        assertNotEquals(base, StateHash.of(List.of()));
    }

    @Test
    void knownAnswerForTheEmptyScope() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                StateHash.of(List.of()).toString());
    }

    @Test
    void anEntityListedTwiceIsRefused() {
        var a = new StateHash.Entry("notice", A, 1, "DRAFT", H1);
        assertThrows(IllegalArgumentException.class, () -> StateHash.of(List.of(a, a)));
    }
}
