package cn.sanwu.client.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.client.task.BackgroundRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 群众留言 screen's logic offline, on a real client store: the cache shows what was pulled,
 * a deadline passes on the PC's clock, bad steps are refused in Chinese with nothing queued, and
 * good steps queue for the next sync. The 统计 CSV is readable by a spreadsheet and runs no formula.
 */
class TicketsViewModelTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");

    @TempDir
    Path dir;
    Database db;
    TicketStore store;
    TicketsViewModel vm;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("pc"), Durability.SAFE);
        store = new TicketStore(db);
        JsonNode pull = JsonMapping.mapper().readTree("""
                {"serverTime":"2026-11-19T00:00:00Z","tickets":[
                 {"code":"AAAABBBBCCCC","villageCode":"219901101201","kind":"QUESTION","body":"路灯坏了",
                  "createdAt":"2026-11-01T00:00:00Z","dueAt":"2026-11-11T00:00:00Z","waitingAt":"TOWNSHIP",
                  "events":[{"at":"2026-11-01T00:00:00Z","step":"SUBMITTED","detail":"QUESTION"}]},
                 {"code":"DDDDEEEEFFFF","villageCode":"219901101201","kind":"PROBLEM","body":"反映问题",
                  "createdAt":"2026-11-18T00:00:00Z","dueAt":"2026-11-28T00:00:00Z","waitingAt":"TOWNSHIP",
                  "reply":"已答复","repliedAt":"2026-11-19T00:00:00Z","closedAt":"2026-11-19T01:00:00Z","events":[]}]}
                """);
        store.replaceCache("wang.fang", pull, NOW);
        vm = new TicketsViewModel(store, null, BackgroundRunner.direct(), Clock.fixed(NOW, ZoneOffset.UTC), "wang.fang");
        vm.reload();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theCacheIsReadOfflineAndAPassedDeadlineIsOverdue() {
        assertThat(vm.rows()).extracting(r -> r.item().code()).containsExactly("DDDDEEEEFFFF", "AAAABBBBCCCC");
        TicketsViewModel.Row old = vm.rows().get(1);
        assertThat(old.overdue()).isTrue();
        assertThat(old.status()).isEqualTo("已超期");
        assertThat(old.waitingAt()).isEqualTo("乡镇");
        assertThat(vm.rows().getFirst().status()).isEqualTo("已办结");
        assertThat(vm.syncLineProperty().get()).contains("上次同步");
    }

    @Test
    void thePhotoLineSaysWhatThereIsOfflineWithoutAPicture() throws Exception {
        store.replaceCache("wang.fang", JsonMapping.mapper().readTree("""
                {"tickets":[
                 {"code":"AAAABBBBCCCC","kind":"QUESTION","body":"无照片","createdAt":"2026-11-03T00:00:00Z","hasPhoto":false},
                 {"code":"DDDDEEEEFFFF","kind":"QUESTION","body":"有照片","createdAt":"2026-11-02T00:00:00Z","hasPhoto":true},
                 {"code":"GGGGHHHHJJJJ","kind":"QUESTION","body":"问题线索","createdAt":"2026-11-01T00:00:00Z",
                  "category":"PROBLEM_LEAD","hasPhoto":false,"photoWithheld":true}]}
                """), NOW);
        vm.reload();
        String[] notes = new String[3];
        for (int i = 0; i < 3; i++) {
            vm.selectedProperty().set(vm.rows().get(i));
            notes[i] = vm.photo().noteProperty().get();
            assertThat(vm.photo().imageProperty().get()).isNull();
        }
        assertThat(notes).containsExactly("（群众未附照片）", "离线，照片尚未下载", "此件已列为问题线索，照片只给乡镇和市级查看。");
    }

    @Test
    void badStepsAreRefusedInChineseAndNothingIsQueued() {
        vm.selectedProperty().set(vm.rows().get(1));
        vm.reply();
        assertThat(vm.messageProperty().get()).isEqualTo("请填写答复内容。");
        vm.replyTextProperty().set("答".repeat(2001));
        vm.reply();
        assertThat(vm.messageProperty().get()).isEqualTo("内容太长（上限 2000 字）。");
        vm.verify();
        assertThat(vm.messageProperty().get()).isEqualTo("请填写核实情况。");
        vm.classify();
        assertThat(vm.messageProperty().get()).isEqualTo("请先选择分类。");
        vm.assigneeProperty().set("   ");
        vm.assign();
        assertThat(vm.messageProperty().get()).isEqualTo("请填写承办人的账号。");
        vm.close();
        assertThat(vm.messageProperty().get()).isEqualTo("请先答复群众，再办结。");
        vm.selectedProperty().set(vm.rows().getFirst()); // closed
        vm.replyTextProperty().set("再补一句");
        vm.reply();
        assertThat(vm.messageProperty().get()).isEqualTo("此件已办结，不能再办理。");
        assertThat(store.actions("wang.fang", null)).isEmpty();
    }

    @Test
    void stepsTakenOfflineQueueAndShowAsPending() {
        vm.selectedProperty().set(vm.rows().get(1));
        vm.replyTextProperty().set("本周修好。");
        vm.reply();
        assertThat(vm.messageProperty().get()).isEqualTo("已记录“答复”，同步时发送。");
        assertThat(vm.replyTextProperty().get()).isEmpty();
        vm.close(); // allowed: a reply is queued before it
        assertThat(store.actions("wang.fang", TicketStore.QUEUED)).extracting(TicketStore.Action::step)
                .containsExactly("reply", "close");
        assertThat(vm.pending()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("待发送"));
        assertThat(vm.rows().get(1).status()).contains("待发送 2");
        vm.sync();
        assertThat(vm.messageProperty().get()).contains("未登录");
        assertThat(store.actions("wang.fang", TicketStore.QUEUED)).hasSize(2);
    }

    @Test
    void statisticsCsvIsUtf8WithBomAndDefusesFormulas() throws Exception {
        JsonNode report = JsonMapping.mapper().readTree("""
                {"villages":[{"code":"219901101201","name":"=HYPERLINK(\\"x\\")","entered":2,"published":1,
                  "received":3,"answered":2,"closed":1,"overdue":1}],
                 "townships":[],"categories":[{"code":"OTHER","name":"其他","received":3,"answered":2,"closed":1,"overdue":1}],
                 "total":{"code":"TOTAL","name":"合计","entered":2,"published":1,"received":3,"answered":2,"closed":1,"overdue":1}}
                """);
        StatisticsViewModel stats = new StatisticsViewModel(null, BackgroundRunner.direct(), Clock.fixed(NOW, ZoneOffset.UTC));
        stats.lines().setAll(StatisticsViewModel.parse(report));
        Path csv = dir.resolve("统计.csv");
        stats.exportCsv(csv);
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text.split("\r\n")).containsExactly("层级,代码,名称,录入公告,公开公告,收到留言,已答复,已办结,超期",
                "村（社区）,219901101201,\"'=HYPERLINK(\"\"x\"\")\",2,1,3,2,1,1",
                "留言分类,OTHER,其他,,,3,2,1,1",
                "合计,TOTAL,合计,2,1,3,2,1,1");
        stats.fromProperty().set(java.time.LocalDate.of(2026, 3, 31));
        stats.toProperty().set(java.time.LocalDate.of(2026, 3, 1));
        stats.load();
        assertThat(stats.messageProperty().get()).isEqualTo("结束日期不能早于开始日期。");
    }
}
