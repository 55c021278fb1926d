package cn.sanwu.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.sanwu.model.region.RegionLevel;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final String ITEM = """
            {"code":"%s","category":"FINANCE","nameZh":"%s","timing":"PERIODIC","frequency":"%s","appliesTo":"BOTH"}""";

    private static String catalogJson(String version, String... items) {
        return """
                {"schema":"sanwu.catalog/1","version":"%s","issuer":"某县农业农村局","effectiveFrom":"2027-01-01",
                 "deadlineGraceDays":{"MONTHLY":5,"QUARTERLY":15},"items":[%s]}""".formatted(version, String.join(",", items));
    }

    @Test
    void defaultCatalogLoads() {
        Catalog c = CatalogJson.defaultCatalog();
        assertThat(c.items()).hasSize(55);
        Set<String> codes = new HashSet<>();
        c.items().forEach(i -> assertThat(codes.add(i.code())).as(i.code()).isTrue());
        assertThat(c.items()).extracting(CatalogItem::category).containsAll(List.of(Category.values()));
        long villageOnly = c.items().stream().filter(i -> i.appliesTo() == AppliesTo.VILLAGE).count();
        long communityOnly = c.items().stream().filter(i -> i.appliesTo() == AppliesTo.COMMUNITY).count();
        long both = c.items().stream().filter(i -> i.appliesTo() == AppliesTo.BOTH).count();
        assertThat(c.itemsFor(RegionLevel.VILLAGE)).hasSize((int) (villageOnly + both));
        assertThat(c.itemsFor(RegionLevel.COMMUNITY)).hasSize((int) (communityOnly + both));
        assertThat(c.itemsFor(RegionLevel.TOWNSHIP)).isEmpty();
        assertThat(c.itemsFor(RegionLevel.VILLAGE, Category.FINANCE)).allSatisfy(i -> assertThat(i.category()).isEqualTo(Category.FINANCE));
        assertThat(c.graceDaysFor(Frequency.MONTHLY)).isEqualTo(10);
        assertThat(c.find("P01")).isPresent();
        assertThat(c.find("NOPE")).isEmpty();
    }

    @Test
    void newerVersionReplacesItems() {
        Catalog newer = CatalogJson.read(catalogJson("2027.1", ITEM.formatted("F02", "财务收支明细（新）", "monthly"),
                ITEM.formatted("X01", "县级新增事项", "QUARTERLY")));
        assertThat(newer.version()).isEqualTo("2027.1");
        assertThat(newer.effectiveFrom()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(newer.items()).extracting(CatalogItem::code).containsExactly("F02", "X01");
        assertThat(newer.find("F02").orElseThrow().nameZh()).isEqualTo("财务收支明细（新）");
        assertThat(newer.find("F02").orElseThrow().frequency()).isEqualTo(Frequency.MONTHLY);
        assertThat(newer.find("P01")).isEmpty();
        assertThat(newer.graceDaysFor(Frequency.QUARTERLY)).isEqualTo(15);
        assertThat(newer.graceDaysFor(Frequency.YEARLY)).as("default when not stated").isEqualTo(15);
    }

    @Test
    void badCatalogsNameTheProblem() {
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY")).replace("sanwu.catalog/1", "sanwu.catalog/9"), "格式不受支持");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY"), ITEM.formatted("A1", "乙", "MONTHLY")), "重复", "A1");
        assertBad(catalogJson("1", ITEM.formatted("A7", "甲", "WEEKLY")), "事项 A7", "公开频次", "WEEKLY");
        assertBad(catalogJson("1", ITEM.formatted("A8", "甲", "MONTHLY").replace("\"timing\":\"PERIODIC\",", "")), "事项 A8", "timing");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY"), ITEM.formatted("A2", "乙", "MONTHLY").replace("\"code\":\"A2\",", "")),
                "第2个事项", "code");
        assertBad(catalogJson("1"), "没有任何事项");
        assertBad(catalogJson("1", "\"A1\""), "第1个事项");
        assertBad("{not json", "JSON");
        assertBad("", "JSON");
        assertBad("[]", "JSON");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY")) + " trailing", "JSON");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY")).replace("\"MONTHLY\":5", "\"MONTHLY\":\"abc\""), "公开期限");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY")).replace("\"MONTHLY\":5", "\"MONTHLY\":-1"), "公开期限");
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY")).replace("2027-01-01", "2027-13-01"), "生效日期");
        // A repeated key is a mistake in the file, not something to resolve by "last one wins".
        assertBad(catalogJson("1", ITEM.formatted("A1", "甲", "MONTHLY").replace("\"nameZh\"", "\"code\":\"A9\",\"nameZh\"")), "JSON");
        assertBad(null, "为空");
    }

    private static void assertBad(String json, String... keywords) {
        assertThatThrownBy(() -> CatalogJson.read(json)).as(json).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(keywords));
    }

    @Test
    void catalogBuiltInCodeAcceptsEmptyGraceMap() {
        // new EnumMap<>(Map.of()) throws; the first version failed here with an English message.
        Catalog c = new Catalog("t", null, LocalDate.of(2026, 1, 1), Map.of(), List.of());
        assertThat(c.graceDaysFor(Frequency.MONTHLY)).isEqualTo(15);
        assertThat(c.issuer()).isEmpty();
    }
}
