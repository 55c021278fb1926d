package cn.sanwu.client.journey;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.client.ticket.TicketStore;
import cn.sanwu.client.ticket.TicketWindow;
import cn.sanwu.client.ticket.TicketsViewModel;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.testing.Residents;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
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
 * Issue 6, the photo on the staff side (ADR 0029), on loopback: a resident posts a question with a
 * photo through the public form → the township PC (TestFX, real client store) opens the ticket and
 * shows the server's re-encoded JPEG as a thumbnail, full size on a click → the server goes away →
 * reopened offline, the PC still shows the photo it fetched, and says "离线，照片尚未下载" for a
 * photo it never fetched.
 */
class TicketPhotoJourneyTest extends FxRobot {

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
        FxToolkit.cleanupStages();
        db.close();
        if (server != null) {
            server.close();
        }
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return type.cast(window.getScene().lookup(id));
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

    private void open(String base) {
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
        open(base);
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
        open(base);
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
