package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.sync.bundle.BundleException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * USB bundles from the command line (ADR 0012), for clerks, township staff and scheduled tasks:
 * <pre>
 * sanwu export-bundle 文件 [--code 登记码] [--device-name 名称]   village: write the next sync as a file
 * sanwu import-bundle 回复文件                                   village: apply the township's reply
 * sanwu import-bundle 文件 --reply 回复文件                       township: send a village's file, write the reply
 * </pre>
 * Exit codes as {@link SyncCommand}: 0 done, 2 bad arguments, 4 refused (reason printed, nothing
 * changed), 5 server unreachable (township; try later).
 */
public final class BundleCommand {

    public static final String USAGE = """
              sanwu export-bundle 文件 [--code 登记码] [--device-name 名称]  没有网络的村：把待上传的修改写成同步文件（首次加登记码）
              sanwu import-bundle 回复文件                          村里：导入乡镇带回的回复文件
              sanwu import-bundle 村里的文件 --reply 回复文件          乡镇：导入村里的同步文件，写出回复文件
            """;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private BundleCommand() {
    }

    public static boolean handles(String command) {
        return command.equals("export-bundle") || command.equals("import-bundle");
    }

    public static int run(AppContext ctx, List<String> args, PrintStream out, PrintStream err) {
        String command = args.getFirst();
        Path file = null;
        String code = null;
        String name = null;
        Path reply = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                if (file != null) {
                    return usage(err, "多余的参数：" + a);
                }
                file = Path.of(a);
                continue;
            }
            if (i + 1 >= args.size()) {
                return usage(err, a + " 需要一个值");
            }
            switch (a) {
                case "--code" -> code = args.get(++i);
                case "--device-name" -> name = args.get(++i);
                case "--reply" -> reply = Path.of(args.get(++i));
                default -> {
                    return usage(err, "未知选项：" + a);
                }
            }
        }
        if (file == null) {
            return usage(err, "需要文件名。");
        }
        boolean export = command.equals("export-bundle");
        if (export ? reply != null : code != null || name != null) {
            return usage(err, export ? "export-bundle 没有 --reply 选项。" : "import-bundle 没有 --code / --device-name 选项。");
        }
        try {
            if (export) {
                BundleService.Exported e = ctx.bundles().export(file, code, name);
                out.println("已导出同步文件 " + e.file() + "：" + e.mutations() + " 项修改" + (e.enrolling() ? "，并申请登记本机" : "")
                        + "。请带到乡镇导入，再把回复文件带回本机导入（sanwu import-bundle 回复文件）。");
            } else if (reply != null) {
                BundleService.Forwarded f = ctx.bundles().forward(file, reply);
                out.println("已导入村 " + f.request().villageCode() + "（设备 " + f.request().deviceId() + "）的同步文件，"
                        + "回复文件已写到 " + f.reply() + "。请拷回村里导入。");
            } else {
                BundleService.Imported i = ctx.bundles().importReply(file);
                if (i.alreadyImported()) {
                    out.println("这个回复文件已经在 " + TIME.format(i.answeredAt()) + " 导入过，这次没有做任何修改。");
                } else {
                    out.println("已导入回复文件：" + i.results() + " 项修改得到答复，收到 " + i.changes() + " 项更新"
                            + (i.enrolledNow() ? "，本机已完成登记" : "")
                            + (i.hasMore() ? "。乡镇还有更新未带回，请再导出一次同步文件" : "") + "。");
                    i.logProblem().ifPresent(err::println);
                }
            }
            return 0;
        } catch (BundleException e) {
            err.println("未完成（" + e.reason() + "）：" + e.getMessage());
            return 4;
        } catch (SyncTransport.Refused e) {
            err.println("服务器拒绝（" + e.code() + "）：" + e.getMessage());
            return 4;
        } catch (StoreException e) {
            err.println(e.userMessage());
            return 4;
        } catch (IOException e) {
            err.println((export ? "无法写入文件：" : "无法连接同步服务器或写入回复文件：") + e.getMessage() + "。未做任何修改，请稍后重试。");
            return 5;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem + " 用法：");
        err.print(USAGE);
        return 2;
    }
}
