package cn.sanwu.model.hash;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content hash with its algorithm: text form {@code sha256:<64 lowercase hex>}. JSON carries the
 * text form too (one format on the QR, in log leaves and on every API route, ADR 0026), never an
 * object of algorithm and hex.
 */
public record ContentHash(String algorithm, String hex) {

    private static final Pattern FORM = Pattern.compile("([a-z0-9]+):([0-9a-f]{16,128})");

    public ContentHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
    }

    public static ContentHash of(HashAlgorithm algorithm, byte[] digest) {
        return new ContentHash(algorithm.name(), HexFormat.of().formatHex(digest));
    }

    @JsonCreator
    public static ContentHash parse(String text) {
        var m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("内容指纹格式错误：“" + text + "”");
        }
        return new ContentHash(m.group(1), m.group(2));
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
