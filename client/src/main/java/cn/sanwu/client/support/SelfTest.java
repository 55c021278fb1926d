package cn.sanwu.client.support;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.store.StoreException;
import java.nio.charset.Charset;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code sanwu --self-test}: what township support (and CI, on the installed package) needs to
 * know works — the store opens and is migrated, every notice's content hash matches, and the
 * runtime holds what jdeps cannot see is needed (GB18030 for CSV import, Chinese locale data, the
 * bundled font). Prints no notice text and no personal data, only counts and ids.
 */
public final class SelfTest {

    /** One line of the report. */
    public record Check(String name, boolean ok, String detail) {

        @Override
        public String toString() {
            return (ok ? "[OK]   " : "[FAIL] ") + name + "：" + detail;
        }
    }

    /** All checks, in order; {@link #ok()} when none failed. */
    public record Report(List<Check> checks) {

        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }

        public String text() {
            StringBuilder b = new StringBuilder();
            checks.forEach(c -> b.append(c).append('\n'));
            b.append(ok() ? "OK\n" : "FAILED\n");
            return b.toString();
        }
    }

    private SelfTest() {
    }

    /** Checks that need no database: the runtime and the packaged resources. */
    public static List<Check> runtimeChecks() {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("版本", true, "三务 " + AppVersion.get() + "，Java " + Runtime.version() + "（"
                + System.getProperty("java.vendor", "?") + "，" + System.getProperty("java.home") + "）"));
        checks.add(check("GB18030 编码", () -> {
            Charset gb = Charset.forName("GB18030");
            return "可用（" + new String("村务".getBytes(gb), gb) + "）";
        }));
        checks.add(check("中文区域数据", () -> {
            String month = java.time.Month.MARCH.getDisplayName(TextStyle.FULL, Locale.SIMPLIFIED_CHINESE);
            if (!month.equals("三月")) {
                throw new IllegalStateException("三月 显示为 “" + month + "”（缺少 jdk.localedata）");
            }
            return "可用（" + month + "）";
        }));
        checks.add(check("内置字体", () -> {
            for (String font : List.of("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")) {
                if (AppContext.class.getResource("/cn/sanwu/client/fonts/" + font) == null) {
                    throw new IllegalStateException("缺少 " + font);
                }
            }
            return "Noto Sans SC 常规、粗体";
        }));
        return checks;
    }

    /** Everything: runtime checks plus the opened store's version and integrity. */
    public static Report run(AppContext ctx) {
        List<Check> checks = new ArrayList<>(runtimeChecks());
        checks.add(check("数据库", () -> "已打开 " + ctx.dataDir() + "，结构版本 " + schemaVersion(ctx)));
        checks.add(integrity(ctx));
        checks.add(check("同步", () -> ctx.notices().pendingUploads() + " 项待上传，" + ctx.conflicts().openCount()
                + " 个冲突待处理，" + ctx.refused().list().size() + " 项被服务器拒绝"));
        return new Report(List.copyOf(checks));
    }

    static int schemaVersion(AppContext ctx) {
        return ctx.database().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Reads every notice back; each read recomputes its content hash (NoticeRepository). */
    static Check integrity(AppContext ctx) {
        try {
            List<UUID> ids = ctx.database().read(c -> {
                List<UUID> all = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM notice ORDER BY id")) {
                    while (rs.next()) {
                        all.add(rs.getObject(1, UUID.class));
                    }
                }
                return all;
            });
            List<String> bad = new ArrayList<>();
            for (UUID id : ids) {
                try {
                    ctx.notices().find(id);
                } catch (StoreException e) {
                    bad.add(id.toString());
                }
            }
            return bad.isEmpty() ? new Check("数据完整性", true, ids.size() + " 份公告内容校验一致")
                    : new Check("数据完整性", false, bad.size() + " / " + ids.size() + " 份公告内容与校验值不符：" + String.join(", ", bad));
        } catch (StoreException e) {
            return new Check("数据完整性", false, e.userMessage());
        }
    }

    private static Check check(String name, java.util.concurrent.Callable<String> body) {
        try {
            return new Check(name, true, body.call());
        } catch (Exception | Error e) {
            String message = e instanceof StoreException se ? se.userMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Check(name, false, message);
        }
    }
}
