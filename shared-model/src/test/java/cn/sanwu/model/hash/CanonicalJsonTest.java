package cn.sanwu.model.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sha256KnownVector() {
        // FIPS 180-2 example "abc".
        assertThat(HexFormat.of().formatHex(Sha256.INSTANCE.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /**
     * Expected text and hash computed independently with Python 3.11 (keys here are all BMP, so
     * Python's code-point sort agrees with the UTF-16 sort of RFC 8785):
     * <pre>
     * python3 -c 'import json,hashlib,unicodedata as u
     * o={"a":[1,-2,True,False,None],"b":u.normalize("NFC","e\u0301\n\"\\\u0001\t"),"\u00e9":"x","n":9007199254740993}
     * t=json.dumps(o,sort_keys=True,separators=(",",":"),ensure_ascii=False);print(t)
     * print(hashlib.sha256(t.encode()).hexdigest())'
     * </pre>
     */
    @Test
    void knownAnswerMatchesPython() {
        Map<String, Object> in = new HashMap<>();
        in.put("b", "e\u0301\n\"\\\u0001\t"); // NFD é: must come out as NFC
        in.put("z", null);                    // null members are omitted
        in.put("n", 9_007_199_254_740_993L);  // beyond double precision: kept exact
        in.put("\u00e9", "x");
        in.put("a", Arrays.asList(1, -2L, true, false, null));
        String expected = "{\"a\":[1,-2,true,false,null],\"b\":\"\u00e9\\n\\\"\\\\\\u0001\\t\",\"n\":9007199254740993,\"\u00e9\":\"x\"}";
        assertThat(CanonicalJson.toText(in)).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Sha256.INSTANCE.digest(CanonicalJson.toBytes(in))))
                .isEqualTo("9fdd12b24e758523f0f01c9e340e7c9f4e5a74a0310259e2feb2d015f1f7a097");
    }

    @Test
    void keysSortByUtf16CodeUnitsAsRfc8785() {
        // U+FF61 vs U+1F600: by code point FF61 comes first (Python's order); by UTF-16 code unit
        // the surrogate D83D comes first (RFC 8785's order). We follow RFC 8785.
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("\uFF61", 1);
        in.put("\uD83D\uDE00", 2);
        in.put("a", 3);
        assertThat(CanonicalJson.toText(in)).isEqualTo("{\"a\":3,\"\uD83D\uDE00\":2,\"\uFF61\":1}");
    }

    @Test
    void rejectsFloatingPointAndOtherTypes() {
        assertThatThrownBy(() -> CanonicalJson.toBytes(Map.of("amount", 12.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.toBytes(List.of(1.0f))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.toBytes(new java.math.BigDecimal("1.00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.toBytes(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysThatCollideAfterNfcAreRejected() {
        Map<String, Object> in = new HashMap<>();
        in.put("\u00e9", 1);
        in.put("e\u0301", 2);
        assertThatThrownBy(() -> CanonicalJson.toBytes(in)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loneSurrogatesStayDistinct() {
        // UTF-8 encoding would map both to '?', so without escaping they would hash alike.
        String a = CanonicalJson.toText(List.of("x\uD800"));
        String b = CanonicalJson.toText(List.of("x\uDBFF"));
        assertThat(a).isEqualTo("[\"x\\ud800\"]");
        assertThat(a).isNotEqualTo(b);
        assertThat(CanonicalJson.toText(List.of("\uDE00\uD83D"))).isEqualTo("[\"\\ude00\\ud83d\"]");
        assertThat(CanonicalJson.toText(List.of("\uD83D\uDE00"))).isEqualTo("[\"\uD83D\uDE00\"]");
    }

    @Test
    void emptyContainersAndNesting() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("b", new ArrayList<>());
        in.put("a", Map.of());
        in.put("c", List.of(Map.of("y", 1, "x", 2)));
        assertThat(CanonicalJson.toText(in)).isEqualTo("{\"a\":{},\"b\":[],\"c\":[{\"x\":2,\"y\":1}]}");
    }

    @Test
    void contentHashTextForm() {
        ContentHash h = ContentHash.of(Sha256.INSTANCE, Sha256.INSTANCE.digest(new byte[0]));
        assertThat(h.toString()).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ContentHash.parse(" " + h + " ")).isEqualTo(h);
        assertThatThrownBy(() -> ContentHash.parse("sha256:XYZ")).hasMessageContaining("内容指纹格式错误");
        assertThatThrownBy(() -> ContentHash.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
