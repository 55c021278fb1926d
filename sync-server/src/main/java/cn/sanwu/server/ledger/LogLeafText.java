package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.log.LogLeaf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Reads stored leaf data back into a {@link LogLeaf}, insisting on its one canonical spelling. */
final class LogLeafText {

    private LogLeafText() {
    }

    static LogLeaf parse(String text) {
        Map<String, Object> tree = PublicationLedger.parseCanonical(text);
        if (!LogLeaf.SCHEMA.equals(tree.get("schema")) || tree.size() != 6) {
            throw new IllegalArgumentException("not a " + LogLeaf.SCHEMA + " leaf");
        }
        try {
            LogLeaf leaf = new LogLeaf(UUID.fromString((String) tree.get("noticeId")), ((Number) tree.get("revision")).intValue(),
                    ContentHash.parse((String) tree.get("contentHash")), (String) tree.get("publicationNumber"),
                    Instant.parse((String) tree.get("publishedAt")));
            if (!new String(leaf.leafData(), StandardCharsets.UTF_8).equals(text)) {
                throw new IllegalArgumentException("leaf data does not round-trip");
            }
            return leaf;
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("malformed leaf field: " + e.getMessage());
        }
    }
}
