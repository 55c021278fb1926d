package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Headless sync for township staff and scheduled tasks:
 * <pre>
 * sanwu enroll --server URL --code 登记码 [--device-name 名称]
 * sanwu sync
 * </pre>
 */
public final class SyncCommand {

    public static final String USAGE = """
              sanwu enroll --server 网址 --code 登记码 [--device-name 名称]   用乡镇发的一次性登记码登记本机
              sanwu sync                                            立即同步（上传待上传的修改，收取乡镇的决定）
            """;

    private SyncCommand() {
    }

    public static boolean handles(String command) {
        return command.equals("enroll") || command.equals("sync");
    }

    /** Exit codes: 0 done, 2 bad arguments, 4 refused by the server, 5 offline (try later). */
    public static int run(AppContext ctx, List<String> args, PrintStream out, PrintStream err) {
        String command = args.getFirst();
        if (command.equals("sync")) {
            if (args.size() != 1) {
                err.println("用法：" + USAGE);
                return 2;
            }
            SyncService.Result r = ctx.syncService().syncNow();
            (r.ok() ? out : err).println(r.message());
            return r.ok() ? 0 : r.rounds() == 0 ? 4 : 5;
        }
        String server = null;
        String code = null;
        String name = "村务电脑";
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                err.println(a + " 需要一个值");
                return 2;
            }
            switch (a) {
                case "--server" -> server = args.get(++i);
                case "--code" -> code = args.get(++i);
                case "--device-name" -> name = args.get(++i);
                default -> {
                    err.println("未知选项：" + a);
                    return 2;
                }
            }
        }
        if (server == null || code == null) {
            err.println("需要 --server 和 --code。用法：");
            err.print(USAGE);
            return 2;
        }
        try {
            String village = ctx.villages().profile().map(p -> p.code()).orElse(null);
            SyncTransport.Enrollment e = ctx.syncService().enroll(server, code, name, village);
            out.println("已登记：本机编号 " + e.deviceId() + "，村代码 " + e.villageCode() + "，服务器 " + server);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (SyncTransport.Refused e) {
            err.println(e.getMessage());
            return 4;
        } catch (IOException e) {
            err.println("无法连接同步服务器：" + e.getMessage());
            return 5;
        }
    }
}
