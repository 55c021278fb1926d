package cn.sanwu.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A county publishes its own catalog: it replaces the default, survives restart, and bad files change nothing. */
class CatalogImportTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String county(String version, String extraItem) {
        return """
                {"schema":"sanwu.catalog/1","version":"%s","issuer":"示例县","effectiveFrom":"2027-01-01",
                 "deadlineGraceDays":{"MONTHLY":15},
                 "items":[
                  {"code":"F02","category":"FINANCE","nameZh":"财务收支明细","timing":"PERIODIC","frequency":"MONTHLY","appliesTo":"VILLAGE","contentKind":"CASH_JOURNAL"}
                  %s
                 ]}""".formatted(version, extraItem);
    }

    @Test
    void countyCatalogReplacesTheDefaultAndSurvivesRestart() throws Exception {
        Path file = dir.resolve("county.json");
        Files.writeString(file, county("示例县-2027", ",{\"code\":\"X01\",\"category\":\"PARTY\",\"nameZh\":\"县定党务事项\","
                + "\"timing\":\"PERIODIC\",\"frequency\":\"SEMIANNUAL\",\"appliesTo\":\"BOTH\"}"));
        Path data = dir.resolve("data");
        assertThat(run("import-catalog", file.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("示例县-2027").contains("2 项");
        try (AppContext ctx = new AppContext(data, Clock.systemUTC())) {
            assertThat(ctx.catalog().version()).isEqualTo("示例县-2027");
            assertThat(ctx.catalog().find("X01")).isPresent();
            assertThat(ctx.catalog().graceDaysFor(cn.sanwu.model.catalog.Frequency.MONTHLY)).isEqualTo(15);
        }
    }

    @Test
    void badCatalogIsRefusedWithAReasonAndTheOldOneStays() throws Exception {
        Path data = dir.resolve("data");
        Path good = dir.resolve("good.json");
        Files.writeString(good, county("v1", ""));
        assertThat(run("import-catalog", good.toString(), "--data-dir", data.toString())).isZero();

        Path duplicate = dir.resolve("dup.json");
        Files.writeString(duplicate, county("v2", ",{\"code\":\"F02\",\"category\":\"FINANCE\",\"nameZh\":\"重复\","
                + "\"timing\":\"PERIODIC\",\"frequency\":\"MONTHLY\",\"appliesTo\":\"VILLAGE\"}"));
        assertThat(run("import-catalog", duplicate.toString(), "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("目录文件有误").contains("F02");

        Path changedSameVersion = dir.resolve("same.json");
        Files.writeString(changedSameVersion, county("v1", ",{\"code\":\"X02\",\"category\":\"PARTY\",\"nameZh\":\"新增\","
                + "\"timing\":\"FIXED\",\"frequency\":\"STANDING\",\"appliesTo\":\"VILLAGE\"}"));
        assertThat(run("import-catalog", changedSameVersion.toString(), "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("已导入过，但内容不同");

        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "这不是JSON");
        assertThat(run("import-catalog", notJson.toString(), "--data-dir", data.toString())).isEqualTo(4);

        try (AppContext ctx = new AppContext(data, Clock.systemUTC())) {
            assertThat(ctx.catalog().version()).isEqualTo("v1");
            assertThat(ctx.catalog().items()).hasSize(1);
        }
    }

    @Test
    void withoutAnImportTheDefaultCatalogIsUsed() {
        try (AppContext ctx = new AppContext(dir.resolve("data"), Clock.systemUTC())) {
            assertThat(ctx.catalog().items()).hasSize(55);
        }
    }

    @Test
    void aCatalogDroppingAnItemThatHasNoticesHereIsRefused() throws Exception {
        Path data = dir.resolve("data");
        assertThat(run("--headless", "--demo", "--data-dir", data.toString())).isZero();
        Path onlyF02 = dir.resolve("only-f02.json");
        Files.writeString(onlyF02, county("v9", ""));
        assertThat(run("import-catalog", onlyF02.toString(), "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("缺少本机已有公告使用的事项").contains("份）")
                .contains("未导入");
        try (AppContext ctx = new AppContext(data, Clock.systemUTC())) {
            assertThat(ctx.catalog().version()).as("the old catalog stays").isNotEqualTo("v9");
        }
    }
}
