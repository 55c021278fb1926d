package cn.sanwu.client.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.MainAccess;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.period.Period;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 导出诊断信息: the zip has versions, the self-test, counts and logs — and none of the personal
 * data seeded into notices and into a log line (ID number, mobile number), nor notice text.
 */
class DiagnosticsTest {

    // A valid resident ID (check character X) and a mobile number: the scanner recognises both.
    private static final String ID = "11010519491231002X";
    private static final String MOBILE = "13912345678";
    private static final String BODY = "张三 身份证 " + ID + " 电话 " + MOBILE + " 领取补贴";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MainAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void seed(Path data) {
        try (AppContext ctx = new AppContext(data, TestStores.CLOCK)) {
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            ctx.notices().save(ctx.notices().newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3), "补贴发放 " + MOBILE, BODY));
        }
    }

    private static Map<String, String> entries(Path zip) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                all.put(e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    @Test
    void exportHoldsVersionsSelfTestCountsAndLogsButNoPersonalData() throws Exception {
        Path data = dir.resolve("data");
        seed(data);
        // A log line that carries personal data, as a careless message might.
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("sanwu-1.log"), "2026-11-28T02:00:00Z WARNING x: import failed for " + ID + " / " + MOBILE + "\n");
        assertThat(PersonalDataScanner.scan(Files.readString(logs.resolve("sanwu-1.log"))))
                .as("the check below is not vacuous: the raw log holds findable personal data").hasSize(2);

        Path zip = dir.resolve("diag.zip");
        assertThat(run("export-diagnostics", "--out", zip.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("已导出诊断信息");

        Map<String, String> files = entries(zip);
        assertThat(files).containsKeys("README.txt", "versions.txt", "self-test.txt", "database.txt", "logs/sanwu-0.log", "logs/sanwu-1.log");
        assertThat(files.get("versions.txt")).contains("app.version=" + AppVersion.get()).contains("java.version=25");
        assertThat(AppVersion.get()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(files.get("self-test.txt")).contains("数据完整性").contains("1 份公告内容校验一致").endsWith("OK\n");
        assertThat(files.get("database.txt")).contains("V1__initial.sql").contains("notice\t1").contains("PENDING\t1");
        assertThat(files.get("logs/sanwu-1.log")).contains(Diagnostics.REDACTED);
        assertThat(files.get("logs/sanwu-0.log")).contains("export-diagnostics");
        for (Map.Entry<String, String> f : files.entrySet()) {
            assertThat(f.getValue()).as(f.getKey()).doesNotContain(ID).doesNotContain(MOBILE).doesNotContain("张三").doesNotContain("领取补贴");
            assertThat(PersonalDataScanner.scan(f.getValue())).as(f.getKey()).isEmpty();
            String home = System.getProperty("user.home");
            if (home.length() > 1) {
                assertThat(f.getValue()).as(f.getKey()).doesNotContain(home + "/");
            }
        }
    }

    @Test
    void scrubReplacesEachFindingAndKeepsTheRest() {
        assertThat(Diagnostics.scrub("a " + ID + " b " + MOBILE + " c 2026-11-28 金额 1234.50"))
                .isEqualTo("a " + Diagnostics.REDACTED + " b " + Diagnostics.REDACTED + " c 2026-11-28 金额 1234.50");
    }

    @Test
    void unwritableTargetGivesAClearMessage() throws Exception {
        Path data = dir.resolve("data");
        seed(data);
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThat(run("export-diagnostics", "--out", blocker.resolve("sub/diag.zip").toString(), "--data-dir", data.toString()))
                .isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("无法写入诊断文件").doesNotContain("Exception\n\tat");
    }

    @Test
    void selfTestOnAFreshDataDirectoryPassesAndReportsTheRuntime() {
        Path data = dir.resolve("fresh");
        assertThat(run("--self-test", "--data-dir", data.toString())).isZero();
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("[OK]   GB18030 编码").contains("[OK]   中文区域数据").contains("[OK]   内置字体")
                .contains("结构版本").contains("0 份公告内容校验一致").endsWith("OK\n");
    }

    @Test
    void selfTestOnAStoreFromANewerVersionFailsWithTheReason() throws Exception {
        Path data = dir.resolve("newer");
        seed(data);
        try (var db = TestStores.open(data)) {
            db.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO schema_version(version, script) VALUES (99, 'V99__future.sql')");
                }
                return null;
            });
        }
        assertThat(run("--self-test", "--data-dir", data.toString())).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[FAIL] 数据库：此数据库由更新版本的三务创建").endsWith("FAILED\n");
    }
}
