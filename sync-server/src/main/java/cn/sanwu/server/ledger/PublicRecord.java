package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.mask.Masking;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One published revision as the public endpoint shows it: the publication facts and the title,
 * not the content (which may hold unmasked personal data; the public sees the masked sheet). The
 * title and the correction reason are typed by people, so they are shown through
 * {@link Masking#freeText} like every public text. {@code approvedAt}, {@code supersedes} and
 * {@code correctionReason} are null for records published before leaf schema v2 (ADR 0025).
 */
public record PublicRecord(UUID noticeId, int revision, String villageCode, String title, ContentHash contentHash,
        String publicationNumber, LocalDate postingFrom, LocalDate postingUntil, Instant publishedAt, long leafIndex,
        int leafSchema, Instant approvedAt, String supersedes, String correctionReason) {

    static PublicRecord of(PublicationLedger.Record r) {
        Object title;
        try {
            title = PublicationLedger.parseCanonical(r.contentJson()).get("title");
        } catch (IllegalArgumentException e) {
            title = null; // a damaged record still shows its facts; admin audit reports the damage
        }
        return new PublicRecord(r.noticeId(), r.revision(), r.villageCode(), title instanceof String s ? Masking.freeText(s) : null,
                r.contentHash(), r.publicationNumber(), r.postingFrom(), r.postingUntil(), r.publishedAt(), r.leafIndex(),
                r.leafSchema(), r.leafSchema() >= 2 ? r.approvedAt() : null, r.supersedes(),
                r.correctionReason() == null ? null : Masking.freeText(r.correctionReason()));
    }
}
