package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.app.MainAccess;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanwu export-bundle} and {@code sanwu import-bundle} as a clerk and township staff type them. */
class BundleCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return MainAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFullRoundThroughTheCommandLine() throws Exception {
        try (SyncServer server = SyncServer.create(ServerConfig.local(dir.resolve("server"), 0), Clock.systemUTC()).start()) {
            String url = "http://127.0.0.1:" + server.port();
            String village = dir.resolve("village").toString();
            String township = dir.resolve("township").toString();
            assertThat(run("--headless", "--demo", "--data-dir", village)).isZero();
            assertThat(run("enroll", "--server", url, "--code", server.devices().issueCode(DemoData.TOWNSHIP),
                    "--device-name", "乡镇三务办", "--data-dir", township)).as(said()).isZero();

            String stick = dir.resolve("U盘/红旗村.sanwu").toString();
            String reply = dir.resolve("U盘/红旗村-回复.sanwu").toString();
            assertThat(run("export-bundle", stick, "--data-dir", village)).isEqualTo(4);
            assertThat(said()).contains("NOT_ENROLLED").contains("--code");
            assertThat(run("export-bundle", stick, "--code", server.devices().issueCode(DemoData.VILLAGE), "--device-name",
                    "山村电脑", "--data-dir", village)).as(said()).isZero();
            assertThat(said()).contains("已导出同步文件").contains("5 项修改").contains("申请登记本机");

            assertThat(run("import-bundle", stick, "--data-dir", village)).isEqualTo(4);
            assertThat(said()).contains("WRONG_KIND").contains("应拿到乡镇导入");
            assertThat(run("import-bundle", stick, "--reply", reply, "--data-dir", township)).as(said()).isZero();
            assertThat(said()).contains("已导入村 " + DemoData.VILLAGE).contains("回复文件已写到");

            assertThat(run("import-bundle", reply, "--data-dir", village)).as(said()).isZero();
            assertThat(said()).contains("5 项修改得到答复").contains("本机已完成登记");
            assertThat(run("import-bundle", reply, "--data-dir", village)).isZero();
            assertThat(said()).contains("已经在").contains("导入过，这次没有做任何修改");

            assertThat(run("import-bundle", "--data-dir", village)).isEqualTo(2);
            assertThat(run("export-bundle", stick, "--reply", reply, "--data-dir", village)).isEqualTo(2);
            Files.writeString(dir.resolve("note.txt"), "hello");
            assertThat(run("import-bundle", dir.resolve("note.txt").toString(), "--data-dir", village)).isEqualTo(4);
            assertThat(said()).contains("不是三务同步文件").doesNotContain("Exception");

            server.close();
            String next = dir.resolve("U盘/第二次.sanwu").toString();
            assertThat(run("export-bundle", next, "--data-dir", village)).isZero();
            assertThat(run("import-bundle", next, "--reply", reply + "2", "--data-dir", township)).isEqualTo(5);
            assertThat(said()).contains("无法连接同步服务器");
        }
        try (AppContext ctx = new AppContext(dir.resolve("village"), Clock.systemUTC())) {
            assertThat(ctx.sync().status().waiting()).isZero();
        }
    }
}
