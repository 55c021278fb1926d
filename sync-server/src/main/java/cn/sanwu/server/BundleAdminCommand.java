package cn.sanwu.server;

import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.server.bundle.BundleService;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code admin import-bundle FILE --reply OUT}: a village's USB bundle imported straight into the
 * database, for a township that runs the server itself (ADR 0012).
 */
final class BundleAdminCommand {

    private BundleAdminCommand() {
    }

    /**
     * Exit 0 imported (also a second time), 4 refused with the reason (nothing changed), 1 the reply
     * could not be written (the import stands; run it again for a new reply).
     */
    static int importBundle(List<String> args, ServerConfig config, Database db, DeviceService devices, PrintStream out,
            PrintStream err) {
        Path reply = Main.option(args, "--reply").map(Path::of)
                .orElseThrow(() -> new IllegalArgumentException("import-bundle needs FILE --reply OUT"));
        if (args.size() != 1) {
            throw new IllegalArgumentException("import-bundle needs FILE --reply OUT");
        }
        Clock clock = Clock.systemUTC();
        BundleService bundles = SyncServer.bundleService(db, devices, new SyncService(db, clock, SyncService.DEFAULT_PAGE_BYTES,
                SyncServer.reviewService(db, clock, new cn.sanwu.server.account.RegionService(db, clock)).pushRules()),
                config, clock, SyncServer.transparencyLog(db, config, clock));
        BundleService.Imported imported;
        try {
            imported = bundles.importRequest(BundleFile.read(Path.of(args.getFirst()), config.maxBodyBytes()).bytes(),
                    village -> true);
        } catch (BundleException e) {
            err.println("未导入（" + e.reason() + "）：" + e.getMessage());
            return 4;
        }
        try {
            BundleFile.writeAtomically(reply, imported.reply());
        } catch (IOException e) {
            err.println("已导入，但回复文件写不进 " + reply + "（" + e.getMessage() + "）。请再导入一次以生成回复文件。");
            return 1;
        }
        out.println(summary(imported) + "回复文件：" + reply);
        return 0;
    }

    /** One Chinese line about an import: what went up, how it was answered, what came down. */
    static String summary(BundleService.Imported imported) {
        var outcomes = imported.response().results().stream()
                .collect(Collectors.groupingBy(r -> r.outcome(), Collectors.counting()));
        return "已导入村 " + imported.request().villageCode() + " 设备 " + imported.request().deviceId() + " 的同步文件"
                + (imported.enrolled() ? "（本机已凭文件登记）" : "")
                + (imported.importCount() > 1 ? "（此文件第 " + imported.importCount() + " 次导入，重复内容不会再写入）" : "")
                + "：上传 " + imported.response().results().size() + " 项 " + outcomes + "，下发 "
                + imported.response().changes().size() + " 项" + (imported.response().hasMore() ? "（还有更多，下次继续）" : "")
                + "。";
    }
}
