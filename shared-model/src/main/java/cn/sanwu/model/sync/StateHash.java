package cn.sanwu.model.sync;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One hash for "the state of a scope" (QUALITY.md I2): client and server have converged when they
 * compute the same value for the same village. Each entity contributes one line
 * {@code type \t id \t revision \t status \t contentHash \n}; lines are sorted by type, then id
 * (UUID text order), and the SHA-256 of their UTF-8 bytes is the state hash. Only what both sides
 * hold is in it: the client's local-only state (outbox, conflicts) is not.
 */
public final class StateHash {

    /** One entity as both sides know it; {@code contentHash} is the notice content hash (NoticeHasher). */
    public record Entry(String entityType, UUID entityId, int revision, String status, ContentHash contentHash) {
        public Entry {
            Objects.requireNonNull(entityType, "entityType");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(contentHash, "contentHash");
        }

        String line() {
            return entityType + '\t' + entityId + '\t' + revision + '\t' + status + '\t' + contentHash + '\n';
        }
    }

    private StateHash() {
    }

    /** {@code sha256:<hex>} of the sorted entries; the empty scope has the hash of no bytes. */
    public static ContentHash of(Collection<Entry> entries) {
        List<Entry> sorted = entries.stream()
                .sorted(Comparator.comparing(Entry::entityType).thenComparing(e -> e.entityId().toString()))
                .toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i - 1).entityType().equals(sorted.get(i).entityType())
                    && sorted.get(i - 1).entityId().equals(sorted.get(i).entityId())) {
                throw new IllegalArgumentException("entity listed twice: " + sorted.get(i).entityId());
            }
            text.append(sorted.get(i).line());
        }
        return ContentHash.of(Sha256.INSTANCE, Sha256.INSTANCE.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
