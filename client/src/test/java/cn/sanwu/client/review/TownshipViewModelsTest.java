package cn.sanwu.client.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.id.UuidV7;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Bad input in township mode sends nothing and says why in Chinese: withdrawal without a
 * selection, with a blank or overlong reason; a 村账乡管 entry without village, item, period,
 * title or rows, or with a row that does not parse. The client points at a closed port, so any
 * request would come back as a connection error instead of the expected message.
 */
class TownshipViewModelsTest {

    private final ReviewClient offline = new ReviewClient(new SyncTransport("http://127.0.0.1:9", Duration.ofSeconds(1)));

    @Test
    void withdrawalNeedsASelectionAndAPublicReason() {
        TownshipPublishedViewModel vm = new TownshipPublishedViewModel(offline, BackgroundRunner.direct());
        vm.withdraw();
        assertThat(vm.messageProperty().get()).isEqualTo("请先在列表中选择要撤回的公告。");
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("noticeId", "0190f0b2-0000-7000-8000-000000000001");
        json.put("publicationNumber", "219901101201-2026-0001");
        json.put("title", "十月收支");
        vm.selectedProperty().set(new TownshipPublishedViewModel.Entry(json));
        vm.reasonProperty().set("  ");
        vm.withdraw();
        assertThat(vm.messageProperty().get()).isEqualTo("撤回须填写公开的理由，未撤回。");
        vm.reasonProperty().set("理".repeat(2001));
        vm.withdraw();
        assertThat(vm.messageProperty().get()).isEqualTo("理由过长：最多 2000 字，现有 2001 字。");
        assertThat(vm.reasonProperty().get()).as("what was typed stays").hasSize(2001);
        // A good reason does reach for the server (here: closed port, so a connection message).
        vm.reasonProperty().set("数据有误");
        vm.withdraw();
        assertThat(vm.messageProperty().get()).startsWith("连接服务器失败");
    }

    @Test
    void anEntryIsCheckedBeforeAnythingIsSent() {
        TownshipEntryViewModel vm = new TownshipEntryViewModel(offline, BackgroundRunner.direct(), TestStores.CATALOG,
                new UuidV7(TestStores.CLOCK), LocalDate.of(2026, 11, 28));
        assertThat(vm.items()).isNotEmpty().allSatisfy(i -> assertThat(i.contentKind().name()).isEqualTo("CASH_JOURNAL"));
        vm.send();
        assertThat(vm.messageProperty().get()).isEqualTo("请选择村，未发送。");
        vm.villageProperty().set(new TownshipPublishedViewModel.Village(TestStores.VILLAGE, "红旗村"));
        vm.send();
        assertThat(vm.messageProperty().get()).isEqualTo("请选择公开事项，未发送。");
        vm.itemProperty().set(vm.items().getFirst());
        assertThat(vm.periodProperty().get()).as("latest ended period preselected").isNotNull();
        assertThat(vm.titleProperty().get()).isEqualTo(vm.items().getFirst().nameZh());
        vm.titleProperty().set(" ");
        vm.send();
        assertThat(vm.messageProperty().get()).isEqualTo("请填写标题，未发送。");
        vm.titleProperty().set("十月收支（乡镇代录）");
        vm.send();
        assertThat(vm.messageProperty().get()).isEqualTo("请录入至少一行收支明细，未发送。");
        LedgerRow bad = vm.ledger().addRow();
        bad.date.set("2026-10-03");
        bad.summary.set("收到承包费");
        bad.income.set("50.0.0");
        vm.send();
        assertThat(vm.messageProperty().get()).isEqualTo("收支明细有 1 行有误，请先改正，未发送。");
        bad.income.set("5000");
        bad.voucherNo.set("记-001");
        // A period of another cadence (a quarter for a monthly item) is refused before anything is sent.
        cn.sanwu.model.period.Period monthly = vm.periodProperty().get();
        vm.periodProperty().set(monthly.frequency() == cn.sanwu.model.catalog.Frequency.QUARTERLY
                ? cn.sanwu.model.period.Period.parse("2026-09") : cn.sanwu.model.period.Period.parse("2026-Q3"));
        vm.send();
        assertThat(vm.messageProperty().get()).startsWith("期间“").endsWith("不符合该事项的公开周期（"
                + vm.itemProperty().get().frequency().nameZh() + "），未发送。");
        vm.periodProperty().set(monthly);
        assertThat(vm.problem()).isEmpty();
        assertThat(vm.content().journal().entries()).hasSize(1);
        assertThat(vm.content().villageCode()).isEqualTo(TestStores.VILLAGE);
        vm.send();
        assertThat(vm.messageProperty().get()).startsWith("连接服务器失败");
        assertThat(vm.lastSent()).isNull();
    }
}
