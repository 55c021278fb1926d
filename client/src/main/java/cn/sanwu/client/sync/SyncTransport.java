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
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
        // HTTP/1.1: on a plain http:// address the JDK client otherwise offers an h2c upgrade in every
        // request (three headers, ~110 bytes) that the server never takes (docs/benchmarks.md, link).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/bundles"))
                .timeout(timeout.plus(uploadAllowance(file.length)))
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
        // The timeout runs until the answer's headers arrive, so it includes the upload: a large
        // request on a 128 kbit/s link needs more than the base timeout (docs/sync-client.md).
        HttpRequest http = HttpRequest.newBuilder(base.resolve(SyncProtocol.PATH)).timeout(timeout.plus(uploadAllowance(gz.size())))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip").header("Authorization", "Bearer " + token)
                .header("X-Sanwu-Protocol", String.valueOf(SyncProtocol.VERSION))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build();
        return ModelJson.mapper().convertValue(send(http), SyncProtocol.Response.class);
    }

    private record Answer(int status, byte[] body) {
    }

    /**
     * GET of a public read-only route (no token), e.g. the transparency log's checkpoint; answers the
     * body as UTF-8 text. A refusal (4xx/5xx) is a {@link Refused}.
     */
    public String getText(String pathAndQuery) throws IOException, Refused {
        Answer answer = exchange(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET()
                .build());
        if (answer.status() != 200) {
            throw refusal(answer.status(), parse(answer));
        }
        return new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * GET of a person's binary resource (a ticket photo); answers the bytes. An answer longer than
     * {@code maxBytes} is refused as unrecognisable rather than kept: the server bounds what it
     * stores, so more is not our server's answer. A refusal (4xx/5xx) is a {@link Refused}.
     */
    public byte[] getBytes(String path, String token, int maxBytes) throws IOException, Refused {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        Answer answer = exchange(b.build());
        if (answer.status() != 200) {
            throw refusal(answer.status(), parse(answer));
        }
        if (answer.body().length > maxBytes) {
            throw new IOException("服务器的回答过大（" + answer.body().length + " 字节）");
        }
        return answer.body();
    }

    /** Slowest upload rate allowed for before a request counts as lost: 4 KB/s (32 kbit/s). */
    static final long SLOWEST_UPLOAD_BYTES_PER_SECOND = 4_000;

    static Duration uploadAllowance(long bytes) {
        return Duration.ofMillis(bytes * 1000 / SLOWEST_UPLOAD_BYTES_PER_SECOND);
    }

    private JsonNode send(HttpRequest request) throws IOException, Refused {
        Answer answer = exchange(request);
        JsonNode body = parse(answer);
        if (answer.status() != 200 && answer.status() != 204) { // 204: a ticket step done, nothing to say
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

    /**
     * Sends and reads the whole answer. The request's own timeout covers the time until the
     * headers; after them the JDK client has no timeout at all, so an answer that stalls mid-body
     * (a dead NAT mapping, a link that stops without a FIN or RST) would block this sync, and with
     * it every later one, forever. So the body is watched: no new bytes for {@link #timeout} gives
     * up the exchange as lost (the outbox resends it, same ids).
     */
    private Answer exchange(HttpRequest request) throws IOException {
        Progress progress = new Progress();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info -> progress.watch());
        HttpResponse<byte[]> response;
        try {
            response = await(pending, progress);
        } catch (InterruptedException e) {
            pending.cancel(true);
            // The flag is deliberately not restored: this thread goes on to write the outcome to H2,
            // and an interrupted thread inside H2 closes its file channel (docs/durability.md).
            throw new IOException("同步被中断", e);
        }
        byte[] raw = response.body();
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        return new Answer(response.statusCode(), raw);
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> pending, Progress progress)
            throws IOException, InterruptedException {
        long idleLimit = timeout.toNanos();
        while (true) {
            try {
                return pending.get(Math.min(250, Math.max(1, timeout.toMillis())), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
            } catch (TimeoutException e) {
                long last = progress.lastActivity();
                if (last != 0 && System.nanoTime() - last > idleLimit) {
                    pending.cancel(true);
                    throw new HttpTimeoutException("服务器的回答中断了（" + timeout.toSeconds() + " 秒没有收到数据）");
                }
            }
        }
    }

    /** When the answer's headers or last body bytes arrived (0 = not yet): the body's idle timer. */
    private static final class Progress implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final AtomicLong last = new AtomicLong();

        HttpResponse.BodySubscriber<byte[]> watch() {
            last.set(System.nanoTime());
            return this;
        }

        long lastActivity() {
            return last.get();
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            last.set(System.nanoTime());
            bytes.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            bytes.onError(throwable);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
