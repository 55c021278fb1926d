package cn.sanwu.client.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.notice.NoticeStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The 村账乡管 duplicate rule (ADR 0028): one notice per village, item and period, any state, any author. */
class EntryDuplicatesTest {

    private static final String HONGQI = "219901101201";
    private static final String DONGSHAN = "219901101202";

    private static VillageNotice notice(String village, String item, String period, NoticeStatus status, boolean township) {
        return new VillageNotice(UUID.randomUUID(), village, village.equals(HONGQI) ? "红旗村" : "东山村", 3, status, item, period,
                "十月财务收支明细", township, false, status == NoticeStatus.DRAFT, "");
    }

    @Test
    void noNoticeOfThatKeyMeansNoWarning() {
        List<VillageNotice> all = List.of(notice(HONGQI, "F02", "2026-09", NoticeStatus.PUBLISHED, false),
                notice(DONGSHAN, "F02", "2026-10", NoticeStatus.DRAFT, true),
                notice(HONGQI, "F03", "2026-10", NoticeStatus.DRAFT, false));
        assertThat(EntryDuplicates.check(all, HONGQI, "F02", "2026-10", null)).isEmpty();
    }

    @Test
    void aVillagesOwnDraftOfThatPeriodIsNamedWithItsStateAndCannotBeBypassed() {
        VillageNotice draft = notice(HONGQI, "F02", "2026-10", NoticeStatus.DRAFT, false);
        var v = EntryDuplicates.check(List.of(draft), HONGQI, "F02", "2026-10", null).orElseThrow();
        assertThat(v.first()).isEqualTo(draft);
        assertThat(v.mayProceed()).isFalse();
        assertThat(v.message()).isEqualTo("红旗村已有 F02 2026年10月 的公告“十月财务收支明细”（草稿，村录入）。"
                + "同一事项同一期间只能有一份公告，更正请在原公告上修改。未发送。是否打开已有的公告？");
    }

    @Test
    void everyStateCountsWhoeverEnteredIt() {
        for (NoticeStatus s : NoticeStatus.values()) {
            if (s == NoticeStatus.WITHDRAWN) {
                continue;
            }
            for (boolean township : new boolean[] {true, false}) {
                var v = EntryDuplicates.check(List.of(notice(HONGQI, "F02", "2026-10", s, township)), HONGQI, "F02", "2026-10", null);
                assertThat(v).as(s + (township ? " by the township" : " by the village")).isPresent();
                assertThat(v.get().mayProceed()).isFalse();
                assertThat(v.get().message()).contains(s.nameZh()).contains(township ? "乡镇录入" : "村录入");
            }
        }
    }

    @Test
    void onlyWhenEveryNoticeOfThePeriodIsWithdrawnMayANewOneBeEntered() {
        VillageNotice withdrawn = notice(HONGQI, "F02", "2026-10", NoticeStatus.WITHDRAWN, false);
        var alone = EntryDuplicates.check(List.of(withdrawn), HONGQI, "F02", "2026-10", null).orElseThrow();
        assertThat(alone.mayProceed()).isTrue();
        assertThat(alone.message()).contains("已撤回").contains("仍然新建");
        VillageNotice reentered = notice(HONGQI, "F02", "2026-10", NoticeStatus.SUBMITTED, true);
        var both = EntryDuplicates.check(List.of(withdrawn, reentered), HONGQI, "F02", "2026-10", null).orElseThrow();
        assertThat(both.mayProceed()).as("the re-entered one is live").isFalse();
        assertThat(both.first()).as("the live one is offered").isEqualTo(reentered);
    }

    @Test
    void theNoticeBeingEditedIsNotItsOwnDuplicate() {
        VillageNotice self = notice(HONGQI, "F02", "2026-10", NoticeStatus.DRAFT, true);
        assertThat(EntryDuplicates.check(List.of(self), HONGQI, "F02", "2026-10", self.noticeId())).isEmpty();
        VillageNotice other = notice(HONGQI, "F02", "2026-09", NoticeStatus.RETURNED, false);
        assertThat(EntryDuplicates.check(List.of(self, other), HONGQI, "F02", "2026-09", self.noticeId()))
                .as("moving the edited notice onto another's period").isPresent();
    }
}
