package cn.sanwu.model.hash;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON serialisation for hashing (docs/canonical-hash.md): objects with keys sorted by
 * UTF-16 code units (as RFC 8785), no whitespace, strings NFC-normalised with minimal escaping,
 * integers only (money is fen), {@code null} members omitted. Accepts a tree of
 * {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Long}/{@code Integer},
 * {@code Boolean}; anything else, including floating point, is rejected. Strings are written as
 * their UTF-8 characters, escaping only quote, backslash and U+0000–U+001F (short escapes for
 * b, f, n, r, t; otherwise backslash-u and four lowercase hex digits), plus unpaired surrogates
 * in the same four-hex-digit form.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] toBytes(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String toText(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> writeString(s, out);
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Boolean b -> out.append(b.booleanValue());
            case Map<?, ?> map -> writeObject(map, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException(
                    "canonical JSON accepts maps, lists, strings, integers and booleans, not " + value.getClass());
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        // Keys are normalised before sorting so that two spellings of one key cannot both appear.
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("canonical JSON object keys must be strings");
            }
            if (e.getValue() == null) {
                continue;
            }
            String nfc = Normalizer.normalize(key, Normalizer.Form.NFC);
            if (sorted.put(nfc, e.getValue()) != null) {
                throw new IllegalArgumentException("duplicate key after NFC normalisation: " + nfc);
            }
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(e.getKey(), out);
            out.append(':');
            write(e.getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String raw, StringBuilder out) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !isPairedAt(s, i)) {
                        // A lone surrogate is not a character: encoding it as UTF-8 would turn every
                        // one into '?', so two different strings would hash alike. Escape it instead,
                        // which keeps the serialisation injective and never throws on user content.
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
