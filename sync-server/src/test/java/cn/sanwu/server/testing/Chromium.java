package cn.sanwu.server.testing;

import cn.sanwu.model.json.ModelJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's own WebSocket
 * client (no driver, no library): navigate, evaluate, screenshot. Only loopback addresses are
 * opened. One page; close it after the test. The binary is {@code chromium} on PATH, or
 * {@code -Dsanwu.chromium=PATH}; .ci/run installs it.
 */
public final class Chromium implements AutoCloseable {

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    public static Chromium start(Path profile) throws IOException, InterruptedException {
        String binary = System.getProperty("sanwu.chromium", "chromium");
        Process process;
        try {
            // a resident's phone in China (WeChat sends zh-CN): the public pages follow Accept-Language
            process = new ProcessBuilder(List.of(binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--lang=zh-CN", "--accept-lang=zh-CN,zh",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=390,844",
                    "--user-data-dir=" + profile, "about:blank"))
                    .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Chromium is needed for this test: install the Debian package 'chromium'"
                    + " (.ci/run does) or pass -Dsanwu.chromium=PATH", e);
        }
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not open its DevTools port; see "
                        + profile.resolveSibling("chromium.log"));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (int attempt = 0; attempt < 100 && pageSocket == null; attempt++) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : ModelJson.mapper().readTree(list.body())) {
                if ("page".equals(target.get("type").asText())) {
                    pageSocket = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(100);
            }
        }
        if (pageSocket == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium opened no page");
        }
        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener).join();
        Chromium chromium = new Chromium(process, ws);
        listener.owner = chromium;
        chromium.call("Page.enable", Map.of());
        chromium.call("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        return chromium;
    }

    /** Opens {@code url} and waits until the document has loaded. */
    public void open(String url) {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href === " + quote(url), Duration.ofSeconds(20));
    }

    /** Waits until the JavaScript expression (evaluated in the page by the test, not by it) is true. */
    public void waitFor(String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("(" + condition + ") === true").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // the context went away mid-navigation: ask again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + condition + " (page: " + evaluate("location.href") + ")");
    }

    /** The value of a JavaScript expression evaluated by the test through DevTools. */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation failed: " + result.get("exceptionDetails"));
        }
        JsonNode value = result.get("result").get("value");
        return value == null ? ModelJson.mapper().nullNode() : value;
    }

    public String dom() {
        return evaluate("document.documentElement.outerHTML").asText();
    }

    public byte[] screenshotPng() {
        return capture(true);
    }

    /** What the phone's screen shows now (after scrolling), not the whole page: for pages too long to picture whole. */
    public byte[] viewportPng() {
        return capture(false);
    }

    private byte[] capture(boolean wholePage) {
        String data = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", wholePage))
                .get("data").asText();
        return java.util.Base64.getDecoder().decode(data);
    }

    public static String quote(String text) {
        try {
            return ModelJson.mapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = ModelJson.mapper().createObjectNode();
        message.put("id", id).put("method", method).set("params", ModelJson.mapper().valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pending.remove(id);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                try {
                    JsonNode message = ModelJson.mapper().readTree(text);
                    if (message.has("id") && owner != null) {
                        CompletableFuture<JsonNode> f = owner.pending.get(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: not ours to answer
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes away below anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
