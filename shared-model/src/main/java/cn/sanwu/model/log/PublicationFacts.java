package cn.sanwu.model.log;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.HashAlgorithm;
import cn.sanwu.model.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a {@code sanwu.log-leaf/2} leaf binds beyond a v1 leaf (docs/transparency-log.md, ADR 0025):
 * the village, the posting window, the approval (revision and time) and, for a correction, the
 * 公开编号 it supersedes and a hash of its public reason. The reason itself is not in the leaf:
 * leaves are served to anyone and must hold no personal data, while a reason is free text a person
 * typed; its hash binds it and whoever holds the text (the server, the public page) checks it.
 *
 * @param villageCode          the owning village's 12-digit region code
 * @param postingFrom          first day on the board (China date)
 * @param postingTo            last day on the board; null when open-ended
 * @param approvedRevision     the revision the township approved, 1 or more
 * @param approvedAt           when it was approved, kept to the millisecond
 * @param supersedes           the 公开编号 this publication corrects; null when it is not a correction
 * @param correctionReasonHash {@link #reasonHash} of the correction's public reason; null when none
 */
public record PublicationFacts(String villageCode, LocalDate postingFrom, LocalDate postingTo, int approvedRevision,
        Instant approvedAt, String supersedes, ContentHash correctionReasonHash) {

    public PublicationFacts {
        if (villageCode == null || !villageCode.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("villageCode must be a 12-digit region code, was " + villageCode);
        }
        Objects.requireNonNull(postingFrom, "postingFrom");
        Objects.requireNonNull(approvedAt, "approvedAt");
        if (postingTo != null && postingTo.isBefore(postingFrom)) {
            throw new IllegalArgumentException("posting window ends before it starts: " + postingFrom + " – " + postingTo);
        }
        if (postingFrom.getYear() < 1970 || postingFrom.getYear() > 9999 || (postingTo != null && postingTo.getYear() > 9999)) {
            throw new IllegalArgumentException("posting window out of range: " + postingFrom + " – " + postingTo);
        }
        if (approvedRevision < 1) {
            throw new IllegalArgumentException("an approved revision is 1 or more, was " + approvedRevision);
        }
        approvedAt = approvedAt.truncatedTo(ChronoUnit.MILLIS);
        if (approvedAt.isBefore(Instant.EPOCH) || approvedAt.atOffset(ZoneOffset.UTC).getYear() > 9999) {
            throw new IllegalArgumentException("approval time out of range: " + approvedAt);
        }
        if (supersedes != null) {
            supersedes = supersedes.strip();
            if (supersedes.isEmpty()) {
                throw new IllegalArgumentException("supersedes is a 公开编号 or absent, not blank");
            }
        }
    }

    /**
     * The hash a leaf binds for a correction reason: SHA-256 of the UTF-8 bytes of the reason,
     * stripped and NFC-normalised (so the same reason typed on two systems hashes the same); null
     * for a null or blank reason.
     */
    public static ContentHash reasonHash(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        HashAlgorithm sha = Sha256.INSTANCE;
        String text = Normalizer.normalize(reason.strip(), Normalizer.Form.NFC);
        return ContentHash.of(sha, sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
