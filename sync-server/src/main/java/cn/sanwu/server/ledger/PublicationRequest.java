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
 * @param approvedRevision  the revision the township approved (bound by the v2 leaf)
 * @param approvedAt        when it was approved (bound by the v2 leaf)
 * @param supersedes        the 公开编号 this correction supersedes; null when it is not a correction
 * @param correctionReason  the correction's public reason; null when none (the v2 leaf binds its hash)
 */
public record PublicationRequest(UUID noticeId, int revision, String villageRegionId, String contentJson,
        ContentHash contentHash, String publicationNumber, String approvalRef, LocalDate postingFrom,
        LocalDate postingUntil, Instant publishedAt, int approvedRevision, Instant approvedAt, String supersedes,
        String correctionReason) {

    /** A first publication approved at the moment of publishing (tests and tools; the workflow gives the real facts). */
    public PublicationRequest(UUID noticeId, int revision, String villageRegionId, String contentJson, ContentHash contentHash,
            String publicationNumber, String approvalRef, LocalDate postingFrom, LocalDate postingUntil, Instant publishedAt) {
        this(noticeId, revision, villageRegionId, contentJson, contentHash, publicationNumber, approvalRef, postingFrom,
                postingUntil, publishedAt, revision, publishedAt, null, null);
    }

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
        Objects.requireNonNull(approvedAt, "approvedAt");
        if (approvedRevision < 1) {
            throw new IllegalArgumentException("approvedRevision must be 1 or more, was " + approvedRevision);
        }
        supersedes = supersedes == null || supersedes.isBlank() ? null : supersedes.strip();
        correctionReason = correctionReason == null || correctionReason.isBlank() ? null : correctionReason.strip();
        if ((supersedes != null && supersedes.length() > 100) || (correctionReason != null && correctionReason.length() > 2000)) {
            throw new IllegalArgumentException("supersedes (≤ 100) or correctionReason (≤ 2000 characters) too long");
        }
        if (postingUntil != null && postingUntil.isBefore(postingFrom)) {
            throw new IllegalArgumentException("posting window ends before it starts: " + postingFrom + " – " + postingUntil);
        }
    }
}
