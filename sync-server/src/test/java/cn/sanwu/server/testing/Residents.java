package cn.sanwu.server.testing;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resident's phone, minus the browser: fetches the ask/report form, fills it and posts it as
 * {@code multipart/form-data} the way a browser does, and reads pages as text. Redirects are not
 * followed, so a test sees the 303. For the real browser see {@code ResidentBrowserTest}.
 */
public final class Residents {

    /** Naughty strings and XSS payloads that must come back as text, executing nothing. */
    public static final List<String> HOSTILE = List.of(
            "<script>document.title='pwned'</script>",
            "\"><img src=x onerror=\"document.title='pwned'\">",
            "'><svg/onload=alert(1)>",
            "</textarea><script>alert(1)</script>",
            "javascript:alert(1)",
            "{{7*7}} ${7*7} <%= 7*7 %>",
            "'; DROP TABLE ticket; --",
            "\u202Eevil\u202C \u0000 null byte",
            "Ω≈ç√∫ 田中さん 𝕿𝖍𝖊 😀 ‮ﷺ",
            "&lt;already&gt; &amp; &#x3C;script&#x3E;",
            "<a href=\"https://evil.example\">点我</a>");

    public record Page(int status, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final java.util.function.Function<String, java.net.URI> uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Residents(TestServer server) {
        this.uri = server::uri;
    }

    /** A phone talking to a server at {@code base} (e.g. {@code http://127.0.0.1:PORT}), for the client's tests. */
    public Residents(String base) {
        this.uri = path -> java.net.URI.create(base + path);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri.apply(path)).GET().build());
    }

    /** The form's hidden fields (village, notice, token) as the page carries them. */
    public Map<String, String> formFields(String village) {
        Page form = get("/feedback?village=" + village);
        if (form.status() != 200) {
            throw new AssertionError("form not shown: " + form.status() + " " + form.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">").matcher(form.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    /** Posts the form with {@code fields} and an optional photo; {@code forwardedFor} null for none. */
    public Page post(Map<String, String> fields, byte[] photo, String photoName, String forwardedFor) {
        return postWithHeaders(fields, photo, photoName, forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
    }

    /** Posts the form with extra request {@code headers} (e.g. forged forwarding headers). */
    public Page postWithHeaders(Map<String, String> fields, byte[] photo, String photoName, Map<String, String> headers) {
        return postTo("/feedback", fields, photo, photoName, headers);
    }

    /** Posts the form to {@code path} (the form's action, e.g. {@code /feedback?lang=en}). */
    public Page postTo(String path, Map<String, String> fields, byte[] photo, String photoName, Map<String, String> headers) {
        String boundary = "----sanwu" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (photo != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\""
                    + photoName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(photo);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.apply(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** Form fields for a question: the hidden ones of a freshly shown form plus kind and text. */
    public Map<String, String> filled(String village, String kind, String text, String contact) {
        Map<String, String> fields = formFields(village);
        fields.put("kind", kind);
        fields.put("text", text);
        fields.put("contact", contact == null ? "" : contact);
        fields.put("website", "");
        return fields;
    }

    /** The ticket code from a 303 answer's Location ({@code /t/CODE?new=1}). */
    public static String codeFrom(Page redirect) {
        if (redirect.status() != 303) {
            throw new AssertionError("expected 303, got " + redirect.status() + ": " + redirect.body());
        }
        Matcher m = Pattern.compile("^/t/([0-9A-Z]{12})").matcher(redirect.header("Location"));
        if (!m.find()) {
            throw new AssertionError("no ticket code in " + redirect.header("Location"));
        }
        return m.group(1);
    }

    public Page send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(r.statusCode(), r.body(), r.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
