package cn.sanwu.client.print;

import cn.sanwu.client.review.ReviewInfo;
import cn.sanwu.client.print.Sheet.Align;
import cn.sanwu.client.print.Sheet.Carry;
import cn.sanwu.client.print.Sheet.Column;
import cn.sanwu.client.print.Sheet.Row;
import cn.sanwu.client.print.Sheet.Table;
import cn.sanwu.client.village.VillageProfile;
import cn.sanwu.model.catalog.CatalogItem;
import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.qr.QrPayload;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.money.ChineseUppercase;
import cn.sanwu.model.money.MoneyFormat;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeStatus;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
import cn.sanwu.model.region.RegionLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a notice into a {@link Sheet}: one layout family for the three categories, with a variant
 * per kind of content (free text, cash journal, recipient list, generic tables such as expense
 * publicity or assets). Every text passes {@link Masking} here, before layout, so no drawing
 * code can print personal data unmasked.
 */
public final class SheetComposer {

    private SheetComposer() {
    }

    /** Statuses whose content a township approved: these print without the draft watermark. */
    static boolean approved(NoticeStatus status) {
        return status == NoticeStatus.APPROVED || status == NoticeStatus.PUBLISHED || status == NoticeStatus.ARCHIVED;
    }

    public static Sheet compose(Notice notice, CatalogItem item, VillageProfile village, ContentHash hash,
            SheetOptions options) {
        return compose(notice, item, village, hash, options, ReviewInfo.NONE);
    }

    /**
     * With the township's decision: an approved sheet shows its 公开编号 and approval date, and a
     * published one the posting window the township set (it overrides the clerk's choice).
     */
    public static Sheet compose(Notice notice, CatalogItem item, VillageProfile village, ContentHash hash,
            SheetOptions options, ReviewInfo review) {
        boolean withdrawn = notice.status() == NoticeStatus.WITHDRAWN;
        if (approved(notice.status()) || withdrawn) {
            var window = review.postingWindow();
            if (window.isPresent()) {
                options = new SheetOptions(options.paper(), options.largePrint(), options.publicBaseUrl(), options.printDate(),
                        window.get()[0], window.get()[1], options.preparedBy());
            }
        }
        NoticeContent c = Masking.content(notice.content());
        String heading = village.name() + c.period().displayZh() + item.category().nameZh()
                + (c.recipients() != null ? "公示" : "公开榜");
        List<String> info = new ArrayList<>();
        info.add("公开单位：" + village.fullName() + (village.level() == RegionLevel.COMMUNITY ? "居民委员会" : "村民委员会"));
        info.add("公开事项：" + item.code() + " " + item.nameZh() + "　　所属期间：" + c.period().displayZh());
        info.add("公开期限：" + date(options.postingFrom()) + "至" + date(options.postingTo()));
        if (approved(notice.status()) && !review.approvalDate().isEmpty()) {
            String number = review.publicationNumber().isEmpty() ? "（待公开时由乡镇编号）" : review.publicationNumber();
            info.add("公开编号：" + number + "　　乡镇审核通过：" + review.approvalDate());
        }
        if ((approved(notice.status()) || withdrawn) && !review.supersedes().isEmpty()) {
            // A published correction says what it replaces and why (the reason is public).
            info.add("更正：本榜更正公开编号 " + review.supersedes() + " 的内容"
                    + (review.publishedCorrectionReason().isEmpty() ? ""
                            : "　　更正理由：" + Masking.freeText(review.publishedCorrectionReason())));
        }
        if (withdrawn) {
            // Printed on purpose: the board must be able to say that this publication was taken down, and why.
            if (!review.publicationNumber().isEmpty()) {
                info.add("公开编号：" + review.publicationNumber());
            }
            info.add("已撤回" + (review.withdrawalDate().isEmpty() ? "" : "（" + review.withdrawalDate() + "）")
                    + "　　撤回理由：" + Masking.freeText(notice.reason() == null ? "" : notice.reason()));
        }
        if (notice.status() == NoticeStatus.NOT_DISCLOSED_FILED) {
            info.add("不公开备案原因：" + Masking.freeText(notice.reason() == null ? "" : notice.reason()));
        }
        List<String> paragraphs = new ArrayList<>();
        for (String p : c.body().split("\\R")) {
            if (!p.isBlank()) {
                paragraphs.add(p.strip());
            }
        }
        List<Table> tables = new ArrayList<>();
        List<String> totals = new ArrayList<>();
        if (c.journal() != null) {
            journal(c.journal(), tables, totals);
        }
        if (c.recipients() != null) {
            recipients(c.recipients(), tables, totals);
        }
        for (int i = 0; i < c.tables().size(); i++) {
            generic(c.tables().get(i), i + 1, tables, totals);
        }
        List<String> footer = new ArrayList<>();
        boolean phoneSet = village.supervisionPhone() != null && !village.supervisionPhone().isBlank();
        String phone = phoneSet ? village.supervisionPhone().strip() : "（未设置）";
        footer.add("监督电话：" + phone + "　　对公开内容有疑问，可扫码提问或反映问题");
        // The clerk's name is typed text like any other: masked, so a number typed into it cannot print.
        String preparedBy = blankOr(Masking.freeText(options.preparedBy()));
        footer.add("经办人：" + preparedBy + "　　制表人：" + preparedBy
                + "　　打印日期：" + date(options.printDate()));
        // The documented QR format (docs/transparency-log.md): id, revision and full content hash.
        String url = new QrPayload(options.publicBaseUrl(), notice.id(), notice.revision() >= 1 ? notice.revision() : null,
                hash).text();
        String reference = "编号 " + notice.id() + "　第 " + notice.revision() + " 版　内容指纹 " + hash.toString().substring(0,
                Math.min(hash.toString().length(), 23));
        boolean draft = !approved(notice.status()) && !withdrawn;
        // The committee's opinion fills its box only when it was given for exactly this content.
        Sheet.SignOff signOff = review.signOffFor(hash.toString()).map(so -> new Sheet.SignOff(
                Masking.freeText(so.path("name").asText("")), Masking.freeText(so.path("opinion").asText("")),
                ReviewInfo.chinaDate(so.path("at").asText("")))).orElse(null);
        return new Sheet(heading, c.title(), info, paragraphs, tables, totals, footer, url, reference, draft,
                phoneSet ? List.of(phone) : List.of(), signOff, withdrawn);
    }

