package cn.sanwu.server.ledger;

import cn.sanwu.model.hash.ContentHash;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * What the review workflow hands to {@link PublicationLedger#publish} for one approved revision.
 *
 * @param noticeId          the notice
 * @param revision          the approved revision, ≥ 1
 * @param villageRegionId   the owning village's region code (12 digits)
 * @param contentJson       the canonical JSON of the content as approved and published
 *                          ({@code CanonicalJson.toText(NoticeHasher.canonicalTree(id, content))})
 * @param contentHash       its hash; must be the hash of {@code contentJson}
 * @param publicationNumber the 公开编号 assigned by the server
 * @param approvalRef       reference to the approval (e.g. the approval's audit seq or id)
 * @param postingFrom       first day on the board
 * @param postingUntil      last day on the board; null when open-ended
 * @param publishedAt       the server's publication instant (kept to the millisecond)
 */
public record PublicationRequest(UUID noticeId, int revision, String villageRegionId, String contentJson,
        ContentHash contentHash, String publicationNumber, String approvalRef, LocalDate postingFrom,
        LocalDate postingUntil, Instant publishedAt) {

    public PublicationRequest {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(contentJson, "contentJson");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(postingFrom, "postingFrom");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (villageRegionId == null || !villageRegionId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("villageRegionId must be a 12-digit region code, was " + villageRegionId);
        }
        if (approvalRef == null || approvalRef.isBlank() || approvalRef.length() > 200) {
            throw new IllegalArgumentException("approvalRef is required (at most 200 characters)");
        }
        if (publicationNumber == null || publicationNumber.isBlank() || publicationNumber.strip().length() > 100) {
            throw new IllegalArgumentException("publicationNumber is required (at most 100 characters)");
        }
        if (postingUntil != null && postingUntil.isBefore(postingFrom)) {
            throw new IllegalArgumentException("posting window ends before it starts: " + postingFrom + " – " + postingUntil);
        }
    }
}
