package cn.sanwu.client.print;

import static cn.sanwu.client.print.SheetFixtures.PRINT_DATE;
import static cn.sanwu.client.print.SheetFixtures.Q3;

import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sample sheets (one per variant and paper) for looking at them: {@code bench/sheets.sh}
 * renders them with pdftoppm; reference PNGs in docs/screenshots come from here.
 */
public final class SheetSamples {

    private SheetSamples() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/sheet-samples");
        Files.createDirectories(out);
        SheetOptions a4 = new SheetOptions(Paper.A4_PORTRAIT, false, "https://gk.example.gov.cn", PRINT_DATE, null, null, "李会计");
        Notice ledger = SheetFixtures.notice("F02", Q3, "红旗村2026年第三季度财务收支明细",
                "现将本村2026年第三季度财务收支情况公布如下，如有疑问请在公开期内向村务监督委员会反映。",
                SheetFixtures.journal(140, 7), null, NoticeStatus.DRAFT);
        write(out.resolve("ledger-140-a4.pdf"), ledger, a4);
        List<Recipient> people = new ArrayList<>();
        String[] names = {"赵大勇", "钱秀兰", "孙建国", "李桂芝", "周德明", "吴玉梅", "郑国强", "王淑珍"};
        for (int i = 0; i < 24; i++) {
            String base = "21990119" + (50 + i % 40) + "0101" + String.format("%03d", i);
            String id = base + cn.sanwu.model.validation.IdNumber.checkCharacter(base);
            people.add(new Recipient(names[i % names.length] + (i / names.length == 0 ? "" : String.valueOf(i / names.length)),
                    (i % 5 + 1) + "组", 1 + i % 4, 12_000 + i * 350, id));
        }
        Notice list = SheetFixtures.notice("V17", Q3, "2026年第三季度困难残疾人生活补贴发放名单",
                "经村民代表会议评议、乡镇审核，现将名单公示如下。联系电话13912345678。", null,
                new RecipientList("困难残疾人生活补贴", people), NoticeStatus.DRAFT);
        write(out.resolve("recipients-a4-landscape.pdf"), list, a4.withPaper(Paper.A4_LANDSCAPE));
        Notice text = SheetFixtures.notice("P04", Q3, "2026年第三季度党费收缴情况公开",
                "本季度应缴党费党员42名，实缴42名，收缴党费合计1,860.00元，已全额上缴镇党委。\n欢迎党员群众监督。", null, null,
                NoticeStatus.APPROVED);
        write(out.resolve("party-a3-large.pdf"), text, a4.withPaper(Paper.A3_LANDSCAPE).withLargePrint(true));
        List<List<String>> rows = new ArrayList<>();
        String[] items = {"村部办公用品", "村道路灯维修", "环境卫生保洁员工资", "文化广场电费", "村民代表会议误工补贴"};
        for (int i = 1; i <= 30; i++) {
            rows.add(List.of(String.valueOf(i), items[i % items.length], Long.toString(12_345L * i + 50), "村集体收入", "王会计"));
        }
        var table = new cn.sanwu.model.notice.NoticeTable("2026年第三季度支出公示", List.of(
                new cn.sanwu.model.notice.TableColumn("序号", cn.sanwu.model.notice.ColumnType.INTEGER),
                new cn.sanwu.model.notice.TableColumn("开支项目", cn.sanwu.model.notice.ColumnType.TEXT),
                new cn.sanwu.model.notice.TableColumn("金额（元）", cn.sanwu.model.notice.ColumnType.MONEY_FEN),
                new cn.sanwu.model.notice.TableColumn("资金来源", cn.sanwu.model.notice.ColumnType.TEXT),
                new cn.sanwu.model.notice.TableColumn("项目负责人", cn.sanwu.model.notice.ColumnType.PERSON_NAME)), rows);
        Notice expense = new Notice(ledger.id(), new cn.sanwu.model.notice.NoticeContent(ledger.content().villageCode(), "F03", Q3,
                "2026年第三季度支出公示", "", List.of(table), null, null), NoticeStatus.DRAFT, 1, null, ledger.updatedAt());
        write(out.resolve("expense-a4.pdf"), expense, a4);
    }

    private static void write(Path file, Notice n, SheetOptions o) throws Exception {
        SheetPdfWriter.Result r = SheetPdfWriter.write(SheetFixtures.sheet(n, o), o);
        Files.write(file, r.pdf());
        System.out.printf("%s: %d pages, %d bytes (%.1f KB/page)%n", file, r.pages(), r.pdf().length,
                r.pdf().length / 1024.0 / r.pages());
    }
}
