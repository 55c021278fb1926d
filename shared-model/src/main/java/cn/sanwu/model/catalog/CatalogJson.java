package cn.sanwu.model.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads catalog versions from their JSON form ({@code sanwu.catalog/1}) and ships the default one.
 * Every problem is reported as an {@link IllegalArgumentException} with a Chinese message naming
 * the item, so a county's own file can be fixed by whoever wrote it.
 */
public final class CatalogJson {

    public static final String SCHEMA = "sanwu.catalog/1";
    private static final String DEFAULT_RESOURCE = "/cn/sanwu/model/catalog/default-catalog.json";
    // A county's file with a repeated key or trailing garbage is a mistake to report, not to guess.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CatalogJson() {
    }

    /** The catalog shipped with Sanwu, built from the composite draft in the project's domain notes. */
    public static Catalog defaultCatalog() {
        try (InputStream in = CatalogJson.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default catalog resource missing: " + DEFAULT_RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalog version from its JSON text, e.g. one a county published. */
    public static Catalog read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("目录文件为空");
        }
        try {
            return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("目录文件不是有效的JSON：" + e.getMessage(), e);
        }
    }

    public static Catalog read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("目录文件不是有效的JSON：" + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("目录文件不是有效的JSON对象");
        }
        if (!SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("目录文件格式不受支持：“" + root.path("schema").asText() + "”，应为 " + SCHEMA);
        }
        String version = requireText(root, "version", "目录");
        LocalDate effectiveFrom;
        try {
            effectiveFrom = LocalDate.parse(requireText(root, "effectiveFrom", "目录"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("目录生效日期格式错误，应为 yyyy-MM-dd");
        }
        Map<Frequency, Integer> grace = new EnumMap<>(Frequency.class);
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("deadlineGraceDays").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            Frequency f = parseEnum(Frequency.class, e.getKey(), "公开期限", "目录");
            if (!e.getValue().isInt() || e.getValue().asInt() < 0) {
                throw new IllegalArgumentException("目录的公开期限“" + e.getKey() + "”应为不小于0的整数天数");
            }
            grace.put(f, e.getValue().asInt());
        }
        List<CatalogItem> items = new ArrayList<>();
        JsonNode array = root.path("items");
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("目录中没有任何事项");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            if (!n.isObject()) {
                throw new IllegalArgumentException("第" + (i + 1) + "个事项不是JSON对象");
            }
            String code = requireText(n, "code", "第" + (i + 1) + "个事项");
            String where = "事项 " + code;
            items.add(new CatalogItem(
                    code,
                    parseEnum(Category.class, requireText(n, "category", where), "类别", where),
                    requireText(n, "nameZh", where),
                    n.path("nameEn").asText(""),
                    parseEnum(Timing.class, requireText(n, "timing", where), "公开时限", where),
                    parseEnum(Frequency.class, requireText(n, "frequency", where), "公开频次", where),
                    parseEnum(AppliesTo.class, requireText(n, "appliesTo", where), "适用范围", where),
                    n.hasNonNull("contentKind")
                            ? parseEnum(ContentKind.class, n.get("contentKind").asText(), "内容类型", where)
                            : ContentKind.TEXT,
                    n.path("inferred").asBoolean(false),
                    n.path("source").asText(""),
                    n.path("note").asText("")));
        }
        return new Catalog(version, root.path("issuer").asText(""), effectiveFrom, grace, items);
    }

    private static String requireText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "缺少字段“" + field + "”");
        }
        return v.asText().strip();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String label, String where) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "的" + label + "“" + value + "”无法识别");
        }
    }
}
