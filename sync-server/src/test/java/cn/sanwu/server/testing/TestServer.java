package cn.sanwu.server.testing;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.model.sync.bundle.BundleKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A real server on 127.0.0.1 with an ephemeral port and an H2 file in the test's directory, and
 * a plain {@link HttpClient} to talk to it. Close it after the test.
 */
public final class TestServer implements AutoCloseable {

    public record Reply(int status, JsonNode body, String contentEncoding, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asText();
        }
    }

    public record Enrolled(String deviceId, String token, String villageCode) {
    }

    /** A device enrolled with its bundle-signing key, and the server key the enroll answer carried. */
    public record KeyedDevice(UUID deviceId, String token, String villageCode, KeyPair keys, PublicKey serverKey) {
    }

    /** A binary answer (bundle routes); {@code error} is the JSON error body when the status is not 200. */
    public record BinaryReply(int status, byte[] body, JsonNode error, String importCount) {
    }

    private final SyncServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(SyncServer server) {
        this.server = server;
    }

    public static TestServer start(Path dataDir) {
        return start(TestDatabases.config(dataDir));
    }

    public static TestServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static TestServer start(ServerConfig config, Clock clock) {
        return new TestServer(SyncServer.create(config, clock).start());
    }

    /** Wraps a server a test built itself (a broken variant) and has started. */
    public static TestServer of(SyncServer started) {
        return new TestServer(started);
    }

    public SyncServer server() {
        return server;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Issues a code for {@code village} and enrolls a device with it. */
    public Enrolled enrollNewDevice(String village, String name) {
        String code = server.devices().issueCode(village);
        Reply reply = postJson("/api/v1/enroll", null, "{\"code\":\"" + code + "\",\"deviceName\":\"" + name + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("enroll failed: " + reply);
        }
        return new Enrolled(reply.body().get("deviceId").asText(), reply.body().get("token").asText(),
                reply.body().get("villageCode").asText());
    }

    /** Issues a code for {@code village} and enrolls a device that registers a fresh Ed25519 key. */
    public KeyedDevice enrollKeyedDevice(String village, String name) {
        KeyPair keys = BundleKeys.generate();
        String code = server.devices().issueCode(village);
        Reply reply = postJson("/api/v1/enroll", null, "{\"code\":\"" + code + "\",\"deviceName\":\"" + name
                + "\",\"publicKey\":\"" + BundleKeys.encode(keys.getPublic()) + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("enroll failed: " + reply);
        }
        return new KeyedDevice(UUID.fromString(reply.body().get("deviceId").asText()), reply.body().get("token").asText(),
                reply.body().get("villageCode").asText(), keys, BundleKeys.publicKey(reply.body().get("serverPublicKey").asText()));
    }

    /** POSTs raw bytes (a bundle file) and returns the raw answer. */
    public BinaryReply postBytes(String path, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        Raw raw = raw(b.build());
        try {
            JsonNode error = raw.status() == 200 ? null : ModelJson.mapper().readTree(raw.body());
            return new BinaryReply(raw.status(), raw.body(), error, raw.headers().firstValue("X-Sanwu-Bundle-Imports").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET answered with bytes (a ticket photo); {@code error} is the JSON error body when not 200. */
    public record Download(int status, byte[] body, JsonNode error, java.net.http.HttpHeaders headers) {
    }

    public Download getBytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        Raw raw = raw(b.build());
        try {
            JsonNode error = raw.status() == 200 || raw.body().length == 0 ? null : ModelJson.mapper().readTree(raw.body());
            return new Download(raw.status(), raw.body(), error, raw.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Raw(int status, byte[] body, java.net.http.HttpHeaders headers) {
    }

    /** Sends and answers the body as bytes, un-gzipped. */
    private Raw raw(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            if ("gzip".equalsIgnoreCase(response.headers().firstValue("Content-Encoding").orElse(""))) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            return new Raw(response.statusCode(), bytes, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in over HTTP; the reply as it came. */
    public Reply login(String username, String password) {
        return postJson("/api/v1/login", null, TestServer.jsonText(java.util.Map.of("username", username, "password", password)));
    }

    /** Logs in and answers the session token; fails the test if the login is refused. */
    public String sessionToken(String username, String password) {
        Reply reply = login(username, password);
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return reply.body().get("token").asText();
    }

    public Reply get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public SyncProtocol.Response sync(String token, SyncProtocol.Request request) {
        Reply reply = send(syncRequest(token, json(request)).build());
        if (reply.status() != 200) {
            throw new AssertionError("sync failed: " + reply);
        }
        return ModelJson.mapper().convertValue(reply.body(), SyncProtocol.Response.class);
    }

    public HttpRequest.Builder syncRequest(String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(SyncProtocol.PATH)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept-Encoding", "gzip")
                .header("X-Sanwu-Protocol", String.valueOf(SyncProtocol.VERSION))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Reply postJson(String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                // As a careful client does with a large body: the server can refuse it (413) before
                // it is sent. Without this, a refusal that closes the connection while the body is
                // still arriving can reach the client as a reset instead of the 413 (seen once).
                .expectContinue(body.length() > 8192);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept-Encoding", "gzip").GET().build());
    }

    /** Sends, un-gzips the response if needed and parses JSON (null body if not JSON). */
    public Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String encoding = response.headers().firstValue("Content-Encoding").orElse(null);
            byte[] bytes = response.body();
            if ("gzip".equalsIgnoreCase(encoding)) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            JsonNode body = bytes.length == 0 ? null : ModelJson.mapper().readTree(bytes);
            return new Reply(response.statusCode(), body, encoding, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] json(Object value) {
        try {
            return ModelJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String jsonText(Object value) {
        return new String(json(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
