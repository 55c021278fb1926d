package cn.sanwu.server.review;

import java.time.Instant;
import java.util.UUID;

/**
 * The server's review facts of one notice (table {@code review_state}): who wrote the current
 * content, the supervisor's sign-off, the submission and the approval, each bound to a content
 * hash, and whether the notice is locked by publication. Mutable, used inside one transaction.
 */
final class ReviewState {

    static final String OPEN = "open";
    static final String PUBLISHED = "published";
    static final String FILED = "filed";
    static final String WITHDRAWN = "withdrawn";

    final UUID noticeId;
    final String village;
    String contentHash;
    Actor.Kind contentByKind;
    UUID contentById;
    boolean filing;
    String signoffHash;
    String signoffName;
    String signoffOpinion;
    Instant signoffAt;
    Integer submittedRevision;
    String submittedHash;
    Actor.Kind submittedByKind;
    UUID submittedById;
    Instant submittedAt;
    Integer approvedRevision;
    String approvedHash;
    UUID approvedBy;
    Instant approvedAt;
    String lock = OPEN;

    ReviewState(UUID noticeId, String village) {
        this.noticeId = noticeId;
        this.village = village;
    }

    boolean hasValidSignOff() {
        return signoffHash != null && signoffHash.equals(contentHash);
    }

    void clearSubmission() {
        submittedRevision = null;
        submittedHash = null;
        submittedByKind = null;
        submittedById = null;
        submittedAt = null;
        clearApproval();
    }

    void clearApproval() {
        approvedRevision = null;
        approvedHash = null;
        approvedBy = null;
        approvedAt = null;
    }

    /** True when {@code actor} wrote the current content or submitted it: such a person may not approve it. */
    boolean isAuthor(Actor actor) {
        return actor.id().equals(contentById) || actor.id().equals(submittedById);
    }
}
