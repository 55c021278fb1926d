package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import cn.sanwu.model.sync.bundle.BundleException;
import cn.sanwu.model.sync.bundle.BundleFile;
import cn.sanwu.server.bundle.BundleService;
import cn.sanwu.server.sync.SyncService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code admin issue-code --village CODE}, {@code admin list-devices}, {@code admin revoke-device ID},
 * {@code admin import-bundle FILE --reply OUT}:
 * run against the configured database directly, also while the server runs (H2 AUTO_SERVER or
 * PostgreSQL).
 */
final class AdminCommand {

    private AdminCommand() {
    }

    static int run(List<String> argv, ServerConfig config, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("admin needs a command: issue-code, list-devices, revoke-device, import-bundle");
        }
        String command = args.removeFirst();
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            DeviceService devices = new DeviceService(db, Clock.systemUTC());
            switch (command) {
                case "issue-code" -> {
                    String village = Main.option(args, "--village")
                            .orElseThrow(() -> new IllegalArgumentException("issue-code needs --village CODE (12 digits)"));
                    String code = devices.issueCode(village);
                    out.println(code);
                    err.println("one-time enrollment code for village " + village + ", valid "
                            + DeviceService.CODE_VALIDITY.toDays() + " days");
                }
                case "list-devices" -> {
                    out.println("id\tvillage\tname\tenrolled\trevoked");
                    for (Device d : devices.listDevices()) {
                        out.println(d.id() + "\t" + d.villageCode() + "\t" + d.name() + "\t" + d.enrolledAt() + "\t"
                                + (d.revokedAt() == null ? "-" : d.revokedAt()));
                    }
                }
                case "revoke-device" -> {
                    if (args.isEmpty()) {
                        throw new IllegalArgumentException("revoke-device needs a device id");
                    }
                    UUID id = UUID.fromString(args.getFirst());
                    if (!devices.revoke(id)) {
                        err.println("no active device " + id);
                        return 1;
                    }
                    out.println("revoked " + id);
                }
                case "import-bundle" -> {
                    return importBundle(args, config, db, devices, out, err);
                }
                default -> throw new IllegalArgumentException("unknown admin command: " + command);
            }
        }
        return 0;
    }

    /**
     * {@code admin import-bundle FILE --reply OUT}: for a township that runs the server itself.
     * Exit 0 imported (also a second time), 4 refused with the reason (nothing changed), 1 the reply
     * could not be written (the import stands; run it again for a new reply).
     */
    private static int importBundle(List<String> args, ServerConfig config, Database db, DeviceService devices,
            PrintStream out, PrintStream err) {
        Path reply = Main.option(args, "--reply").map(Path::of)
                .orElseThrow(() -> new IllegalArgumentException("import-bundle needs FILE --reply OUT"));
        if (args.size() != 1) {
            throw new IllegalArgumentException("import-bundle needs FILE --reply OUT");
        }
        Clock clock = Clock.systemUTC();
        BundleService bundles = SyncServer.bundleService(db, devices, new SyncService(db, clock, SyncService.DEFAULT_PAGE_BYTES),
                config, clock);
        BundleService.Imported imported;
        try {
            imported = bundles.importRequest(BundleFile.read(Path.of(args.getFirst()), config.maxBodyBytes()).bytes());
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
                .collect(java.util.stream.Collectors.groupingBy(r -> r.outcome(), java.util.stream.Collectors.counting()));
        return "已导入村 " + imported.request().villageCode() + " 设备 " + imported.request().deviceId() + " 的同步文件"
                + (imported.enrolled() ? "（本机已凭文件登记）" : "")
                + (imported.importCount() > 1 ? "（此文件第 " + imported.importCount() + " 次导入，重复内容不会再写入）" : "")
                + "：上传 " + imported.response().results().size() + " 项 " + outcomes + "，下发 "
                + imported.response().changes().size() + " 项" + (imported.response().hasMore() ? "（还有更多，下次继续）" : "")
                + "。";
    }
}
