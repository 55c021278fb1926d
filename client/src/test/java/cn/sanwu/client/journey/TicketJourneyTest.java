package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.ticket.StatisticsViewModel;
import cn.sanwu.client.ticket.TicketStore;
import cn.sanwu.client.ticket.TicketWindow;
import cn.sanwu.client.ticket.TicketsViewModel;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 6's proof, end to end on loopback: a resident asks on the public form in headless
 * Chromium → the township PC (TestFX, real client store) syncs and shows it in its queue → staff
 * classify, answer and close in the client (a bad step first: refused with a Chinese message,
 * nothing queued) → sync → Chromium opens the status page by the ticket code and sees the answer.
 */
class TicketJourneyTest extends FxRobot {

    private static final String PASSWORD = "wang-fang-password";

    @TempDir
    Path dir;
    private SyncServer server;
    private Database db;
    private Stage window;

    @BeforeEach
    void start() throws Exception {
        server = cn.sanwu.client.testsupport.StaffServer.start(dir.resolve("server"));
        server.accounts().users().createUser("wang.fang", "王芳", Role.TOWNSHIP_REVIEWER, DemoData.TOWNSHIP, PASSWORD);
        db = Database.open(dir.resolve("pc"), Durability.SAFE);
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            interact(window::close);
        }
        FxToolkit.cleanupStages();
        db.close();
        if (server != null) {
            server.close();
        }
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return type.cast(window.getScene().lookup(id));
    }

    private String message() {
        return node("#ticketMessage", Label.class).getText();
    }

    @Test
    void aQuestionAskedInTheBrowserIsAnsweredOnTheTownshipPcAndTheResidentSeesTheAnswer() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        try (Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            browser.open(base + "/feedback?village=" + DemoData.VILLAGE);
            browser.evaluate("document.querySelector('#text').value = " + Chromium.quote("村口路灯坏了一个月，什么时候修？"));
            Thread.sleep(3_200); // the form refuses posts made faster than a person types
            browser.evaluate("document.querySelector('button[type=submit]').click()");
            browser.waitFor("location.pathname.startsWith('/t/') && document.readyState === 'complete'", Duration.ofSeconds(20));
            String code = browser.evaluate("location.pathname.substring(3)").asText();
            assertThat(code).matches("[0-9A-Z]{12}");

            // An older problem report, unanswered for 15 days: overdue, moved up to the city.
            String old = new cn.sanwu.server.feedback.TicketService(server.database(),
                    Clock.offset(Clock.systemUTC(), Duration.ofDays(-15)), server.accounts().regions()).submit(
                    new cn.sanwu.server.feedback.TicketService.Submission(DemoData.VILLAGE,
                            cn.sanwu.server.feedback.TicketKind.PROBLEM, null, "低保评议没有张榜公示。", "赵六 13800000000", null));

            // The township PC logs in, syncs and shows the question in its queue.
            List<String> errors = new ArrayList<>();
            interact(() -> TicketWindow.open(new TicketWindow.Login(base, "wang.fang", PASSWORD), db,
                    BackgroundRunner.direct(), Clock.systemUTC(), errors::add, s -> window = s));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(errors).isEmpty();
            @SuppressWarnings("unchecked")
            TableView<TicketsViewModel.Row> table = node("#ticketTable", TableView.class);
            assertThat(table.getItems()).extracting(r -> r.item().code()).containsExactly(code, old);
            TicketsViewModel.Row overdue = table.getItems().get(1);
            assertThat(overdue.overdue()).isTrue();
            assertThat(List.of(overdue.kind(), overdue.waitingAt(), overdue.status())).containsExactly("反映问题", "市级监督", "已超期");
            TicketsViewModel.Row row = table.getItems().getFirst();
            assertThat(row.kind()).isEqualTo("询问");
            assertThat(row.waitingAt()).isEqualTo("村");
            assertThat(node("#ticketBody", TextArea.class).getText()).isEqualTo("村口路灯坏了一个月，什么时候修？");

            // Bad input: an empty answer is refused in Chinese and nothing is queued.
            clickOn(node("#ticketReplyButton", Button.class));
            assertThat(message()).isEqualTo("请填写答复内容。");
            clickOn(node("#ticketClose", Button.class));
            assertThat(message()).isEqualTo("请先答复群众，再办结。");
            assertThat(new TicketStore(db).actions("wang.fang", null)).isEmpty();

            @SuppressWarnings("unchecked")
            ComboBox<String> category = node("#ticketCategory", ComboBox.class);
            interact(() -> category.setValue("POLICY_QUERY"));
            clickOn(node("#ticketClassify", Button.class));
            interact(() -> node("#ticketVerifyText", TextArea.class).setText("已到现场查看，村口第三根灯杆灯泡损坏。"));
            clickOn(node("#ticketVerify", Button.class));
            interact(() -> node("#ticketReplyText", TextArea.class).setText("已联系供电所，本周五前修好。"));
            clickOn(node("#ticketReplyButton", Button.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(message()).startsWith("已同步");
            Screenshots.saveIfAsked(this, window.getScene(), "tickets-township.png");
            clickOn(node("#ticketClose", Button.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(new TicketStore(db).actions("wang.fang", TicketStore.QUEUED)).isEmpty();
            assertThat(table.getItems().getFirst().status()).isEqualTo("已办结");
            int contactRows = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT COUNT(*) FROM ticket_cache WHERE CAST(ticket_json AS VARCHAR) LIKE ?")) {
                    ps.setString(1, "%13800000000%");
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(contactRows).as("the reporter's contact never reaches the township PC").isZero();

            // 统计 for the township this month: both received, the question answered and closed, the report late.
            TabPane tabs = (TabPane) window.getScene().getRoot();
            interact(() -> tabs.getSelectionModel().select(1));
            clickOn(node("#statsLoad", Button.class));
            WaitForAsyncUtils.waitForFxEvents();
            @SuppressWarnings("unchecked")
            TableView<StatisticsViewModel.Line> stats = node("#statsTable", TableView.class);
            assertThat(stats.getItems()).anySatisfy(l -> {
                assertThat(l.code()).isEqualTo(DemoData.VILLAGE);
                assertThat(List.of(l.received(), l.answered(), l.closed(), l.overdue())).containsExactly(2, 1, 1, 1);
            });
            Screenshots.saveIfAsked(this, window.getScene(), "tickets-statistics.png");

            // The resident opens the status page by the code and sees the answer.
            browser.open(base + "/t/" + code);
            assertThat(browser.evaluate("document.body.innerText").asText())
                    .contains("已联系供电所，本周五前修好。", "已办结", "政策咨询");
        }
    }

    @Test
    void withoutTheServerTheWindowOpensOnThePcsCacheAndStepsQueue() throws Exception {
        new TicketStore(db).replaceCache("wang.fang", cn.sanwu.client.store.JsonMapping.mapper().readTree("""
                {"tickets":[{"code":"AAAABBBBCCCC","villageCode":"219901101201","kind":"QUESTION","body":"离线也能看",
                 "createdAt":"2026-11-01T00:00:00Z","dueAt":"2026-11-11T00:00:00Z","waitingAt":"TOWNSHIP","events":[]}]}
                """), java.time.Instant.now());
        int port = server.port();
        server.close(); // nothing listens any more
        server = null;
        List<String> errors = new ArrayList<>();
        interact(() -> TicketWindow.open(new TicketWindow.Login("http://127.0.0.1:" + port, "wang.fang", PASSWORD),
                db, BackgroundRunner.direct(), Clock.systemUTC(), errors::add, s -> window = s));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
        assertThat(node("#ticketBody", TextArea.class).getText()).isEqualTo("离线也能看");
        assertThat(((TabPane) window.getScene().getRoot()).getTabs()).as("statistics need the server").hasSize(1);
        interact(() -> node("#ticketReplyText", TextArea.class).setText("联网后发送的答复"));
        clickOn(node("#ticketReplyButton", Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message()).isEqualTo("已记录“答复”，同步时发送。");
        assertThat(new TicketStore(db).actions("wang.fang", TicketStore.QUEUED)).singleElement()
                .satisfies(a -> assertThat(a.payload().get("text").asText()).isEqualTo("联网后发送的答复"));
        assertThat(node("#ticketPending", javafx.scene.control.ListView.class).getItems()).hasSize(1);
    }
}
