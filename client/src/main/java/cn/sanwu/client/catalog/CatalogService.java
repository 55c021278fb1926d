package cn.sanwu.client.catalog;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.catalog.Catalog;
import cn.sanwu.model.catalog.CatalogJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Which catalog version this PC uses. The default ships with the app; a county may publish its own
 * list as a JSON file ({@code sanwu.catalog/1}), which is checked completely, stored in the local
 * database and made active. Later the server will distribute versions. Thread-safe.
 */
public final class CatalogService {

    /** Catalog files are small (the default is ~40 KB); anything huge is not a catalog. */
    static final long MAX_FILE_BYTES = 5_000_000;

    private final Database db;
    private final Clock clock;
    private volatile Catalog active;

    public CatalogService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.active = loadActive().orElseGet(CatalogJson::defaultCatalog);
    }

    public Catalog active() {
        return active;
    }

    private Optional<Catalog> loadActive() {
        Optional<String> json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT json FROM catalog_version WHERE active ORDER BY installed_at DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CatalogJson.read(json.get()));
        } catch (IllegalArgumentException e) {
            throw new StoreException("本机保存的公开目录无法读取，请重新导入目录文件。", e);
        }
    }

    /**
     * Installs and activates the catalog in {@code file}. Refuses, changing nothing, a file that is
     * not a valid catalog, and a version that is already installed with different content.
     *
     * @return the installed catalog
     */
    public Catalog install(Path file) {
        String json;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new StoreException("目录文件过大（超过5 MB），不是公开目录文件。");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new StoreException("目录文件不是UTF-8编码的JSON文件。", e);
        } catch (IOException e) {
            throw new StoreException("无法读取目录文件：" + file, e);
        }
        Catalog catalog;
        try {
            catalog = CatalogJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("目录文件有误，未导入：" + e.getMessage(), e);
        }
        db.inTransaction(c -> {
            refuseIfNoticesWouldLoseTheirItem(c, catalog);
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM catalog_version WHERE version = ?")) {
                ps.setString(1, catalog.version());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(json)) {
                        throw new StoreException("目录版本“" + catalog.version() + "”已导入过，但内容不同。请确认文件，或使用新的版本号。");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_version SET active = FALSE")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO catalog_version(version, json, installed_at, active) KEY(version) VALUES (?, ?, ?, TRUE)")) {
                ps.setString(1, catalog.version());
                ps.setString(2, json);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
        db.forceToDisk();
        active = catalog;
        return catalog;
    }

    /**
     * A catalog that drops an item this PC already has notices for would leave those notices
     * impossible to open, save or print: such a catalog is refused, naming the items.
     */
    private static void refuseIfNoticesWouldLoseTheirItem(java.sql.Connection c, Catalog catalog) throws java.sql.SQLException {
        java.util.Map<String, Integer> missing = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT item_code, COUNT(*) FROM notice GROUP BY item_code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (catalog.find(rs.getString(1)).isEmpty()) {
                    missing.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder items = new StringBuilder();
            missing.forEach((code, count) -> items.append(items.isEmpty() ? "" : "、").append(code).append("（")
                    .append(count).append(" 份）"));
            throw new StoreException("新目录“" + catalog.version() + "”缺少本机已有公告使用的事项：" + items
                    + "。为免这些公告无法打开和打印，未导入；请向县里确认目录。");
        }
    }
}
