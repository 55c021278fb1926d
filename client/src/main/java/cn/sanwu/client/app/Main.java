package cn.sanwu.client.app;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.print.ExportCommand;
import cn.sanwu.client.sync.BundleCommand;
import cn.sanwu.client.sync.SyncCommand;
import cn.sanwu.client.store.RestoreCommand;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.support.AppLog;
import cn.sanwu.client.support.AppVersion;
import cn.sanwu.client.support.DiagnosticsCommand;
import cn.sanwu.client.support.SelfTest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;

/**
 * Entry point. {@code sanwu [--demo] [--data-dir DIR] [--lang zh|en]} starts the window;
 * {@code sanwu restore-backup FILE.zip [--data-dir DIR]} restores a backup while the app is closed.
 * Errors are printed (and shown) in Chinese, never as stack traces.
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        startupMark("main entered");
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        I18n.use(options.lang);
        if (options.help) {
            out.println(Options.USAGE);
            return 0;
        }
        if (options.version) {
            out.println("三务 " + AppVersion.get() + "（Java " + Runtime.version() + "）");
            return 0;
        }
        Path dataDir = options.dataDir != null ? options.dataDir : DataDirectory.defaultFor(options.demo);
        if (AppLog.install(AppLog.directoryFor(options.dataDir, options.demo))) {
            LOG.log(System.Logger.Level.INFO, "Sanwu {0} on Java {1}, data dir {2}, command {3}", AppVersion.get(),
                    Runtime.version(), dataDir, options.positional.isEmpty() ? (options.selfTest ? "--self-test"
                            : options.headless ? "--headless" : "window") : options.positional.getFirst());
        }
        if (!options.positional.isEmpty() && options.positional.getFirst().equals("restore-backup")) {
            // Restore takes the single-instance lock itself: it must run while the app is closed.
            if (options.positional.size() != 2) {
                err.println("用法：sanwu restore-backup 备份文件.zip [--data-dir 目录]");
                return 2;
            }
            return RestoreCommand.run(dataDir, Path.of(options.positional.get(1)), out);
        }
        var guard = SingleInstanceGuard.tryAcquire(dataDir);
        if (guard.isEmpty()) {
            String message = I18n.t("error.alreadyRunning", dataDir);
            err.println(message);
            if (!options.headless) {
                SanwuApp.showFatal(message);
            }
            return 3;
        }
        try (SingleInstanceGuard held = guard.get()) {
            if (!options.positional.isEmpty()) {
                return runCommand(options, dataDir, out, err);
            }
            if (options.selfTest) {
                return runSelfTest(dataDir, out, err);
            }
            if (options.headless) {
                return runHeadless(options, dataDir, out, err);
            }
            // Opening the store (H2, migrations, catalog) and starting JavaFX each take about half
            // a second on a 2-core PC; doing them side by side shortens the cold start.
            startupMark("before store");
            SanwuApp.context = CompletableFuture.supplyAsync(() -> {
                AppContext ctx = new AppContext(dataDir, Clock.systemUTC());
                try {
                    if (options.demo) {
                        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
                        // In the background: the demo server may still be starting beside us.
                        Thread.ofVirtual().name("demo-enroll").start(() -> DemoData.enrollWithLocalDemoServer(ctx));
                    }
                } catch (RuntimeException e) {
                    ctx.close();
                    throw e;
                }
                startupMark("store open");
                return ctx;
            });
            Application.launch(SanwuApp.class);
            SanwuApp.context.thenAccept(AppContext::close).exceptionally(e -> null).join();
            return SanwuApp.exitCode;
        }
    }

    /** Commands for scripts and township support staff; each prints a Chinese result line. */
    private static int runCommand(Options options, Path dataDir, PrintStream out, PrintStream err) {
        String command = options.positional.getFirst();
        if (SyncCommand.handles(command) || BundleCommand.handles(command)) {
            try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
                return SyncCommand.handles(command) ? SyncCommand.run(ctx, options.positional, out, err)
                        : BundleCommand.run(ctx, options.positional, out, err);
            } catch (StoreException e) {
                err.println(e.userMessage());
                return 4;
            }
        }
        if (DiagnosticsCommand.handles(command)) {
            try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
                return DiagnosticsCommand.run(ctx, options.positional, out, err);
            } catch (StoreException e) {
                err.println(e.userMessage());
                return 4;
            }
        }
        if (ExportCommand.handles(command)) {
            try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
                if (options.demo) {
                    DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
                }
                return ExportCommand.run(ctx, options.positional, out, err);
            } catch (StoreException e) {
                err.println(e.userMessage());
                return 4;
            }
        }
        switch (command) {
            case "import-catalog" -> {
                if (options.positional.size() != 2) {
                    err.println("用法：sanwu import-catalog 目录文件.json [--data-dir 目录]");
                    return 2;
                }
                try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
                    var catalog = ctx.catalogs().install(Path.of(options.positional.get(1)));
                    out.println("已导入并启用公开目录“" + catalog.version() + "”（" + catalog.items().size() + " 项，"
                            + catalog.issuer() + "）");
                    return 0;
                } catch (StoreException e) {
                    err.println(e.userMessage());
                    return 4;
                }
            }
            case "backup-now", "list-backups" -> {
                try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
                    if (command.equals("backup-now")) {
                        out.println("已备份到 " + ctx.backups().backupNow());
                    }
                    var all = ctx.backups().list();
                    out.println("共 " + all.size() + " 个备份（" + ctx.backups().backupDirectory() + "）：");
                    all.forEach(b -> out.println("  " + b.getFileName()));
                    return 0;
                } catch (StoreException e) {
                    err.println(e.userMessage());
                    return 4;
                }
            }
            default -> {
                err.println("未知命令：" + command);
                err.println(Options.USAGE);
                return 2;
            }
        }
    }

    /**
     * {@code --self-test}: the runtime checks, then the store opened (created and migrated if new)
     * and checked; prints one line per check and OK or FAILED (exit 0 / 1; 4 if it cannot open).
     */
    private static int runSelfTest(Path dataDir, PrintStream out, PrintStream err) {
        try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
            SelfTest.Report report = SelfTest.run(ctx);
            out.print(report.text());
            LOG.log(report.ok() ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "self-test {0}", report.ok() ? "OK" : "FAILED");
            return report.ok() ? 0 : 1;
        } catch (StoreException e) {
            SelfTest.runtimeChecks().forEach(out::println);
            out.println("[FAIL] 数据库：" + e.userMessage());
            out.println("FAILED");
            err.println(e.userMessage());
            LOG.log(System.Logger.Level.WARNING, "self-test could not open the store: " + e.userMessage());
            return 4;
        }
    }

    private static int runHeadless(Options options, Path dataDir, PrintStream out, PrintStream err) {
        try (AppContext ctx = new AppContext(dataDir, Clock.systemUTC())) {
            if (options.demo) {
                DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
            }
            out.println(I18n.t("cli.opened", dataDir, ctx.notices().pendingUploads()));
            return 0;
        } catch (StoreException e) {
            err.println(e.userMessage());
            return 4;
        }
    }

    /** With -Dsanwu.reportStartup=true, prints how long after process start a phase ended. */
    static void startupMark(String phase) {
        if (Boolean.getBoolean("sanwu.reportStartup")) {
            // Wall-clock epoch millis: bench/startup.sh subtracts the moment it launched the JVM.
            // (ProcessHandle's start instant is only accurate to a second on Linux.)
            System.out.println("SANWU_PHASE " + System.currentTimeMillis() + " " + phase);
        }
    }

    /** Reports start-up time once the first window is on screen (benchmarks read this line). */
    static void markWindowShown() {
        if (Boolean.getBoolean("sanwu.reportStartup")) {
            System.out.println("SANWU_READY_EPOCH_MS " + System.currentTimeMillis());
        }
        if (Boolean.getBoolean("sanwu.exitAfterShown")) {
            javafx.application.Platform.runLater(javafx.application.Platform::exit);
        }
    }

    /** Parsed command line. */
    static final class Options {
        static final String USAGE = """
                用法 / usage:
                  sanwu [--demo] [--data-dir 目录] [--lang zh|en]
                  sanwu --headless [--demo] [--data-dir 目录]     打开数据库并报告待上传数后退出
                  sanwu --self-test [--data-dir 目录]   自检：运行环境、数据库版本与完整性，最后一行 OK 或 FAILED
                  sanwu --version                          显示版本
                  sanwu import-catalog 目录文件.json [--data-dir 目录]  导入并启用县里发布的公开目录
                  sanwu backup-now | list-backups [--data-dir 目录]   立即备份 / 列出备份
                  sanwu restore-backup 备份文件.zip [--data-dir 目录]  （程序关闭时）从备份恢复
                """ + DiagnosticsCommand.USAGE + ExportCommand.USAGE + SyncCommand.USAGE + BundleCommand.USAGE;
        boolean demo;
        boolean headless;
        boolean help;
        boolean selfTest;
        boolean version;
        Path dataDir;
        Locale lang = Locale.SIMPLIFIED_CHINESE;
        final List<String> positional = new ArrayList<>();

        static Options parse(String[] rawArgs) {
            Options o = new Options();
            // Accept both "--lang en" and "--lang=en".
            String[] args = java.util.Arrays.stream(rawArgs)
                    .flatMap(a -> a.startsWith("--") && a.contains("=") ? java.util.stream.Stream.of(a.split("=", 2))
                            : java.util.stream.Stream.of(a))
                    .toArray(String[]::new);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--demo" -> o.demo = true;
                    case "--headless" -> o.headless = true;
                    case "--help", "-h" -> o.help = true;
                    case "--self-test" -> o.selfTest = true;
                    case "--version" -> o.version = true;
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--lang" -> o.lang = switch (value(args, ++i, "--lang")) {
                        case "en" -> Locale.ENGLISH;
                        case "zh", "zh_CN" -> Locale.SIMPLIFIED_CHINESE;
                        default -> throw new IllegalArgumentException("不支持的语言：" + args[i] + "（可用 zh、en）");
                    };
                    default -> {
                        if (args[i].startsWith("--") && !o.positional.isEmpty() && (ExportCommand.handles(o.positional.getFirst())
                                || DiagnosticsCommand.handles(o.positional.getFirst())
                                || SyncCommand.handles(o.positional.getFirst()) || BundleCommand.handles(o.positional.getFirst()))) {
                            // Export options (--out, --paper …) are the export command's to parse.
                            o.positional.add(args[i]);
                            continue;
                        }
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("未知选项：" + args[i]);
                        }
                        o.positional.add(args[i]);
                    }
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " 需要一个值");
            }
            return args[i];
        }
    }
}
