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
import cn.sanwu.server.testing.Residents;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
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
 * And the photo (ADR 0029): posted with a question through the public form, shown in the staff
 * detail (thumbnail, full size on a click), still shown offline once fetched; one never fetched
 * says "离线，照片尚未下载".
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
        // What an earlier online login on this PC left: the password's verifier (ADR 0029).
        new cn.sanwu.client.ticket.OfflineLogin(db).remember("wang.fang", PASSWORD, java.time.Instant.now());
        int port = server.port();
        server.close(); // nothing listens any more
        server = null;
        List<String> errors = new ArrayList<>();
        // Offline, a wrong password does not open this account's copy (a colleague at the same PC).
        interact(() -> TicketWindow.open(new TicketWindow.Login("http://127.0.0.1:" + port, "wang.fang", "guess"),
                db, BackgroundRunner.direct(), Clock.systemUTC(), errors::add, s -> window = s));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window).isNull();
        assertThat(errors).singleElement().asString().startsWith("连接服务器失败，离线时只能用此账号上次在本机联网登录时的密码");
        errors.clear();
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

    private String photoNote() {
        return node("#ticketPhotoNote", Label.class).getText();
    }

    private ImageView thumbnail() {
        return node("#ticketPhoto", ImageView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<TicketsViewModel.Row> table() {
        return node("#ticketTable", TableView.class);
    }

    private void openAs(String base) {
        List<String> errors = new ArrayList<>();
        interact(() -> TicketWindow.open(new TicketWindow.Login(base, "wang.fang", PASSWORD), db,
                BackgroundRunner.direct(), Clock.systemUTC(), errors::add, s -> window = s));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
    }

    @Test
    void theResidentsPhotoShowsInTheStaffDetailAndStaysOnThePcForOfflineUse() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        Residents phone = new Residents(base);
        var older = phone.filled(DemoData.VILLAGE, "QUESTION", "水渠堵了，照片是上周拍的。", "");
        var newer = phone.filled(DemoData.VILLAGE, "QUESTION", "村口路灯坏了一个月，见照片，什么时候修？", "");
        Thread.sleep(3_200); // the form refuses posts made faster than a person types
        String never = Residents.codeFrom(phone.post(older, photo(900, 600, new Color(0x6a8f3c)), "IMG_2001.jpg", null));
        String code = Residents.codeFrom(phone.post(newer, photo(1200, 900, new Color(0x8a8f96)), "IMG_2002.jpg", null));

        // Online: the newest ticket is selected, its photo fetched, kept on the PC and shown.
        openAs(base);
        assertThat(table().getItems()).extracting(r -> r.item().code()).containsExactly(code, never);
        assertThat(thumbnail().getImage()).as(photoNote()).isNotNull();
        assertThat(thumbnail().getImage().getWidth()).isEqualTo(1200);
        assertThat(photoNote()).isEqualTo("点击照片看原图");
        byte[] kept = new TicketStore(db).photo("wang.fang", code).orElseThrow();
        assertThat(kept).as("the PC keeps exactly the server's re-encoded JPEG").isEqualTo(storedOnServer(code));
        assertThat(new TicketStore(db).photo("wang.fang", never)).as("fetched on demand only").isEmpty();
        Screenshots.saveIfAsked(this, window.getScene(), "tickets-photo.png");

        // A click opens it full size.
        clickOn(thumbnail());
        WaitForAsyncUtils.waitForFxEvents();
        Stage full = fullSizeWindow();
        ImageView big = (ImageView) ((ScrollPane) full.getScene().getRoot()).getContent();
        assertThat(big.getImage().getWidth()).isEqualTo(1200);
        assertThat(big.getImage().getHeight()).isEqualTo(900);
        assertThat(full.getTitle()).contains(code.substring(0, 4) + "-");
        interact(full::close);
        interact(window::close);

        // Offline: the server is gone; reopened on the PC's cache, the photo still shows.
        server.close();
        server = null;
        openAs(base);
        assertThat(node("#ticketSyncLine", Label.class).getText()).startsWith("上次同步");
        assertThat(thumbnail().getImage()).isNotNull();
        assertThat(thumbnail().getImage().getWidth()).isEqualTo(1200);
        // The older ticket's photo was never fetched: the window says so instead of failing.
        interact(() -> table().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(thumbnail().getImage()).isNull();
        assertThat(photoNote()).isEqualTo("离线，照片尚未下载");
        interact(() -> table().getSelectionModel().select(0));
        assertThat(thumbnail().getImage()).isNotNull();
        interact(window::close);
    }

    private Stage fullSizeWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene() != null
                && s.getScene().lookup("#ticketPhotoFull") != null).map(w -> (Stage) w).findFirst()
                .orElseThrow(() -> new AssertionError("no full-size photo window"));
    }

    private byte[] storedOnServer(String code) throws Exception {
        try (var c = server.database().connection();
                PreparedStatement ps = c.prepareStatement("SELECT image FROM ticket_photo WHERE ticket_code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    /** A phone-like picture: sky, a road and a street lamp, so the screenshot shows something real. */
    static byte[] photo(int w, int h, Color road) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x9cc6ea), 0, h / 2f, new Color(0xe4eef6)));
        g.fillRect(0, 0, w, h / 2);
        g.setColor(new Color(0x7da35a));
        g.fillRect(0, h / 2, w, h / 2);
        g.setColor(road);
        g.fillPolygon(new int[] {w * 2 / 5, w * 3 / 5, w, 0}, new int[] {h / 2, h / 2, h, h}, 4);
        g.setColor(new Color(0x3b3b3b));
        g.setStroke(new BasicStroke(Math.max(4, w / 120f)));
        g.drawLine(w * 3 / 4, h * 4 / 5, w * 3 / 4, h / 6);
        g.drawLine(w * 3 / 4, h / 6, w * 2 / 3, h / 6);
        g.setColor(new Color(0x222222));
        g.fillOval(w * 2 / 3 - w / 40, h / 6, w / 20, h / 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
