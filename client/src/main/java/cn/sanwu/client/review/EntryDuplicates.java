package cn.sanwu.client.review;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.model.notice.NoticeStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The duplicate rule of 村账乡管 entry (ADR 0028): a village has at most one notice per item and
 * period — a correction is a new revision of that notice (更正), never a second notice. So an entry
 * for a village, item and period that already has a notice in any state, entered by the village or
 * the township, is stopped with the existing one named and offered to open. The one exception: when
 * every existing notice of that key is withdrawn (已撤回: the server refuses every change to it),
 * the only way to post that period again is a new notice, so the user may proceed after the warning.
 */
public final class EntryDuplicates {

    /**
     * What the entry collides with. {@code existing}: the notices of that key (the one to open
     * first); {@code mayProceed}: true only when all of them are withdrawn; {@code message}: what the
     * person reads.
     */
    public record Verdict(List<VillageNotice> existing, boolean mayProceed, String message) {
        public VillageNotice first() {
            return existing.getFirst();
        }
    }

    private EntryDuplicates() {
    }

    /**
     * The collision of an entry for {@code village}, {@code item}, {@code periodCode} with the
     * township's notices, ignoring {@code self} (the notice being edited; null for a new one).
     */
    public static Optional<Verdict> check(List<VillageNotice> notices, String village, String item, String periodCode,
            UUID self) {
        List<VillageNotice> same = notices.stream()
                .filter(n -> n.villageCode().equals(village) && n.itemCode().equals(item) && n.periodCode().equals(periodCode)
                        && !n.noticeId().equals(self))
                // the ones still in play first: they are what the person should open
                .sorted(java.util.Comparator.comparing((VillageNotice n) -> n.status() == NoticeStatus.WITHDRAWN))
                .toList();
        if (same.isEmpty()) {
            return Optional.empty();
        }
        VillageNotice first = same.getFirst();
        boolean allWithdrawn = first.status() == NoticeStatus.WITHDRAWN;
        String message = allWithdrawn
                ? I18n.t("township.duplicateWithdrawn", first.villageName(), first.periodZh(), first.title())
                : I18n.t("township.duplicate", first.villageName(), first.itemCode(), first.periodZh(), first.title(),
                        first.statusZh(), first.authorZh());
        return Optional.of(new Verdict(same, allWithdrawn, message));
    }
}
