package cn.sanwu.client.print;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.period.Period;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Headless exports for scripted township printing and for tests:
 * <pre>
 * sanwu export-pdf   公告编号 --out 文件.pdf [--paper a4|a4-landscape|a3] [--large] [--base-url URL] [--prepared-by 姓名]
 * sanwu export-png   公告编号 --out 目录     [same options]
 * sanwu export-batch 期间     --out 文件.pdf [same options]      期间: 2026-10, 2026-Q3, 2026-H2, 2026
 * </pre>
 * Output files are written next to the target and renamed into place, so a failed export never
 * leaves half a PDF behind.
 */
public final class ExportCommand {

    public static final String USAGE = """
              sanwu export-pdf 公告编号 --out 文件.pdf [--paper a4|a4-landscape|a3] [--large] [--base-url 网址] [--prepared-by 姓名]
              sanwu export-png 公告编号 --out 目录 [同上选项]          每页一张手机图片（PNG）
              sanwu export-batch 期间 --out 文件.pdf [同上选项]        本期全部公告合成一个PDF（期间如 2026-10、2026-Q3）
            """;

    /** Setting key for the QR base URL (the public pages' address, configurable per county). */
    public static final String BASE_URL_SETTING = "print.baseUrl";

    private ExportCommand() {
    }

    public static boolean handles(String command) {
        return command.equals("export-pdf") || command.equals("export-png") || command.equals("export-batch");
    }

    record Args(String command, String target, Path out, Paper paper, boolean large, String baseUrl, String preparedBy) {

        static Args parse(List<String> args) {
            String command = args.getFirst();
            String target = null;
            Path out = null;
            Paper paper = Paper.A4_PORTRAIT;
            boolean large = false;
            String baseUrl = null;
            String preparedBy = "";
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--paper" -> paper = Paper.parse(value(args, ++i, a));
                    case "--large" -> large = true;
                    case "--base-url" -> baseUrl = value(args, ++i, a);
                    case "--prepared-by" -> preparedBy = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("未知选项：" + a);
                        }
                        if (target != null) {
                            throw new IllegalArgumentException("多余的参数：" + a);
                        }
                        target = a;
                    }
                }
            }
            if (target == null || out == null) {
                throw new IllegalArgumentException(command.equals("export-batch") ? "需要期间和 --out" : "需要公告编号和 --out");
            }
            return new Args(command, target, out, paper, large, baseUrl, preparedBy);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " 需要一个值");
            }
            return args.get(i);
        }
    }

    /**
     * Runs an export; returns the process exit code: 0 ok, 2 bad arguments or content that cannot
     * be printed (a bad money cell, unmasked personal data — the place is named), 4 nothing done
     * (not found, write failure, internal error). Never prints a stack trace.
     */
    public static int run(AppContext ctx, List<String> rawArgs, PrintStream out, PrintStream err) {
        Args args;
        try {
            args = Args.parse(rawArgs);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("用法：");
            err.print(USAGE);
            return 2;
        }
        try {
            VillageProfile village = ctx.villages().profile()
                    .orElseThrow(() -> new StoreException("本机还没有选择村（首次启动时设置），无法打印。"));
            LocalDate today = LocalDate.now(ctx.clock().withZone(ZoneId.of("Asia/Shanghai")));
            String baseUrl = args.baseUrl() != null ? args.baseUrl()
                    : ctx.settings().get(BASE_URL_SETTING).orElse(SheetOptions.DEFAULT_BASE_URL);
            SheetOptions options = new SheetOptions(args.paper(), args.large(), baseUrl, today, null, null, args.preparedBy());
            SheetExports exports = ctx.sheets();
            long t0 = System.nanoTime();
            SheetPdfWriter.Result result = switch (args.command()) {
                case "export-batch" -> exports.batch(village, parsePeriod(args.target()), options);
                default -> exports.pdf(parseId(args.target()), village, options);
            };
            if (args.command().equals("export-png")) {
                int pages = SheetFiles.writePngPages(result.pdf(), args.out());
                out.printf("已导出 %d 张图片到 %s%n", pages, args.out());
            } else {
                SheetFiles.writePdf(args.out(), result.pdf());
                out.printf("已导出 %s：%d 页，%.1f KB，用时 %d 毫秒%n", args.out(), result.pages(), result.pdf().length / 1024.0,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            if (!result.missingCharacters().isEmpty()) {
                out.println("注意：字体中没有这些字，已印为□，请手写补正：" + String.join("、", result.missingCharacters()));
            }
            return 0;
        } catch (StoreException e) {
            err.println(e.userMessage());
            return 4;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("写入文件失败：" + e.getMessage());
            return 4;
        } catch (ArithmeticException e) {
            err.println("导出失败：金额超出可计算的范围，请检查公告中的金额。");
            return 4;
        } catch (RuntimeException e) {
            // A bug, not the user's input: a clear line instead of a stack trace, nothing written.
            err.println("导出失败：程序内部错误（" + e.getClass().getSimpleName() + "），没有写入任何文件。请把这行信息告诉技术支持。");
            return 4;
        }
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("公告编号格式错误：“" + text + "”（应为 36 位编号，可在公告编辑页或查找结果中复制）");
        }
    }

    private static Period parsePeriod(String text) {
        return Period.parse(text.strip());
    }
}
