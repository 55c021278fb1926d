package cn.sanwu.server.ledger;

import cn.sanwu.model.log.LogLeaf;
import java.nio.charset.StandardCharsets;

/** Reads stored leaf data (schema v1 or v2) back into a {@link LogLeaf}, insisting on its one canonical spelling. */
final class LogLeafText {

    private LogLeafText() {
    }

    static LogLeaf parse(String text) {
        LogLeaf leaf = LogLeaf.parse(PublicationLedger.parseCanonical(text));
        if (!new String(leaf.leafData(), StandardCharsets.UTF_8).equals(text)) {
            throw new IllegalArgumentException("leaf data does not round-trip");
        }
        return leaf;
    }
}
