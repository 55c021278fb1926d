package cn.sanwu.server.http;

import static cn.sanwu.server.testing.AccountFixture.OWN_VILLAGE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.testing.AccountFixture;
import cn.sanwu.server.testing.MutableClock;
import cn.sanwu.server.testing.Residents;
import cn.sanwu.server.testing.TestDatabases;
import cn.sanwu.server.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The form's defences (QUALITY.md attacks): oversized bodies refused before they are read, a
 * flood from one source limited while others are served, forged forwarding headers gaining
 * nothing, and photos re-encoded so that EXIF/GPS and every other metadata are gone.
 */
class FeedbackLimitsTest {

    private static final String MARKER = "GPS-31.2304N-121.4737E-SANWU-MARKER";

    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.startingNow();
    TestServer server;
    Residents phone;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Set<String> trustedProxies) {
        SecurityConfig security = TestDatabases.config(dir).security().withTrustedProxies(trustedProxies);
        server = TestServer.start(TestDatabases.config(dir).withSecurity(security), clock);
        AccountFixture.createRegions(server.server().accounts());
        phone = new Residents(server);
    }

    private Map<String, String> question(String text) {
        Map<String, String> fields = phone.filled(OWN_VILLAGE, "QUESTION", text, "");
        clock.advance(Duration.ofSeconds(5));
        return fields;
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeOneByteOfItIsSent() throws IOException {
        start(Set.of());
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                    + "Content-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and no body at all: the answer must come without it
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
        assertThat(count("SELECT COUNT(*) FROM ticket")).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffAndStoresNothing() throws IOException {
        start(Set.of());
        Map<String, String> fields = question("大的");
        byte[] huge = new byte[7 * 1024 * 1024];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        String boundary = "sanwuboundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(huge);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int status;
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                    + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = body.toByteArray();
            try {
                for (int at = 0; at < all.length; at += 65536) {
                    int n = Math.min(65536, all.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(all, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may close the connection once it has refused: that is the point
            }
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            status = Integer.parseInt(answer.substring(9, 12));
        }
        assertThat(status).isEqualTo(413);
        assertThat(count("SELECT COUNT(*) FROM ticket")).isZero();
    }

    @Test
    void aFloodFromOneSourceIsLimitedOthersAreServedAndForgedForwardingGainsNothing() {
        start(Set.of("127.0.0.1")); // the loopback peer plays the reverse proxy
        Map<String, String> fields = question("刷屏");
        for (int i = 0; i < FeedbackController.SUBMISSIONS_PER_HOUR; i++) {
            assertThat(phone.post(fields, null, null, "10.0.0.1").status()).as("submission %d", i).isEqualTo(303);
        }
        Residents.Page limited = phone.post(fields, null, null, "10.0.0.1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.body()).contains("提交次数过多");
        // The client writes what it likes left of the proxy's entry; only the proxy's entry counts.
        assertThat(phone.post(fields, null, null, "10.0.0.77, 10.0.0.1").status()).isEqualTo(429);
        assertThat(phone.post(fields, null, null, "10.0.0.2").status()).as("another source is served").isEqualTo(303);
        assertThat(count("SELECT COUNT(*) FROM ticket")).isEqualTo(FeedbackController.SUBMISSIONS_PER_HOUR + 1);
        assertThat(count("SELECT COUNT(*) FROM throttle WHERE key_hash LIKE '%10.0.0%'")).as("no address stored").isZero();

        clock.advance(Duration.ofHours(1));
        Map<String, String> fresh = question("一小时后");
        assertThat(phone.post(fresh, null, null, "10.0.0.1").status()).isEqualTo(303);
    }

    @Test
    void withoutATrustedProxyForwardingHeadersAreIgnored() {
        start(Set.of());
        Map<String, String> fields = question("刷屏");
        for (int i = 0; i < FeedbackController.SUBMISSIONS_PER_HOUR; i++) {
            assertThat(phone.post(fields, null, null, "10.1.0." + i).status()).isEqualTo(303);
        }
        assertThat(phone.post(fields, null, null, "10.2.0.1").status()).isEqualTo(429);
        assertThat(phone.post(fields, null, null, null).status()).isEqualTo(429);
    }

    /**
     * Forged forwarding headers of every common spelling — RFC 7239 {@code Forwarded}, {@code
     * X-Real-IP}, {@code X-Forwarded-For}, {@code True-Client-IP} — changed on every request do not
     * make one source look like many, for submissions or for unknown-code look-ups, whether or not a
     * reverse proxy is trusted (only the proxy's own X-Forwarded-For entry is ever believed).
     */
    @Test
    void forgedForwardingHeadersOfEverySpellingDoNotBypassEitherLimit() {
        start(Set.of("127.0.0.1"));
        Map<String, String> fields = question("换着头刷屏");
        int i = 0;
        for (; i < FeedbackController.SUBMISSIONS_PER_HOUR; i++) {
            assertThat(phone.postWithHeaders(fields, null, null, forged(i, "10.9.0.1")).status()).as("submission %d", i).isEqualTo(303);
        }
        for (int j = 0; j < 10; j++, i++) {
            assertThat(phone.postWithHeaders(fields, null, null, forged(i, "10.9.0.1")).status()).as("forged submission %d", j).isEqualTo(429);
        }
        for (int j = 0; j < FeedbackController.UNKNOWN_LOOKUPS_PER_HOUR; j++) {
            assertThat(phone.send(lookup(forged(j, "10.9.0.2"))).status()).isEqualTo(404);
        }
        for (int j = 0; j < 10; j++) {
            assertThat(phone.send(lookup(forged(100 + j, "10.9.0.2"))).status()).as("forged look-up %d", j).isEqualTo(429);
        }
        assertThat(phone.post(fields, null, null, "10.9.0.3").status()).as("a real other source is served").isEqualTo(303);
    }

    @Test
    void withoutATrustedProxyNoForwardingHeaderCountsAtAll() {
        start(Set.of());
        Map<String, String> fields = question("换着头刷屏");
        for (int i = 0; i < FeedbackController.SUBMISSIONS_PER_HOUR; i++) {
            assertThat(phone.postWithHeaders(fields, null, null, forged(i, "10.8.0." + i)).status()).isEqualTo(303);
        }
        assertThat(phone.postWithHeaders(fields, null, null, forged(99, "10.8.1.1")).status()).isEqualTo(429);
    }

    /** Forwarding headers naming a new client each time; X-Forwarded-For ends with {@code proxied} (the proxy's entry). */
    static Map<String, String> forged(int i, String proxied) {
        String fake = "203.0." + (i / 250) + "." + (i % 250);
        return Map.of("Forwarded", "for=" + fake + ";proto=https, for=\"[2001:db8::" + Integer.toHexString(i) + "]\"",
                "X-Real-IP", fake, "True-Client-IP", fake, "X-Client-IP", fake,
                "X-Forwarded-For", fake + ", 198.51.100." + (i % 250) + ", " + proxied);
    }

    private java.net.http.HttpRequest lookup(Map<String, String> headers) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(server.uri("/t/"
                + cn.sanwu.server.feedback.TicketCode.generate())).GET();
        headers.forEach(b::header);
        return b.build();
    }

    @Test
    void guessingTicketCodesIsLimitedButKnownCodesStillOpen() {
        start(Set.of());
        String code = Residents.codeFrom(phone.post(question("我的问题"), null, null, null));
        for (int i = 0; i < FeedbackController.UNKNOWN_LOOKUPS_PER_HOUR; i++) {
            assertThat(phone.get("/t/" + cn.sanwu.server.feedback.TicketCode.generate()).status()).isEqualTo(404);
        }
        assertThat(phone.get("/t/" + cn.sanwu.server.feedback.TicketCode.generate()).status()).isEqualTo(429);
        assertThat(phone.get("/t/" + code).status()).as("blocked while the hour lasts").isEqualTo(429);
        clock.advance(Duration.ofHours(1));
        assertThat(phone.get("/t/" + code).status()).isEqualTo(200);
    }

    @Test
    void photosAreReencodedWithoutExifGpsOrTrailingBytes() throws IOException {
        start(Set.of());
        byte[] jpeg = withExif(jpeg(640, 480));
        assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif", MARKER);
        String code = Residents.codeFrom(phone.post(question("路灯坏了"), jpeg, "IMG_0001.jpg", null));
        byte[] stored = storedPhoto(code);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif", MARKER, "GPS");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(back.getWidth()).isEqualTo(640);
        assertThat(back.getHeight()).isEqualTo(480);

        byte[] png = withTextChunk(png(3000, 2000));
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains(MARKER);
        String big = Residents.codeFrom(phone.post(question("照片大"), png, "x.png", null));
        byte[] shrunk = storedPhoto(big);
        assertThat(new String(shrunk, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
        assertThat(shrunk[0] & 0xff).as("stored as JPEG").isEqualTo(0xFF);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(shrunk));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(1600);
        assertThat(phone.get("/t/" + big).body()).doesNotContain(MARKER);
    }

    @Test
    void badPhotosAreRefusedWithAMessageAndNothingIsStored() throws IOException {
        start(Set.of());
        Residents.Page gif = phone.post(question("动图"), "GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
                "a.gif", null);
        assertThat(gif.status()).isEqualTo(400);
        assertThat(gif.body()).contains("只能上传 JPEG 或 PNG").contains(">动图</textarea>");

        long started = System.nanoTime();
        Residents.Page bomb = phone.post(question("炸弹"), pngHeaderOnly(50_000, 50_000), "bomb.png", null);
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.body()).contains("像素太多");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        byte[] broken = jpeg(100, 100);
        Residents.Page truncated = phone.post(question("坏图"), java.util.Arrays.copyOf(broken, 40), "b.jpg", null);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.body()).contains("无法读取这张照片");

        byte[] tooBig = new byte[5 * 1024 * 1024 + 10];
        tooBig[0] = (byte) 0xFF;
        tooBig[1] = (byte) 0xD8;
        tooBig[2] = (byte) 0xFF;
        assertThat(phone.post(question("太大"), tooBig, "c.jpg", null).status()).isIn(400, 413);
        assertThat(count("SELECT COUNT(*) FROM ticket")).isZero();
        assertThat(count("SELECT COUNT(*) FROM ticket_photo")).isZero();
    }

    static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    static byte[] png(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An APP1 "Exif" segment right after SOI carrying the GPS marker, and the marker after EOI too. */
    static byte[] withExif(byte[] jpeg) {
        byte[] payload = ("Exif\0\0MM\0*\0\0\0\u0008GPSLatitude " + MARKER).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(jpeg.length + 4 + payload.length + MARKER.length());
        b.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
        b.put(jpeg, 2, jpeg.length - 2).put(MARKER.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** A tEXt chunk with the marker inserted before IEND. */
    static byte[] withTextChunk(byte[] png) {
        byte[] data = ("Comment\0" + MARKER).getBytes(StandardCharsets.ISO_8859_1);
        byte[] chunk = chunk("tEXt", data);
        int iend = png.length - 12;
        ByteBuffer b = ByteBuffer.allocate(png.length + chunk.length);
        b.put(png, 0, iend).put(chunk).put(png, iend, 12);
        return b.array();
    }

    /** A PNG that claims {@code w} × {@code h} pixels in a few dozen bytes. */
    static byte[] pngHeaderOnly(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data).putInt((int) crc.getValue()).array();
    }

    private byte[] storedPhoto(String code) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT image FROM ticket_photo WHERE ticket_code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("photo stored for %s", code).isTrue();
                    try (InputStream in = rs.getBinaryStream(1)) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        });
    }

    private long count(String sql) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
