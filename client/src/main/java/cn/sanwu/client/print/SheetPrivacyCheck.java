package cn.sanwu.client.print;

import cn.sanwu.client.print.Sheet.Table;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.mask.PersonalDataScanner;
import cn.sanwu.model.mask.PersonalDataScanner.Finding;
import java.util.List;

/**
 * The last line of defence before a sheet is drawn: every string of the composed {@link Sheet}
 * goes through {@link PersonalDataScanner}, and a sheet with any finding is refused — never
 * printed, exported or previewed. Masking runs earlier (in {@link SheetComposer}); this check
 * catches what masking missed, e.g. a number that only appears when masked pieces are joined.
 *
 * <p>Only the village's configured 监督电话 ({@link Sheet#publicNumbers()}) may stand in the
 * footer: it is published on purpose. The QR address and the reference line are made from ids
 * and hashes, not from what anyone typed, and are not scanned (a hex hash can contain 16 digits
 * that pass the Luhn check).
 */
final class SheetPrivacyCheck {

    /** A sheet that would print personal data; the message names the place, the value masked. */
    static final class PersonalDataInSheetException extends IllegalArgumentException {
        PersonalDataInSheetException(String message) {
            super(message);
        }
    }

    private SheetPrivacyCheck() {
    }

    static void requireClean(Sheet sheet) {
        check(sheet, "大标题", sheet.heading());
        check(sheet, "标题", sheet.title());
        lines(sheet, "说明", sheet.infoLines());
        lines(sheet, "正文段落", sheet.paragraphs());
        for (int t = 0; t < sheet.tables().size(); t++) {
            Table table = sheet.tables().get(t);
            String name = "第 " + (t + 1) + " 个表格";
            check(sheet, name + "的标题", table.caption());
            check(sheet, name + "无数据时的说明", table.emptyText());
            for (int c = 0; c < table.columns().size(); c++) {
                check(sheet, name + "第 " + (c + 1) + " 列的列名", table.columns().get(c).title());
            }
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> cells = table.rows().get(r).cells();
                for (int c = 0; c < cells.size(); c++) {
                    String column = c < table.columns().size() ? "“" + table.columns().get(c).title() + "”列" : "第 " + (c + 1) + " 列";
                    check(sheet, name + "第 " + (r + 1) + " 行" + column, cells.get(c));
                }
            }
        }
        lines(sheet, "合计", sheet.totals());
        for (int i = 0; i < sheet.footerLines().size(); i++) {
            String line = sheet.footerLines().get(i);
            for (String published : sheet.publicNumbers()) {
                line = line.replace(published, "");
            }
            check(sheet, "页脚第 " + (i + 1) + " 行", line);
        }
    }

    private static void lines(Sheet sheet, String what, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            check(sheet, what + "第 " + (i + 1) + " 行", lines.get(i));
        }
    }

    private static void check(Sheet sheet, String place, String text) {
        List<Finding> found = PersonalDataScanner.scan(text);
        if (!found.isEmpty()) {
            Finding f = found.getFirst();
            String kind = switch (f.kind()) {
                case ID_NUMBER -> "身份证号";
                case BANK_CARD -> "银行卡号";
                case MOBILE -> "手机号";
            };
            String masked = switch (f.kind()) {
                case ID_NUMBER -> Masking.idNumber(f.normalized());
                case BANK_CARD -> Masking.bankAccount(f.normalized());
                case MOBILE -> Masking.HIDDEN;
            };
            throw new PersonalDataInSheetException("已拒绝打印：“" + Masking.freeText(sheet.title().isBlank() ? sheet.heading() : sheet.title()) + "”的" + place + "含有未隐藏的"
                    + kind + "（" + masked + "）。公开栏上不能出现个人信息，请修改公告内容后再打印。");
        }
    }
}
