package cn.sanwu.server.bench;

import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.feedback.PhotoSanitizer;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.testing.AccountFixture;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A staff PC downloading a resident's photo on loopback (docs/benchmarks.md "Ticket photo",
 * ADR 0029): the photo as a phone sends it, re-encoded by the server's form path
 * ({@link PhotoSanitizer}), stored with a ticket, then fetched by the township reviewer with
 * {@code GET /api/v1/tickets/{code}/photo} 18 times (3 warm-ups, median of 15) with the headers
 * the client sends. Without an argument the photo is synthetic: 4032×3024 (a 12 MP phone), sky,
 * field and road gradients with sensor-like grain (seeded, printed) — grain is what makes real
 * photos large, a flat drawing would flatter the numbers. With a path, that JPEG/PNG is used.
 * Not a test. Usage: TicketPhotoBenchmark [photo file] ; -Dseed=N replays the synthetic photo.
 */
public final class TicketPhotoBenchmark {

    public static void main(String[] args) throws Exception {
        byte[] original;
        String what;
        if (args.length > 0) {
            original = Files.readAllBytes(Path.of(args[0]));
            what = args[0];
        } else {
            long seed = Long.getLong("seed", System.nanoTime());
            original = phonePhoto(4032, 3024, seed);
            what = "synthetic 4032x3024, seed " + seed + " (replay with -Dseed=" + seed + ")";
        }
        long t0 = System.nanoTime();
        byte[] stored = PhotoSanitizer.reencode(original);
        double reencodeMs = (System.nanoTime() - t0) / 1e6;
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(stored));
        System.out.printf("photo: %s%nas sent: %,d bytes; stored (re-encoded %dx%d): %,d bytes; re-encode %.0f ms%n",
                what, original.length, back.getWidth(), back.getHeight(), stored.length, reencodeMs);

        Path dir = Files.createTempDirectory("sanwu-photo-bench");
        try (SyncServer server = SyncServer.create(ServerConfig.local(dir, 0), Clock.systemUTC()).start()) {
            AccountFixture.create(server.accounts());
            TicketService tickets = new TicketService(server.database(), Clock.systemUTC(), server.accounts().regions());
            String code = tickets.submit(new TicketService.Submission(AccountFixture.OWN_VILLAGE, TicketKind.QUESTION,
                    null, "村口路灯坏了，见照片。", null, stored));
            String token = ((cn.sanwu.server.account.LoginService.Outcome.Success) server.accounts().logins()
                    .login("reviewer", AccountFixture.PASSWORD, "127.0.0.1")).session().token();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/tickets/" + code + "/photo")).header("Authorization", "Bearer " + token)
                    .header("Accept-Encoding", "gzip").build();
            LoopbackTiming t = LoopbackTiming.of(http, request);
            System.out.printf("download: %,d bytes on the wire (%s), median %.1f ms, max %.1f ms on loopback;"
                    + " at 128 kbit/s: %.1f s, at 1 Mbit/s: %.1f s%n", t.bytes(), t.encoding(), t.medianMs(), t.maxMs(),
                    t.secondsAt(128_000), t.secondsAt(1_000_000));
        }
    }

    /** Sky, field and a road as gradients, plus per-pixel grain of a phone sensor in indoor-ish light (σ≈6). */
    static byte[] phonePhoto(int w, int h, long seed) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x8db8e0), 0, h / 2f, new Color(0xe6eef5)));
        g.fillRect(0, 0, w, h / 2);
        g.setPaint(new GradientPaint(0, h / 2f, new Color(0x6f9650), 0, h, new Color(0x4d6e35)));
        g.fillRect(0, h / 2, w, h - h / 2);
        g.setColor(new Color(0x85898e));
        g.fillPolygon(new int[] {w * 2 / 5, w * 3 / 5, w, 0}, new int[] {h / 2, h / 2, h, h}, 4);
        g.dispose();
        Random random = new Random(seed);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int n = (int) Math.round(random.nextGaussian() * 6);
                row[x] = clamp((p >> 16 & 0xff) + n) << 16 | clamp((p >> 8 & 0xff) + n) << 8 | clamp((p & 0xff) + n);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out); // ImageIO's default quality 0.75, as a phone's "standard"
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
