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
}
