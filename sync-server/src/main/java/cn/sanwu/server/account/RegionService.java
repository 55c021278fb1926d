package cn.sanwu.server.account;

import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The region tree in the server's store (shared-model {@link Region}s; a user's scope is one
 * node). Nodes are added top-down, each below an existing one of a higher level, the rule
 * {@code RegionTree} applies. Thread-safe; state is in the database.
 */
public final class RegionService {

    /** Longest parent chain walked (市 → 县 → 乡镇 → 村 is 4); guards against a corrupt cycle. */
    private static final int MAX_DEPTH = 8;

    private final Database db;
    private final Clock clock;

    public RegionService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds {@code region}; refused if the code exists or the parent is missing or not above it. */
    public void create(Region region) {
        db.inTransaction(c -> {
            if (find(c, region.code()).isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "REGION_EXISTS", "行政区划代码已存在：" + region.code());
            }
            if (region.parentCode() != null) {
                Region parent = find(c, region.parentCode()).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN,
                        "REGION_UNKNOWN", "上级行政区划 " + region.parentCode() + " 不存在，请先创建。"));
                if (parent.level().rank() >= region.level().rank()) {
                    throw new Refusal(Refusal.Kind.INVALID, "REGION_LEVEL", "“" + region.name() + "”（"
                            + region.level().nameZh() + "）不能隶属于“" + parent.name() + "”（" + parent.level().nameZh() + "）");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO region(code, name, region_level, parent_code, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, region.code());
                ps.setString(2, region.name());
                ps.setString(3, region.level().name());
                ps.setString(4, region.parentCode());
                ps.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Region> find(String code) {
        if (!Region.isValidCode(code)) {
            return Optional.empty();
        }
        return db.inTransaction(c -> find(c, code));
    }

    public List<Region> list() {
        return db.inTransaction(c -> {
            List<Region> regions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code, name, region_level, parent_code FROM region ORDER BY code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    regions.add(read(rs));
                }
            }
            return regions;
        });
    }

    /**
     * True when {@code code} is {@code scopeCode} or lies below it in the tree. A null scope is
     * the whole deployment (administrators).
     */
    public boolean isWithin(String code, String scopeCode) {
        if (scopeCode == null) {
            return true;
        }
        return db.inTransaction(c -> {
            Optional<Region> r = find(c, code);
            for (int depth = 0; r.isPresent() && depth < MAX_DEPTH; depth++) {
                if (r.get().code().equals(scopeCode)) {
                    return true;
                }
                r = r.get().parentCode() == null ? Optional.empty() : find(c, r.get().parentCode());
            }
            return false;
        });
    }

    /** A village or community that exists; refused otherwise. */
    public Region requireDisclosingUnit(String code) {
        Region region = find(code).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "VILLAGE_UNKNOWN",
                "没有这个村（社区）：" + code + "。"));
        if (!region.level().isDisclosingUnit()) {
            throw new Refusal(Refusal.Kind.INVALID, "NOT_A_VILLAGE", "“" + region.name() + "”不是村或社区。");
        }
        return region;
    }

    static Optional<Region> find(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, name, region_level, parent_code FROM region WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Region read(ResultSet rs) throws SQLException {
        return new Region(rs.getString(1), rs.getString(2), RegionLevel.valueOf(rs.getString(3)), rs.getString(4));
    }
}
