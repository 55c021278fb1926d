package cn.sanwu.model.catalog;

import cn.sanwu.model.region.RegionLevel;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of the list of required disclosure items. A county may publish its own version;
 * the newest one replaces the default (see {@link CatalogJson}). Immutable, thread-safe.
 *
 * @param graceDays days after a period's last day until its disclosure is overdue, per frequency
 */
public record Catalog(String version, String issuer, LocalDate effectiveFrom, Map<Frequency, Integer> graceDays,
        List<CatalogItem> items) {

    public Catalog {
        Objects.requireNonNull(version, "version");
        issuer = issuer == null ? "" : issuer;
        items = List.copyOf(items);
        // Map.copyOf directly: new EnumMap<>(map) throws for an empty map that is not an EnumMap.
        graceDays = Map.copyOf(graceDays);
        Map<String, CatalogItem> seen = new LinkedHashMap<>();
        for (CatalogItem item : items) {
            if (seen.putIfAbsent(item.code(), item) != null) {
                throw new IllegalArgumentException("目录中事项编码重复：" + item.code());
            }
        }
    }

    public Optional<CatalogItem> find(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public List<CatalogItem> itemsFor(RegionLevel level) {
        return items.stream().filter(i -> i.appliesTo().appliesTo(level)).toList();
    }

    public List<CatalogItem> itemsFor(RegionLevel level, Category category) {
        return itemsFor(level).stream().filter(i -> i.category() == category).toList();
    }

    public int graceDaysFor(Frequency frequency) {
        return graceDays.getOrDefault(frequency, 15);
    }
}