    private static String blankOr(String s) {
        return s == null || s.isBlank() ? "＿＿＿＿＿" : s;
    }

    static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static void journal(CashJournal j, List<Table> tables, List<String> totals) {
        List<Column> cols = List.of(
                new Column("日期", 1.15f, Align.CENTER, Carry.NONE),
                new Column("凭证号", 0.9f, Align.CENTER, Carry.NONE),
                new Column("摘要", 3.2f, Align.LEFT, Carry.NONE),
                new Column("收入（元）", 1.3f, Align.RIGHT, Carry.SUM),
                new Column("支出（元）", 1.3f, Align.RIGHT, Carry.SUM),
                new Column("余额（元）", 1.4f, Align.RIGHT, Carry.LAST));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(List.of("", "", "期初余额", "", "", MoneyFormat.grouped(j.openingBalanceFen())), new long[6]));
        List<Long> balances = j.runningBalancesFen();
        for (int i = 0; i < j.entries().size(); i++) {
            LedgerEntry e = j.entries().get(i);
            long[] amounts = new long[6];
            amounts[3] = e.incomeFen();
            amounts[4] = e.expenseFen();
            rows.add(new Row(List.of(e.date().toString(), e.voucherNo(), e.summary(), money(e.incomeFen()),
                    money(e.expenseFen()), MoneyFormat.grouped(balances.get(i))), amounts));
        }
        tables.add(new Table("核算单位：" + j.entity().nameZh(), cols, rows, "", true));
        totals.add("期初余额：" + both(j.openingBalanceFen()));
        totals.add("本期收入合计：" + both(j.totalIncomeFen()));
        totals.add("本期支出合计：" + both(j.totalExpenseFen()));
        totals.add("期末余额：" + both(j.closingBalanceFen()));
    }

    private static void recipients(RecipientList list, List<Table> tables, List<String> totals) {
        List<Column> cols = List.of(
                new Column("序号", 0.6f, Align.CENTER, Carry.NONE),
                new Column("姓名", 1.2f, Align.CENTER, Carry.NONE),
                new Column("组/屯", 1.0f, Align.CENTER, Carry.NONE),
                new Column("人口", 0.7f, Align.CENTER, Carry.NONE),
                new Column("金额（元）", 1.3f, Align.RIGHT, Carry.SUM),
                new Column("身份证号（已隐藏）", 2.3f, Align.CENTER, Carry.NONE));
        List<Row> rows = new ArrayList<>();
        int n = 1;
        for (Recipient r : list.recipients()) {
            long[] amounts = new long[6];
            amounts[4] = r.amountFen();
            // Masking.content already hid the ID; masking again is idempotent and keeps this method safe alone.
            rows.add(new Row(List.of(String.valueOf(n++), r.name(), r.group(), String.valueOf(r.population()),
                    MoneyFormat.grouped(r.amountFen()), Masking.idNumber(r.idNumber())), amounts));
        }
        tables.add(new Table(list.programme().isEmpty() ? "" : "项目：" + list.programme(), cols, rows, "本期无名单", true));
        totals.add("合计：" + list.recipients().size() + " 户，" + list.totalPopulation() + " 人，金额 "
                + both(list.totalAmountFen()));
    }

    /**
     * A generic table. Cells beyond the last column are refused (never silently dropped); a money
     * cell that is not a number of fen is refused with its table, row and column named. The
     * content is already masked here, so a bad value is quoted masked.
     */
    private static void generic(NoticeTable t, int tableNo, List<Table> tables, List<String> totals) {
        String where = "第 " + tableNo + " 个表格" + (t.caption().isBlank() ? "" : "“" + t.caption() + "”");
        List<Column> cols = new ArrayList<>();
        for (TableColumn tc : t.columns()) {
            cols.add(switch (tc.type()) {
                case MONEY_FEN -> new Column(tc.title(), 2.2f, Align.RIGHT, Carry.SUM);
                case INTEGER, DATE -> new Column(tc.title(), 1.0f, Align.CENTER, Carry.NONE);
                case ID_NUMBER, BANK_ACCOUNT, PHONE -> new Column(tc.title(), 1.6f, Align.CENTER, Carry.NONE);
                default -> new Column(tc.title(), 2.0f, Align.LEFT, Carry.NONE);
            });
        }
        long[] sums = new long[cols.size()];
        boolean anyMoney = false;
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> raw = t.rows().get(r);
            for (int extra = cols.size(); extra < raw.size(); extra++) {
                if (raw.get(extra) != null && !raw.get(extra).isBlank()) {
                    throw new IllegalArgumentException(where + "第 " + (r + 1) + " 行有 " + raw.size() + " 个单元格，但表格只有 "
                            + cols.size() + " 列；多出的内容（“" + raw.get(extra) + "”）不会被打印。请在编辑页补上列或删除多余内容。");
                }
            }
            if (cols.isEmpty()) {
                continue; // a row of blank cells in a table without columns: nothing to print
            }
            List<String> cells = new ArrayList<>();
            long[] amounts = new long[cols.size()];
            for (int i = 0; i < cols.size(); i++) {
                String v = i < raw.size() && raw.get(i) != null ? raw.get(i) : "";
                ColumnType type = t.columns().get(i).type();
                if (type == ColumnType.MONEY_FEN && !v.isBlank()) {
                    String place = where + "第 " + (r + 1) + " 行“" + cols.get(i).title() + "”列";
                    long fen = parseFen(v, place);
                    amounts[i] = fen;
                    try {
                        sums[i] = Math.addExact(sums[i], fen);
                    } catch (ArithmeticException e) {
                        throw new IllegalArgumentException(place + "：金额合计超出可计算的范围，请检查金额。", e);
                    }
                    anyMoney = true;
                    // Expense publicity shows each amount in 小写 and 大写 (DOMAIN.md); the cell wraps to two lines.
                    cells.add(MoneyFormat.grouped(fen) + "\n" + ChineseUppercase.orTooLarge(fen));
                } else {
                    cells.add(Masking.cell(v, type));
                }
            }
            rows.add(new Row(cells, amounts));
        }
        tables.add(new Table(t.caption(), cols, rows, "（无）", anyMoney));
        for (int i = 0; i < cols.size(); i++) {
            if (t.columns().get(i).type() == ColumnType.MONEY_FEN) {
                totals.add((t.caption().isBlank() ? "" : t.caption() + " ") + cols.get(i).title() + "合计：" + both(sums[i]));
            }
        }
    }

    /** Money cells of generic tables hold fen as digits (ColumnType.MONEY_FEN); bad cells never print as 0: they fail loudly. */
    private static long parseFen(String v, String place) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(place + "的金额格式错误：“" + Masking.freeText(v)
                    + "”（应为以分为单位的整数，如 123456 表示 1,234.56 元）", e);
        }
    }

    private static String money(long fen) {
        return fen == 0 ? "" : MoneyFormat.grouped(fen);
    }

    /** 小写 and 大写, as every money total on a board must show. */
    static String both(long fen) {
        return "¥" + MoneyFormat.grouped(fen) + "（大写：" + ChineseUppercase.orTooLarge(fen) + "）";
    }
}
