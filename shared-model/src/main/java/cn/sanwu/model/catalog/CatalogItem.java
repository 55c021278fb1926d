package cn.sanwu.model.catalog;

import java.util.Objects;

/**
 * One required disclosure item of a catalog version. Codes are stable across catalog versions so
 * notices keep pointing at the right item when a county publishes a newer list.
 */
public record CatalogItem(
        String code,
        Category category,
        String nameZh,
        String nameEn,
        Timing timing,
        Frequency frequency,
        AppliesTo appliesTo,
        ContentKind contentKind,
        boolean inferred,
        String source,
        String note) {

    public CatalogItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(appliesTo, "appliesTo");
        contentKind = contentKind == null ? ContentKind.TEXT : contentKind;
        nameEn = nameEn == null ? "" : nameEn;
        source = source == null ? "" : source;
        note = note == null ? "" : note;
    }
}
