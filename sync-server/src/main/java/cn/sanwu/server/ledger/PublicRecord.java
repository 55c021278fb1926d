package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One published revision as the public endpoint shows it: the publication facts and the title,
 * not the content (which may hold unmasked personal data; the public sees the masked sheet).
 */
public record PublicRecord(UUID noticeId, int revision, String villageCode, String title, ContentHash contentHash,
        String publicationNumber, LocalDate postingFrom, LocalDate postingUntil, Instant publishedAt, long leafIndex) {

    static PublicRecord of(PublicationLedger.Record r) {
        Object title;
        try {
            title = PublicationLedger.parseCanonical(r.contentJson()).get("title");
        } catch (IllegalArgumentException e) {
            title = null; // a damaged record still shows its facts; admin audit reports the damage
        }
        return new PublicRecord(r.noticeId(), r.revision(), r.villageCode(), title instanceof String s ? s : null,
                r.contentHash(), r.publicationNumber(), r.postingFrom(), r.postingUntil(), r.publishedAt(), r.leafIndex());
    }
}
