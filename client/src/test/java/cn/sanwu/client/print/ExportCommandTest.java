package cn.sanwu.client.print;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.model.notice.NoticeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless exports, end to end through {@code Main}: a data directory on disk, files out. */
class ExportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return cn.sanwu.client.app.MainAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<NoticeSummary> demoNotices(Path data) {
        try (AppContext ctx = new AppContext(data, Clock.systemUTC())) {
            DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
            return ctx.notices().search(NoticeQuery.all(DemoData.VILLAGE));
        }
    }

    @Test
    void exportsOneNoticeAsPdfAndPngAndAPeriodAsOneBatch() throws Exception {
        Path data = dir.resolve("data");
        List<NoticeSummary> notices = demoNotices(data);
        NoticeSummary ledger = notices.stream().filter(s -> s.itemCode().equals("F02")).findFirst().orElseThrow();

        Path pdf = dir.resolve("out/ledger.pdf");
        assertThat(run("export-pdf", ledger.id().toString(), "--out", pdf.toString(), "--paper", "a4-landscape",
                "--base-url", "https://gk.example.gov.cn", "--data-dir", data.toString())).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("已导出").contains("页");
        List<String> text = SheetFixtures.pageTexts(Files.readAllBytes(pdf));
        assertThat(String.join("", text)).contains(ledger.title()).contains("监督电话");

        Path pngDir = dir.resolve("out/png");
        assertThat(run("export-png", ledger.id().toString(), "--out", pngDir.toString(), "--data-dir", data.toString())).isZero();
        var image = ImageIO.read(pngDir.resolve("page-01.png").toFile());
        assertThat(image.getWidth()).isEqualTo(SheetExports.PHONE_WIDTH_PX);

        Path batch = dir.resolve("out/batch.pdf");
        String period = ledger.periodCode().substring(0, 4);
        assertThat(run("export-batch", period, "--out", batch.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        String batchText = String.join("", SheetFixtures.pageTexts(Files.readAllBytes(batch)));
        long printable = notices.stream().filter(s -> s.status() != NoticeStatus.NOT_DISCLOSED_FILED
                && s.periodCode().startsWith(period)).count();
        assertThat(printable).isGreaterThan(1);
        for (NoticeSummary s : notices) {
            if (s.status() != NoticeStatus.NOT_DISCLOSED_FILED && s.periodCode().startsWith(period)) {
                assertThat(batchText).as("batch holds " + s.title()).contains(s.title());
            }
        }
    }

    @Test
    void badArgumentsAreRefusedClearlyAndWriteNothing() throws Exception {
        Path data = dir.resolve("data");
        demoNotices(data);
        Path target = dir.resolve("out.pdf");
        assertThat(run("export-pdf", "not-an-id", "--out", target.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("公告编号格式错误");
        assertThat(run("export-pdf", "01a22000-0000-7000-8000-000000000009", "--out", target.toString(), "--data-dir",
                data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("找不到编号");
        assertThat(run("export-pdf", "01a22000-0000-7000-8000-000000000009", "--out", target.toString(), "--paper", "b5",
                "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("不认识的纸张");
        assertThat(run("export-batch", "2026-13", "--out", target.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(run("export-batch", "1999-Q1", "--out", target.toString(), "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("没有可打印的公告");
        assertThat(run("export-pdf", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("需要公告编号和 --out");
        assertThat(target).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sanwu-export-"));
        }
    }

    /** Stores a draft F03 notice with the given tables (and journal) and returns its id. */
    private String store(Path data, cn.sanwu.model.finance.CashJournal journal, cn.sanwu.model.notice.NoticeTable... tables) {
        try (AppContext ctx = new AppContext(data, Clock.systemUTC())) {
            DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
            var item = ctx.catalog().find(journal == null ? "F03" : "F02").orElseThrow();
            var draft = ctx.notices().newDraft(DemoData.VILLAGE, item, cn.sanwu.model.period.Period.parse(journal == null ? "2026-Q3" : "2026-07"), "测试公告", "");
            var content = draft.content();
            var saved = ctx.notices().save(draft.withContent(new cn.sanwu.model.notice.NoticeContent(content.villageCode(),
                    content.itemCode(), content.period(), content.title(), content.body(), List.of(tables), journal, null)));
            return saved.id().toString();
        }
    }

    private static cn.sanwu.model.notice.NoticeTable table(String money) {
        return new cn.sanwu.model.notice.NoticeTable("支出", List.of(
                new cn.sanwu.model.notice.TableColumn("项目", cn.sanwu.model.notice.ColumnType.TEXT),
                new cn.sanwu.model.notice.TableColumn("金额", cn.sanwu.model.notice.ColumnType.MONEY_FEN)),
                List.of(List.of("办公用品", "100"), List.of("电费", money)));
    }

    @Test
    void contentThatCannotBePrintedIsNamedWithoutAStackTrace() throws Exception {
        Path data = dir.resolve("data");
        Path target = dir.resolve("out.pdf");
        String badMoney = store(data, null, table("13912345678元"));
        assertThat(run("export-pdf", badMoney, "--out", target.toString(), "--data-dir", data.toString())).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).contains("第 2 行“金额”列的金额格式错误：“***元”").doesNotContain("13912345678")
                .doesNotContain("Exception").doesNotContain("\tat ");

        // The journal's totals overflow a long: an ArithmeticException deep in the model.
        var huge = new cn.sanwu.model.finance.CashJournal(cn.sanwu.model.finance.AccountingEntity.VILLAGE_COMMITTEE, 0, List.of(
                new cn.sanwu.model.finance.LedgerEntry(java.time.LocalDate.of(2026, 7, 1), "记-1", "收入", Long.MAX_VALUE / 2 + 1, 0),
                new cn.sanwu.model.finance.LedgerEntry(java.time.LocalDate.of(2026, 7, 2), "记-2", "收入", Long.MAX_VALUE / 2 + 1, 0)));
        String overflow = store(data, huge);
        assertThat(run("export-pdf", overflow, "--out", target.toString(), "--data-dir", data.toString())).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("金额超出可计算的范围").doesNotContain("\tat ");
        assertThat(target).doesNotExist();
    }

    @Test
    void pngExportLeavesNoPagesOfAnEarlierLongerExport() throws Exception {
        Path data = dir.resolve("data");
        List<List<String>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(List.of("第" + i + "项", "100"));
        }
        String longOne = store(data, null, new cn.sanwu.model.notice.NoticeTable("支出", table("1").columns(), many));
        String shortOne = store(data, null, table("200"));
        Path png = dir.resolve("png");
        assertThat(run("export-png", longOne, "--out", png.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        long before;
        try (var files = Files.list(png)) {
            before = files.count();
        }
        assertThat(before).isGreaterThan(2);
        assertThat(run("export-png", shortOne, "--out", png.toString(), "--data-dir", data.toString())).isZero();
        try (var files = Files.list(png)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("page-01.png");
        }
    }
}
