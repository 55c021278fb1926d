package cn.sanwu.client.sync;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP to the sync server (docs/sync-protocol.md): enrollment with a one-time code, and one
 * gzip-compressed POST per sync round. Network trouble is an {@link IOException} (offline: try
 * later); a refusal by the server is a {@link Refused} with the server's Chinese message.
 */
public final class SyncTransport {

    /** The server answered, but refused (4xx/5xx); {@link #code()} is its stable error code. */
    public static final class Refused extends Exception {
        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /** What enrollment gives the device; {@code serverPublicKey} is null from a server without bundles. */
    public record Enrollment(String deviceId, String token, String villageCode, String serverPublicKey) {
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public SyncTransport(String serverUrl, Duration timeout) {
        String url = serverUrl == null ? "" : serverUrl.strip().replaceAll("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("服务器地址应以 http:// 或 https:// 开头：" + serverUrl);
        }
        this.base = URI.create(url);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @param publicKey this device's bundle-signing key (base64), registered with the enrollment */
    public Enrollment enroll(String code, String deviceName, String publicKey) throws IOException, Refused {
        byte[] body = ModelJson.mapper().writeValueAsBytes(Map.of("code", code.strip(), "deviceName", deviceName,
                "publicKey", publicKey));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/enroll")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        JsonNode reply = send(request);
        return new Enrollment(reply.path("deviceId").asText(), reply.path("token").asText(), reply.path("villageCode").asText(),
                reply.path("serverPublicKey").asText(null));
    }

    /** Registers the bundle-signing key of a device enrolled before bundles; answers the server's key. */
    public String registerKey(String token, String publicKey) throws IOException, Refused {
        byte[] body = ModelJson.mapper().writeValueAsBytes(Map.of("publicKey", publicKey));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/device/key")).timeout(timeout)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(request).path("serverPublicKey").asText();
    }

    /** Uploads a village's bundle file (township) and answers the reply file's bytes. */
    public byte[] uploadBundle(String token, byte[] file) throws IOException, Refused {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/bundles")).timeout(timeout)
                .header("Content-Type", "application/octet-stream").header("Accept-Encoding", "gzip")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
        Answer answer = exchange(request);
        if (answer.status() == 200) {
            return answer.body();
        }
        throw refusal(answer.status(), parse(answer));
    }

    /** A JSON call of a person's session (township review, docs/review.md); {@code body} null for GET. */
    public JsonNode call(String method, String path, String token, Object body) throws IOException, Refused {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept-Encoding", "gzip");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(ModelJson.mapper().writeValueAsBytes(body)));
        }
        return send(b.build());
    }

    public SyncProtocol.Response sync(String token, SyncProtocol.Request request) throws IOException, Refused {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            ModelJson.mapper().writeValue(out, request);
        }
        HttpRequest http = HttpRequest.newBuilder(base.resolve(SyncProtocol.PATH)).timeout(timeout)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip").header("Authorization", "Bearer " + token)
                .header("X-Sanwu-Protocol", String.valueOf(SyncProtocol.VERSION))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build();
        return ModelJson.mapper().convertValue(send(http), SyncProtocol.Response.class);
    }

    private record Answer(int status, byte[] body) {
    }

    private JsonNode send(HttpRequest request) throws IOException, Refused {
        Answer answer = exchange(request);
        JsonNode body = parse(answer);
        if (answer.status() != 200) {
            throw refusal(answer.status(), body);
        }
        return body;
    }

    private static Refused refusal(int status, JsonNode body) {
        return new Refused(status, body.path("code").asText("http-" + status),
                body.path("message").asText("服务器拒绝了请求（HTTP " + status + "）"));
    }

    private static JsonNode parse(Answer answer) throws IOException {
        try {
            return answer.body().length == 0 ? ModelJson.mapper().createObjectNode() : ModelJson.mapper().readTree(answer.body());
        } catch (IOException e) {
            // Not our server (a captive portal's login page, a proxy error): treat as offline.
            throw new IOException("服务器的回答无法识别（HTTP " + answer.status() + "）", e);
        }
    }

    private Answer exchange(HttpRequest request) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            // The flag is deliberately not restored: this thread goes on to write the outcome to H2,
            // and an interrupted thread inside H2 closes its file channel (docs/durability.md).
            throw new IOException("同步被中断", e);
        }
        byte[] raw;
        try (InputStream in = response.body()) {
            raw = in.readAllBytes();
        }
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        return new Answer(response.statusCode(), raw);
    }
}
