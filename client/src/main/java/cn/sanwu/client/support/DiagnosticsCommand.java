package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code sanwu export-diagnostics [--out FILE.zip]} — the headless twin of the 导出诊断信息 menu item. */
public final class DiagnosticsCommand {

    public static final String USAGE = "  sanwu export-diagnostics [--out 文件.zip] [--data-dir 目录]   导出诊断信息（不含个人信息），供乡镇技术支持\n";

    private DiagnosticsCommand() {
    }

    public static boolean handles(String command) {
        return command.equals("export-diagnostics");
    }

    public static int run(AppContext ctx, List<String> args, PrintStream out, PrintStream err) {
        Path target = null;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                target = Path.of(args.get(++i));
            } else {
                err.println("用法：" + USAGE.strip());
                return 2;
            }
        }
        if (target == null) {
            target = Path.of(Diagnostics.defaultFileName(ctx.clock()));
        }
        try {
            Path written = Diagnostics.export(ctx, AppLog.directory(), target);
            out.println("已导出诊断信息：" + written.toAbsolutePath());
            return 0;
        } catch (StoreException e) {
            err.println(e.userMessage());
            return 4;
        }
    }
}
