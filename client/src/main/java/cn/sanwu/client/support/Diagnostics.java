package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.print.SheetFiles;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.mask.PersonalDataScanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * 导出诊断信息: a zip for township support with versions, the self-test (database version and
 * integrity), counts of what the store holds and the log files — and no personal data: no notice
 * text or titles, no recipient rows, no tokens or keys; the home directory is written as "~", and
 * every text file is passed through {@link PersonalDataScanner} with each finding replaced, so
 * an ID number or phone number that reached a log line does not leave the PC.
 */
public final class Diagnostics {

    static final String REDACTED = "[已隐去]";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private Diagnostics() {
    }

    /** A file name like {@code sanwu-diagnostics-20261129-071500.zip} (China time). */
    public static String defaultFileName(Clock clock) {
        return "sanwu-diagnostics-" + STAMP.format(clock.instant().atZone(ZoneId.of("Asia/Shanghai"))) + ".zip";
    }

    /** Writes the zip to {@code target} (atomically: a half-written file never has the final name). */
    public static Path export(AppContext ctx, Path logDir, Path target) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.txt", readme());
        files.put("versions.txt", versions());
        files.put("self-test.txt", SelfTest.run(ctx).text());
        files.put("database.txt", database(ctx));
        if (logDir != null && Files.isDirectory(logDir)) {
            try (Stream<Path> logs = Files.list(logDir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().matches("sanwu-\\d+\\.log")).sorted().toList()) {
                    files.put("logs/" + log.getFileName(), Files.readString(log, StandardCharsets.UTF_8));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                files.put("logs/ERROR.txt", "日志读取失败：" + e.getMessage() + "\n");
            }
        } else {
            files.put("logs/NONE.txt", "没有日志文件（" + logDir + "）\n");
        }
        try {
            SheetFiles.writeAtomically(target, part -> {
                try (OutputStream out = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                    for (Map.Entry<String, String> f : files.entrySet()) {
                        zip.putNextEntry(new ZipEntry(f.getKey()));
                        zip.write(scrub(f.getValue()).getBytes(StandardCharsets.UTF_8));
                        zip.closeEntry();
                    }
                }
            });
            return target;
        } catch (IOException e) {
            throw new StoreException("无法写入诊断文件：" + target + "（" + e.getMessage() + "）", e);
        }
    }

    /** Replaces the home directory and every ID number, bank card and mobile number found. */
    static String scrub(String text) {
        String home = System.getProperty("user.home");
        String out = home != null && home.length() > 1 ? text.replace(home, "~") : text;
        List<PersonalDataScanner.Finding> findings = PersonalDataScanner.scan(out);
        if (findings.isEmpty()) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (PersonalDataScanner.Finding f : findings) {
            if (f.start() < at) {
                continue;
            }
            b.append(out, at, f.start()).append(REDACTED);
            at = f.end();
        }
        return b.append(out.substring(at)).toString();
    }

    private static String readme() {
        return """
                三务 诊断信息 / Sanwu diagnostics
                包含：版本、自检结果（数据库版本与完整性）、数据库各表的行数、备份文件列表、日志。
                不含：公告正文和标题、名单、身份证号、手机号、银行卡号、登录凭据。
                Contains versions, the self-test, row counts, backup list and logs; no notice text,
                no recipient lists, no ID/phone/card numbers, no credentials.
                """;
    }

    static String versions() {
        StringBuilder b = new StringBuilder();
        b.append("app.version=").append(AppVersion.get()).append('\n');
        b.append("java.version=").append(Runtime.version()).append('\n');
        b.append("java.vendor=").append(System.getProperty("java.vendor")).append('\n');
        b.append("java.home=").append(System.getProperty("java.home")).append('\n');
        b.append("os=").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        b.append("locale=").append(Locale.getDefault()).append('\n');
        b.append("timezone=").append(ZoneId.systemDefault()).append('\n');
        b.append("file.encoding=").append(System.getProperty("file.encoding")).append('\n');
        b.append("cpus=").append(Runtime.getRuntime().availableProcessors()).append('\n');
        b.append("max.heap.mb=").append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append('\n');
        b.append("jvm.args=").append(String.join(" ", jvmArguments())).append('\n');
        b.append("runtime.modules=").append(String.join(",", ModuleLayer.boot().modules().stream().map(Module::getName)
                .sorted().toList())).append('\n');
        return b.toString();
    }

    private static List<String> jvmArguments() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return List.of("(unavailable: " + e + ")");
        }
    }

    static String database(AppContext ctx) {
        StringBuilder b = new StringBuilder();
        Path dataDir = ctx.dataDir();
        try {
            b.append("data.dir=").append(dataDir.toAbsolutePath()).append('\n');
            Path file = Database.databaseFile(dataDir);
            b.append("database.file.bytes=").append(Files.size(file)).append('\n');
            b.append("disk.free.bytes=").append(Files.getFileStore(file).getUsableSpace()).append('\n');
        } catch (IOException e) {
            b.append("database.file=unreadable: ").append(e.getMessage()).append('\n');
        }
        try {
            ctx.database().read(c -> {
                try (Statement s = c.createStatement()) {
                    b.append("\n[schema_version]\n");
                    try (ResultSet rs = s.executeQuery("SELECT version, script, applied_at FROM schema_version ORDER BY version")) {
                        while (rs.next()) {
                            b.append(rs.getInt(1)).append('\t').append(rs.getString(2)).append('\t').append(rs.getString(3)).append('\n');
                        }
                    }
                    b.append("\n[rows per table]\n");
                    List<String> tables = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'PUBLIC' ORDER BY table_name")) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                    for (String table : tables) {
                        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                            rs.next();
                            b.append(table.toLowerCase(Locale.ROOT)).append('\t').append(rs.getLong(1)).append('\n');
                        }
                    }
                    b.append("\n[notices by status]\n");
                    grouped(s, "SELECT status, COUNT(*) FROM notice GROUP BY status ORDER BY status", b);
                    b.append("\n[outbox by state]\n");
                    grouped(s, "SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state", b);
                }
                return null;
            });
        } catch (StoreException e) {
            b.append("query failed: ").append(e.userMessage()).append('\n');
        }
        b.append("\n[backups]\n");
        try {
            for (Path backup : ctx.backups().list()) {
                b.append(backup.getFileName()).append('\t').append(Files.size(backup)).append('\n');
            }
        } catch (IOException | StoreException e) {
            b.append("unreadable: ").append(e.getMessage()).append('\n');
        }
        return b.toString();
    }

    private static void grouped(Statement s, String sql, StringBuilder b) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\t').append(rs.getLong(2)).append('\n');
            }
        }
    }
}
