package cn.sanwu.client.village;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.model.region.RegionTree;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which village this PC keeps (first-run choice) and the region tree it knows. Thread-safe via {@link Database}. */
public final class VillageService {

    private final Database db;

    public VillageService(Database db) {
        this.db = db;
    }

    public Optional<VillageProfile> profile() {
        return db.read(c -> {
            Optional<String> code = SettingsRepository.get(c, "village.code");
            if (code.isEmpty()) {
                return Optional.<VillageProfile>empty();
            }
            return Optional.of(new VillageProfile(code.get(), SettingsRepository.get(c, "village.name").orElse(""),
                    RegionLevel.valueOf(SettingsRepository.get(c, "village.level").orElse("VILLAGE")),
                    SettingsRepository.get(c, "village.township").orElse(""),
                    SettingsRepository.get(c, "village.county").orElse(""),
                    SettingsRepository.get(c, "village.city").orElse(""),
                    SettingsRepository.get(c, "village.supervisionPhone").orElse("")));
        });
    }

    /** Stores the choice. Validates the code and names; nothing is written when they are bad. */
    public VillageProfile choose(VillageProfile p) {
        if (!Region.isValidCode(p.code())) {
            throw new StoreException("行政区划代码必须是12位数字。");
        }
        if (p.name() == null || p.name().isBlank()) {
            throw new StoreException("请填写村（社区）名称。");
        }
        if (!p.level().isDisclosingUnit()) {
            throw new StoreException("请选择一个村或社区。");
        }
        db.inTransaction(c -> {
            SettingsRepository.put(c, "village.code", p.code());
            SettingsRepository.put(c, "village.name", p.name().strip());
            SettingsRepository.put(c, "village.level", p.level().name());
            SettingsRepository.put(c, "village.township", nz(p.townshipName()));
            SettingsRepository.put(c, "village.county", nz(p.countyName()));
            SettingsRepository.put(c, "village.city", nz(p.cityName()));
            SettingsRepository.put(c, "village.supervisionPhone", nz(p.supervisionPhone()));
            return null;
        });
        db.forceToDisk();
        return p;
    }

    public void saveRegions(List<Region> regions) {
        RegionTree.of(regions); // validates the whole tree before anything is written
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO region(code, name, level, parent_code) KEY(code) VALUES (?, ?, ?, ?)")) {
                for (Region r : regions) {
                    ps.setString(1, r.code());
                    ps.setString(2, r.name());
                    ps.setString(3, r.level().name());
                    ps.setString(4, r.parentCode());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        db.forceToDisk();
    }

    public RegionTree regions() {
        List<Region> all = db.read(c -> {
            List<Region> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, name, level, parent_code FROM region ORDER BY code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Region(rs.getString(1), rs.getString(2), RegionLevel.valueOf(rs.getString(3)), rs.getString(4)));
                }
            }
            return out;
        });
        return RegionTree.of(all);
    }

    /** Builds a profile for a village of the known tree, filling township/county/city names from it. */
    public static VillageProfile profileFor(RegionTree tree, Region village, String supervisionPhone) {
        String township = "";
        String county = "";
        String city = "";
        for (Region r : tree.pathTo(village.code())) {
            switch (r.level()) {
                case TOWNSHIP -> township = r.name();
                case COUNTY -> county = r.name();
                case CITY -> city = r.name();
                default -> { }
            }
        }
        return new VillageProfile(village.code(), village.name(), village.level(), township, county, city, supervisionPhone);
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
