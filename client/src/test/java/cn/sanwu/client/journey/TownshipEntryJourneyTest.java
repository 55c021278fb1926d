package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.ledger.LedgerRow;
import cn.sanwu.client.review.ReviewClient;
import cn.sanwu.client.review.TownshipPublishedViewModel;
import cn.sanwu.client.review.VillageNotice;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.server.access.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 村账乡管 beyond creating (issue 5 follow-up, ADR 0028), with the real server on 127.0.0.1 and the
 * village PC's real store: an entry for a period the village already has is stopped by the
 * duplicate warning, whose 打开已有公告 opens the village's notice; a new entry is listed, opened,
 * edited and the edit reaches the village PC; once the village submits it the list says 已提交 and
 * it opens read-only with the server's reason; the entering reviewer's approval is still refused;
 * after another reviewer publishes it, it opens read-only as 已公开.
 */
class TownshipEntryJourneyTest extends ReviewJourneyBase {

    @Test
    void duplicateWarnsAndOpensTheExistingOneThenAnEntryIsEditedUntilItIsLocked() throws Exception {
        syncVillage(); // the demo's drafts (F02 of September and October) are now on the server
        openTownship();
        interact(township::hide);
        townshipTab(2);
        ComboBox<TownshipPublishedViewModel.Village> village = inTownship("#entryVillage", ComboBox.class);
        ComboBox<CatalogItem> item = inTownship("#entryItem", ComboBox.class);
        ComboBox<?> period = inTownship("#entryPeriod", ComboBox.class);
        @SuppressWarnings("unchecked")
        TableView<LedgerRow> table = inTownship("#ledgerTable", TableView.class);
        @SuppressWarnings("unchecked")
        ListView<VillageNotice> list = inTownship("#entryList", ListView.class);
        assertThat(list.getItems()).as("the township entered nothing yet").isEmpty();
        interact(() -> {
            village.getSelectionModel().select(village.getItems().stream().filter(v -> v.code().equals(DemoData.VILLAGE))
                    .findFirst().orElseThrow());
            item.getSelectionModel().select(item.getItems().stream().filter(i -> i.code().equals("F02")).findFirst().orElseThrow());
            period.getSelectionModel().select(0); // October: the village has its own draft of it
            table.getItems().add(row("2026-10-08", "记-101", "乡镇代记：收到村级运转经费", "35000"));
        });

        // 1. Duplicate: nothing is sent; the warning names the village's draft and offers to open it.
        interact(township::show);
        fire("#entrySend");
        DialogPane cancelled = lookup("#duplicateDialog").queryAs(DialogPane.class);
        interact(() -> ((Button) cancelled.lookup("#duplicateCancel")).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(townshipMessage("#entryMessage")).isEqualTo("未发送：该村同一事项同一期间已有公告。");
        assertThat(table.getItems()).as("the typed entry stays on screen").hasSize(1);
        assertThat(townshipMessage("#entryMode")).isEqualTo("新录入");
        fire("#entrySend");
        DialogPane dialog = lookup("#duplicateDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).startsWith("红旗村已有 F02 2026年10月 的公告“红旗村2026年10月财务收支明细公开”（草稿，村录入）")
                .contains("更正请在原公告上修改");
        assertThat(dialog.lookup("#duplicateProceed")).as("no way around it: the draft is live").isNull();
        assertThat(townshipMessage("#entryMessage")).contains("未发送");
        Screenshots.saveIfAsked(this, dialog.getScene(), "township-entry-duplicate.png");
        interact(() -> ((Button) dialog.lookup("#duplicateOpen")).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(townshipMessage("#entryMode")).startsWith("正在修改：红旗村“红旗村2026年10月财务收支明细公开”（草稿，第 ");
        assertThat(table.getItems()).as("the village's own seven rows, not the typed one").hasSize(7);
        assertThat(inTownship("#entrySend", Button.class).getText()).isEqualTo("保存修改");
        assertThat((int) server.database().<Integer>inTransaction(c -> count(c))).as("no second notice of October").isEqualTo(5);

        // 2. A new entry for August: listed as entered by the township, a draft.
        fire("#entryNew");
        interact(() -> {
            period.getSelectionModel().select(2);
            table.getItems().add(row("2026-08-05", "记-001", "乡镇代记：收到村级运转经费", "35000"));
        });
        fire("#entrySend");
        assertThat(townshipMessage("#entryMessage")).startsWith("已发送：红旗村");
        assertThat(list.getItems()).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(NoticeStatus.DRAFT);
            assertThat(n.label()).contains("2026年8月").contains("草稿").contains("乡镇录入");
        });
        UUID entered = list.getItems().getFirst().noticeId();

        // 3. Open it, add a row, save: the edit goes to the server at the revision opened …
        interact(() -> list.getSelectionModel().select(0));
        fire("#entryOpen");
        assertThat(townshipMessage("#entryMode")).contains("第 1 版");
        interact(() -> table.getItems().add(row("2026-08-20", "记-002", "乡镇代记：支付村部电费", "-1286.50")));
        fire("#entrySend");
        assertThat(townshipMessage("#entryMessage")).startsWith("已保存修改：红旗村").contains("服务器第 2 版");
        Screenshots.saveIfAsked(this, township.getScene(), "township-entry-edit.png");
        interact(township::hide);

        // … and reaches the village PC on its next sync, as a draft with both rows.
        syncVillage();
        Notice atVillage = ctx.notices().find(entered).orElseThrow();
        assertThat(atVillage.status()).isEqualTo(NoticeStatus.DRAFT);
        assertThat(atVillage.content().journal().entries()).extracting(e -> e.summary())
                .containsExactly("乡镇代记：收到村级运转经费", "乡镇代记：支付村部电费");

        // 4. The village signs off and submits: now it opens read-only with the server's reason.
        ctx.notices().submit(ctx.notices().signOff(atVillage, "张监委", "经核对，内容属实，同意公开。"));
        syncVillage();
        interact(township::show);
        fire("#entryRefresh");
        assertThat(list.getItems()).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(NoticeStatus.SUBMITTED);
            assertThat(n.label()).contains("已提交").endsWith("只读");
        });
        interact(() -> list.getSelectionModel().select(0));
        fire("#entryOpen");
        assertThat(townshipMessage("#entryMode")).startsWith("只读：").contains("已提交").contains("不能修改内容");
        assertThat(inTownship("#entrySend", Button.class).isDisabled()).isTrue();
        assertThat(((Node) table).isDisabled()).isTrue();

