package cn.sanwu.client.print;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.review.ReviewInfo;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The review facts on the sheet (ADR 0024): the 村务监督委员会意见 box carries the committee's
 * opinion, name and date only for the content it signed — for other content (edited afterwards)
 * it stays blank for a handwritten one; a withdrawn notice prints the 已撤回 mark and its reason
 * instead of the draft watermark; a published correction names what it corrects.
 */
class SheetReviewMarksTest {

    private final Notice notice = SheetFixtures.notice("P04", SheetFixtures.Q3, "党费收缴", "本季度党费已全额上缴。", null, null,
            NoticeStatus.PUBLISHED);
    private final SheetOptions options = SheetOptions.defaults(SheetFixtures.PRINT_DATE);

    private Sheet sheet(Notice n, ReviewInfo review) {
        return SheetComposer.compose(n, SheetFixtures.item("P04"), SheetFixtures.VILLAGE, SheetFixtures.hash(n), options, review);
    }

    private static ReviewInfo review(String signedHash, String status) {
        ReviewInfo info = ReviewInfo.NONE.withSignOff("张监委", "经核对，内容属实，同意公开。", signedHash,
                Instant.parse("2026-11-20T02:00:00Z"));
        ObjectNode extras = info.extras().deepCopy();
        ObjectNode r = extras.putObject("review");
        r.put("approvedAt", "2026-11-21T02:00:00Z");
        r.put("publicationNumber", "219901101201-2026-0002");
        r.put("supersedes", "219901101201-2026-0001");
        r.put("correctionReason", "金额有误");
        if ("WITHDRAWN".equals(status)) {
            r.put("withdrawnAt", "2026-11-25T02:00:00Z");
        }
        return new ReviewInfo(extras);
    }

    @Test
    void theCommitteesBoxIsFilledOnlyForTheContentItSigned() {
        Sheet signed = sheet(notice, review(SheetFixtures.hash(notice).toString(), "PUBLISHED"));
        assertThat(signed.signOff()).isEqualTo(new Sheet.SignOff("张监委", "经核对，内容属实，同意公开。", "2026年11月20日"));
        Sheet other = sheet(notice, review("sha256:" + "0".repeat(64), "PUBLISHED"));
        assertThat(other.signOff()).as("signed for other content: blank for a pen").isNull();
        assertThat(sheet(notice, ReviewInfo.NONE).signOff()).isNull();

        String filled = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(signed, options).pdf()));
        assertThat(filled).contains("监委会成员：张监委").contains("2026年11月20日").doesNotContain("（签字）");
        String blank = String.join("\n", SheetFixtures.pageTexts(SheetPdfWriter.write(other, options).pdf()));
        assertThat(blank).contains("监委会主任（签字）").doesNotContain("张监委");
    }

    @Test
    void aWithdrawnNoticePrintsTheMarkAndTheReasonAndACorrectionNamesWhatItCorrects() {
        Notice withdrawn = new Notice(notice.id(), notice.content(), NoticeStatus.WITHDRAWN, 7, "村民会议决定撤回", notice.updatedAt());
        Sheet sheet = sheet(withdrawn, review(SheetFixtures.hash(withdrawn).toString(), "WITHDRAWN"));
        assertThat(sheet.withdrawn()).isTrue();
        assertThat(sheet.draft()).isFalse();
        assertThat(sheet.infoLines()).contains("公开编号：219901101201-2026-0002", "已撤回（2026年11月25日）　　撤回理由：村民会议决定撤回")
                .anySatisfy(l -> assertThat(l).startsWith("更正：本榜更正公开编号 219901101201-2026-0001"));
        List<String> pages = SheetFixtures.pageTexts(SheetPdfWriter.write(sheet, options).pdf());
        assertThat(String.join("\n", pages)).contains(SheetPdfWriter.WITHDRAWN_MARK).doesNotContain(SheetPdfWriter.DRAFT_WATERMARK);

        Sheet published = sheet(notice, review(SheetFixtures.hash(notice).toString(), "PUBLISHED"));
        assertThat(published.withdrawn()).isFalse();
        assertThat(published.infoLines()).anySatisfy(l -> assertThat(l).isEqualTo(
                "更正：本榜更正公开编号 219901101201-2026-0001 的内容　　更正理由：金额有误"));
    }
}
