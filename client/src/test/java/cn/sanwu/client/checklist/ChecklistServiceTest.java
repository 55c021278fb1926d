package cn.sanwu.client.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticeRepository;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.RegionLevel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistServiceTest {

    @TempDir
    Path dir;

    private static Map<String, ChecklistEntry> byCode(List<ChecklistEntry> entries) {
        return entries.stream().collect(Collectors.toMap(e -> e.item().code(), Function.identity()));
    }

    @Test
    void statesFollowDeadlinesAndNotices() {
        // 2026-11-05 in Beijing: October is due (deadline 11-10), Q3 is overdue (deadline 10-20).
        Clock clock = Clock.fixed(Instant.parse("2026-11-05T01:00:00Z"), ZoneOffset.UTC);
        try (Database db = TestStores.open(dir)) {
            NoticeService notices = TestStores.notices(db, clock);
            ChecklistService service = new ChecklistService(db, new NoticeRepository(NoticeHasher.sha256()),
                    () -> TestStores.CATALOG, clock);
            Map<String, ChecklistEntry> finance = byCode(service.checklist(TestStores.VILLAGE, RegionLevel.VILLAGE, Category.FINANCE));
            assertThat(finance.get("F02").period()).isEqualTo(new Period.Month(YearMonth.of(2026, 10)));
            assertThat(finance.get("F02").deadline()).isEqualTo(LocalDate.of(2026, 11, 10));
            assertThat(finance.get("F02").state()).isEqualTo(ChecklistState.DUE);
            assertThat(finance.get("F03").state()).isEqualTo(ChecklistState.OVERDUE);
            assertThat(finance.get("F03").late()).isTrue();
            assertThat(finance.get("F07").state()).isEqualTo(ChecklistState.ON_DEMAND);
            assertThat(finance).doesNotContainKey("F15"); // community-only item

            var f02 = TestStores.CATALOG.find("F02").orElseThrow();
            notices.save(notices.newDraft(TestStores.VILLAGE, f02, new Period.Month(YearMonth.of(2026, 10)), "十月", ""));
            var f03 = TestStores.CATALOG.find("F03").orElseThrow();
            notices.fileNotDisclosed(TestStores.VILLAGE, f03, new Period.Quarter(2026, 3), "本村无集体资产");
            finance = byCode(service.checklist(TestStores.VILLAGE, RegionLevel.VILLAGE, Category.FINANCE));
            assertThat(finance.get("F02").state()).isEqualTo(ChecklistState.DRAFTED);
            assertThat(finance.get("F02").late()).isFalse();
            assertThat(finance.get("F03").state()).isEqualTo(ChecklistState.NOT_DISCLOSED_FILED);
            assertThat(finance.get("F03").reason()).contains("无集体资产");

            Map<String, ChecklistEntry> party = byCode(service.checklist(TestStores.VILLAGE, RegionLevel.VILLAGE, Category.PARTY));
            assertThat(party.get("P01").state()).as("standing item never disclosed").isEqualTo(ChecklistState.DUE);
        }
    }

    @Test
    void periodsAreChineseCalendarDaysWhateverThePcClockZone() {
        // 2026-10-31T17:00Z is already 1 November in Beijing: October has ended there.
        Clock clock = Clock.fixed(Instant.parse("2026-10-31T17:00:00Z"), ZoneOffset.ofHours(-8));
        try (Database db = TestStores.open(dir)) {
            ChecklistService service = new ChecklistService(db, new NoticeRepository(NoticeHasher.sha256()),
                    () -> TestStores.CATALOG, clock);
            assertThat(service.today()).isEqualTo(LocalDate.of(2026, 11, 1));
            var f02 = byCode(service.checklist(TestStores.VILLAGE, RegionLevel.VILLAGE, Category.FINANCE)).get("F02");
            assertThat(f02.period().code()).isEqualTo("2026-10");
        }
    }
}
