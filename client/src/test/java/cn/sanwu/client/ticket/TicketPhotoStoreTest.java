package cn.sanwu.client.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.JsonMapping;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PC's copies of residents' photos (client V6, ADR 0029): kept per account, and gone with the
 * ticket — when a pull no longer lists it for the account, or no longer lets the account see the
 * photo (a question classified 问题线索, on a village PC).
 */
class TicketPhotoStoreTest {

    @TempDir
    Path dir;

    private static com.fasterxml.jackson.databind.JsonNode pull(String tickets) throws Exception {
        return JsonMapping.mapper().readTree("{\"tickets\":[" + tickets + "]}");
    }

    private static String ticket(String code, boolean hasPhoto, boolean withheld) {
        return "{\"code\":\"" + code + "\",\"villageCode\":\"219901101201\",\"kind\":\"QUESTION\",\"body\":\"问\","
                + "\"createdAt\":\"2026-11-01T00:00:00Z\",\"dueAt\":\"2026-11-11T00:00:00Z\",\"waitingAt\":\"VILLAGE\","
                + "\"hasPhoto\":" + hasPhoto + ",\"photoWithheld\":" + withheld + ",\"events\":[]}";
    }

    @Test
    void aPhotoIsKeptPerAccountAndLeavesWithItsTicketOrItsPermission() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        try (Database db = Database.open(dir, Durability.SAFE)) {
            TicketStore store = new TicketStore(db);
            store.replaceCache("clerk", pull(ticket("AAAABBBBCCCC", true, false) + "," + ticket("DDDDEEEEFFFF", true, false)), now);
            store.savePhoto("clerk", "AAAABBBBCCCC", jpeg, now);
            store.savePhoto("clerk", "DDDDEEEEFFFF", jpeg, now);
            store.savePhoto("clerk", "GGGGHHHHJJJJ", jpeg, now); // not in this account's cache: not kept
            store.savePhoto("reviewer", "AAAABBBBCCCC", jpeg, now); // nor in another account's
            assertThat(store.photo("clerk", "AAAABBBBCCCC")).hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));
            assertThat(store.photo("clerk", "GGGGHHHHJJJJ")).isEmpty();
            assertThat(store.photo("reviewer", "AAAABBBBCCCC")).isEmpty();
            assertThat(TicketItem.of(pull(ticket("AAAABBBBCCCC", true, false)).get("tickets").get(0)).hasPhoto()).isTrue();

            // Next pull: the first is now withheld from this account, the second is gone from its scope.
            store.replaceCache("clerk", pull(ticket("AAAABBBBCCCC", false, true)), now.plusSeconds(60));
            assertThat(store.photo("clerk", "AAAABBBBCCCC")).isEmpty();
            assertThat(store.photo("clerk", "DDDDEEEEFFFF")).isEmpty();
            assertThat(store.cached("clerk")).singleElement().satisfies(t -> {
                assertThat(t.hasPhoto()).isFalse();
                assertThat(t.photoWithheld()).isTrue();
            });
        }
    }
}
