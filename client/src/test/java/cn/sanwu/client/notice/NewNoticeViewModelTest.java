package cn.sanwu.client.notice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.region.RegionLevel;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class NewNoticeViewModelTest {

    private final NewNoticeViewModel vm = new NewNoticeViewModel(TestStores.CATALOG.itemsFor(RegionLevel.VILLAGE),
            LocalDate.of(2026, 11, 28));

    @Test
    void suggestsThePeriodDueNowAndAcceptsIt() {
        vm.itemProperty().set(TestStores.CATALOG.find("F02").orElseThrow());
        assertThat(vm.periodCodeProperty().get()).isEqualTo("2026-10");
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.period()).isEqualTo(new Period.Month(YearMonth.of(2026, 10)));
        vm.itemProperty().set(TestStores.CATALOG.find("P03").orElseThrow());
        assertThat(vm.periodCodeProperty().get()).isEqualTo("E2026-11-28");
    }

    @Test
    void periodThatDoesNotFitOrDoesNotParseIsExplained() {
        vm.itemProperty().set(TestStores.CATALOG.find("V13").orElseThrow());
        vm.periodCodeProperty().set("2026-10");
        assertThat(vm.problemProperty().get()).contains("公开频次").contains("2026-Q3");
        vm.periodCodeProperty().set("2026-Q5");
        assertThat(vm.problemProperty().get()).contains("无法识别");
        vm.periodCodeProperty().set("2026-Q4");
        assertThat(vm.problemProperty().get()).isEmpty();
    }
}
