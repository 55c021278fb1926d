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

    /** What enrollment gives the device. */
    public record Enrollment(String deviceId, String token, String villageCode) {
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

    public Enrollment enroll(String code, String deviceName) throws IOException, Refused {
        byte[] body = ModelJson.mapper().writeValueAsBytes(Map.of("code", code.strip(), "deviceName", deviceName));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/enroll")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        JsonNode reply = send(request);
        return new Enrollment(reply.path("deviceId").asText(), reply.path("token").asText(), reply.path("villageCode").asText());
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

    private JsonNode send(HttpRequest request) throws IOException, Refused {
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
        JsonNode body;
        try {
            body = raw.length == 0 ? ModelJson.mapper().createObjectNode() : ModelJson.mapper().readTree(raw);
        } catch (IOException e) {
            // Not our server (a captive portal's login page, a proxy error): treat as offline.
            throw new IOException("服务器的回答无法识别（HTTP " + response.statusCode() + "）", e);
        }
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), body.path("code").asText("http-" + response.statusCode()),
                    body.path("message").asText("服务器拒绝了请求（HTTP " + response.statusCode() + "）"));
        }
        return body;
    }
}
