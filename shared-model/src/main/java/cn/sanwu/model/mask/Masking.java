package cn.sanwu.model.mask;

import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking function every public output passes through (DESIGN.md §5.7): ID numbers keep
 * at most the first 6 and last 4 characters, bank accounts the last 4, phone numbers and home
 * addresses never appear. Structured fields are masked by their type; free text (titles, bodies,
 * captions, 摘要) is scanned for ID, bank-card and phone patterns. Stateless, thread-safe.
 */
public final class Masking {

    /** What replaces a phone number or home address. */
    public static final String HIDDEN = "***";

    // Order matters: ID numbers (18 chars) before bank cards (12–19 digits) before phones.
    private static final Pattern ID_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])|(?<!\\d)\\d{15}(?!\\d)");
    private static final Pattern BANK_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\d[ -]?){11,18}\\d(?!\\d)");
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}(?!\\d)");
    private static final Pattern LANDLINE_IN_TEXT = Pattern.compile("(?<!\\d)0\\d{2,3}[ -]?\\d{7,8}(?!\\d)");

    private Masking() {
    }

    /** {@code 110105********123X}; anything that is not an ID number is hidden whole. */
    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        String s = id.strip();
        if (s.length() < 15) {
            return HIDDEN;
        }
        return s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
    }

    /** {@code ****1234}: only the last four digits, never the length. */
    public static String bankAccount(String account) {
        if (account == null || account.isBlank()) {
            return "";
        }
        String digits = account.replaceAll("\\D", "");
        return digits.length() < 8 ? HIDDEN : "****" + digits.substring(digits.length() - 4);
    }

    public static String phone(String phone) {
        return phone == null || phone.isBlank() ? "" : HIDDEN;
    }

    public static String address(String address) {
        return address == null || address.isBlank() ? "" : HIDDEN;
    }

    /** Masks every ID number, bank-card number and phone number found in free text. */
    public static String freeText(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = replace(ID_IN_TEXT, text, m -> idNumber(m));
        out = replace(BANK_IN_TEXT, out, m -> m.contains("*") ? m : bankAccount(m));
        out = replace(MOBILE_IN_TEXT, out, m -> HIDDEN);
        out = replace(LANDLINE_IN_TEXT, out, m -> HIDDEN);
        return out;
    }

    /** A cell of a typed column as it may appear in public. */
    public static String cell(String value, ColumnType type) {
        return switch (type) {
            case ID_NUMBER -> idNumber(value);
            case BANK_ACCOUNT -> bankAccount(value);
            case PHONE -> phone(value);
            case ADDRESS -> address(value);
            case TEXT, PERSON_NAME -> freeText(value);
            case MONEY_FEN, INTEGER, DATE -> value;
        };
    }

    /** The public form of a notice's content. The input is not changed. */
    public static NoticeContent content(NoticeContent c) {
        List<NoticeTable> tables = new ArrayList<>();
        for (NoticeTable t : c.tables()) {
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : t.rows()) {
                List<String> masked = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    ColumnType type = i < t.columns().size() ? t.columns().get(i).type() : ColumnType.TEXT;
                    masked.add(cell(row.get(i), type));
                }
                rows.add(masked);
            }
            tables.add(new NoticeTable(freeText(t.caption()), t.columns(), rows));
        }
        var journal = c.journal() == null ? null : new cn.sanwu.model.finance.CashJournal(c.journal().entity(),
                c.journal().openingBalanceFen(),
                c.journal().entries().stream().map(e -> new cn.sanwu.model.finance.LedgerEntry(e.date(),
                        freeText(e.voucherNo()), freeText(e.summary()), e.incomeFen(), e.expenseFen())).toList());
        RecipientList recipients = c.recipients() == null ? null : new RecipientList(freeText(c.recipients().programme()),
                c.recipients().recipients().stream().map(r -> new Recipient(freeText(r.name()), freeText(r.group()),
                        r.population(), r.amountFen(), idNumber(r.idNumber()))).toList());
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), freeText(c.title()), freeText(c.body()),
                tables, journal, recipients);
    }

    private static String replace(Pattern p, String text, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
