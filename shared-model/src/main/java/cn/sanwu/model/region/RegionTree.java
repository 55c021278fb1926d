package cn.sanwu.model.region;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable tree of regions (市 → (县) → 乡镇/街道 → 村/社区). Built once from a list; rejects
 * duplicate codes, unknown parents and a child whose level is not below its parent's (a 社区
 * cannot sit under a 村, nor a 村 under a 社区).
 * Thread-safe (immutable).
 */
public final class RegionTree {

    private final Map<String, Region> byCode;
    private final Map<String, List<Region>> children;

    private RegionTree(Map<String, Region> byCode, Map<String, List<Region>> children) {
        this.byCode = byCode;
        this.children = children;
    }

    public static RegionTree of(Collection<Region> regions) {
        Map<String, Region> byCode = new LinkedHashMap<>();
        for (Region r : regions) {
            if (byCode.putIfAbsent(r.code(), r) != null) {
                throw new IllegalArgumentException("行政区划代码重复：" + r.code());
            }
        }
        Map<String, List<Region>> children = new LinkedHashMap<>();
        for (Region r : byCode.values()) {
            if (r.parentCode() == null) {
                continue;
            }
            Region parent = byCode.get(r.parentCode());
            if (parent == null) {
                throw new IllegalArgumentException("“" + r.name() + "”的上级区划 " + r.parentCode() + " 不存在");
            }
            if (parent.level().rank() >= r.level().rank()) {
                throw new IllegalArgumentException("“" + r.name() + "”（" + r.level().nameZh() + "）不能隶属于“"
                        + parent.name() + "”（" + parent.level().nameZh() + "）");
            }
            children.computeIfAbsent(parent.code(), k -> new ArrayList<>()).add(r);
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        return new RegionTree(Collections.unmodifiableMap(byCode), Collections.unmodifiableMap(children));
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public List<Region> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    public Collection<Region> all() {
        return byCode.values();
    }

    /** Regions from the root down to {@code code}, inclusive. */
    public List<Region> pathTo(String code) {
        List<Region> path = new ArrayList<>();
        Region r = byCode.get(code);
        while (r != null) {
            path.add(0, r);
            r = r.parentCode() == null ? null : byCode.get(r.parentCode());
        }
        return path;
    }

    /** True when {@code code} is {@code ancestorCode} or lies below it. */
    public boolean isWithin(String code, String ancestorCode) {
        return pathTo(code).stream().anyMatch(r -> r.code().equals(ancestorCode));
    }

    /** All villages and communities, in insertion order. */
    public List<Region> disclosingUnits() {
        return byCode.values().stream().filter(r -> r.level().isDisclosingUnit()).toList();
    }
}
