package cn.sanwu.model.qr;

import cn.sanwu.model.hash.ContentHash;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the QR code on an approved sheet says (docs/transparency-log.md "QR payload"):
 * {@code <base URL>/n/<notice id>?r=<revision>&h=<content hash>}, e.g.
 * {@code https://sanwu.example.cn/n/0190a6b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b?r=3&h=sha256:6db2…ebff}.
 * A phone opens the public page; a verifier reads the id, revision and full content hash from it
 * and checks them against the server's record and the log. Sheets printed before revisions were
 * added carry no {@code r}; {@link #revision()} is then null. Immutable.
 */
public record QrPayload(String baseUrl, UUID noticeId, Integer revision, ContentHash contentHash) {

    private static final Pattern PATH = Pattern.compile("(.*)/n/([0-9a-fA-F-]{36})");

    public QrPayload {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(contentHash, "contentHash");
        if (revision != null && revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more");
        }
        baseUrl = baseUrl.strip();
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (baseUrl.isEmpty()) {
            throw new IllegalArgumentException("the QR base URL is empty");
        }
    }

    /** The text encoded in the QR code. */
    public String text() {
        return baseUrl + "/n/" + noticeId + (revision == null ? "?" : "?r=" + revision + "&") + "h=" + contentHash;
    }

    /**
     * Reads a scanned QR text; {@link IllegalArgumentException} with the reason (in Chinese, shown
     * to the person scanning) when it is not a Sanwu sheet's code.
     */
    public static QrPayload parse(String text) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(text, "text").strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("二维码内容不是网址");
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawPath() == null) {
            throw new IllegalArgumentException("二维码内容不是三务公开网址");
        }
        Matcher m = PATH.matcher(uri.getRawPath());
        if (!m.matches()) {
            throw new IllegalArgumentException("二维码内容不是三务公告网址");
        }
        Integer revision = null;
        ContentHash hash = null;
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                switch (key) {
                    case "r" -> revision = Integer.valueOf(value);
                    case "h" -> hash = ContentHash.parse(value);
                    default -> {
                        // Unknown parameters (tracking, future fields) do not change what is verified.
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("二维码中的" + (key.equals("r") ? "版本号" : "内容指纹") + "格式不正确");
            }
        }
        if (hash == null) {
            throw new IllegalArgumentException("二维码中没有内容指纹");
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + m.group(1);
        return new QrPayload(base, UUID.fromString(m.group(2)), revision, hash);
    }
}