        // 5. The reviewer who entered it still may not approve it.
        townshipTab(0);
        ListView<cn.sanwu.client.review.TownshipReviewViewModel.Entry> queue = inTownship("#reviewQueue", ListView.class);
        var own = queue.getItems().stream().filter(e -> e.noticeId().equals(entered)).findFirst().orElseThrow();
        interact(() -> queue.getSelectionModel().select(own));
        fire("#approveButton");
        assertThat(townshipMessage("#reviewMessage")).startsWith("未批准：").contains("不能批准自己录入或提交的公告");

        // 6. Another reviewer approves and publishes it: it opens read-only as 已公开.
        server.accounts().users().createUser("li.ming", "李明", Role.TOWNSHIP_REVIEWER, "219901101000", "li-ming-password");
        ReviewClient colleague = new ReviewClient(new SyncTransport("http://127.0.0.1:" + server.port(), Duration.ofSeconds(10)));
        colleague.login("li.ming", "li-ming-password");
        JsonNode submitted = colleague.queue().stream().filter(e -> e.path("noticeId").asText().equals(entered.toString()))
                .findFirst().orElseThrow();
        JsonNode approved = colleague.approve(entered, submitted.path("revision").asInt(), submitted.path("contentHash").asText());
        colleague.publish(entered, approved.path("revision").asInt(), LocalDate.of(2026, 11, 5), LocalDate.of(2026, 12, 5));
        townshipTab(2);
        interact(() -> list.getSelectionModel().select(0));
        fire("#entryOpen");
        assertThat(list.getItems().getFirst().status()).isEqualTo(NoticeStatus.PUBLISHED);
        assertThat(townshipMessage("#entryMode")).startsWith("只读：").contains("已公开").contains("更正");
        assertThat(inTownship("#entrySend", Button.class).isDisabled()).isTrue();
        Screenshots.saveIfAsked(this, township.getScene(), "township-entry-published.png");
        interact(township::hide);
    }

    private static LedgerRow row(String date, String voucher, String summary, String amount) {
        LedgerRow r = new LedgerRow();
        r.date.set(date);
        r.voucherNo.set(voucher);
        r.summary.set(summary);
        if (amount.startsWith("-")) {
            r.expense.set(amount.substring(1));
        } else {
            r.income.set(amount);
        }
        return r;
    }

    private static int count(java.sql.Connection c) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM synced_entity WHERE entity_type = 'notice'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
