package cn.sanwu.model.mask;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
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

    // Each pattern only matches a whole run of digits (never inside a longer one), so amounts
    // (12345.67), dates (2026-11-28), voucher numbers (记-0012) and 8-digit numbers stay as they are.
    private static final Pattern ID18_IN_TEXT = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
    private static final Pattern ID15_IN_TEXT = Pattern.compile("(?<![0-9])[0-9]{15}(?![0-9])");
    private static final Pattern MOBILE_IN_TEXT = PersonalDataScanner.MOBILE;
    // Not next to another digit group: "6222 0212 3456 7890" must not lose its middle as a landline.
    private static final Pattern LANDLINE_IN_TEXT = Pattern.compile(
            "(?<![0-9][ -]?)(?:\\(0[0-9]{2,3}\\)|0[0-9]{2,3})[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?![ -]?[0-9])");
    // 12–19 digits, optionally grouped by single spaces or dashes: bank cards and passbook accounts.
    private static final Pattern BANK_IN_TEXT = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){11,18}[0-9](?![0-9])");
    private static final Pattern TYPED_INTEGER = Pattern.compile("-?[0-9]{1,15}");
    private static final Pattern TYPED_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

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

    /**
     * Masks every ID number, bank-card or account number and phone number found in free text.
     * Order matters: ID numbers first (an 18-digit run with a plausible birth date, or ending in
     * X, is an ID; any other 15/18-digit run is masked as an account), then mobile and landline
     * numbers (hidden whole), then any remaining run of 12–19 digits (masked as an account).
     * Whatever {@link PersonalDataScanner} reports is covered by one of these passes.
     */
    public static String freeText(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = replace(ID18_IN_TEXT, text, m -> looksLikeId(m, 6, 8, "yyyyMMdd") ? idNumber(m) : bankAccount(m));
        out = replace(ID15_IN_TEXT, out, m -> looksLikeId(m, 6, 6, "yyMMdd") ? idNumber(m) : bankAccount(m));
        out = replace(MOBILE_IN_TEXT, out, m -> HIDDEN);
        out = replace(LANDLINE_IN_TEXT, out, m -> HIDDEN);
        out = replace(BANK_IN_TEXT, out, Masking::bankAccount);
        return out;
    }

    /**
     * A cell of a typed column as it may appear in public. Money, integer and date cells pass
     * unchanged only when they are well-formed for their type; anything else in them (an ID
     * number typed into a number column) is masked as free text.
     */
    public static String cell(String value, ColumnType type) {
        return switch (type) {
            case ID_NUMBER -> idNumber(value);
            case BANK_ACCOUNT -> bankAccount(value);
            case PHONE -> phone(value);
            case ADDRESS -> address(value);
            case TEXT, PERSON_NAME -> freeText(value);
            case MONEY_FEN, INTEGER -> value != null && TYPED_INTEGER.matcher(value).matches() ? value : freeText(value);
            case DATE -> value != null && TYPED_DATE.matcher(value).matches() ? value : freeText(value);
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
        var journal = c.journal() == null ? null : new CashJournal(c.journal().entity(),
                c.journal().openingBalanceFen(),
                c.journal().entries().stream().map(e -> new LedgerEntry(e.date(),
                        freeText(e.voucherNo()), freeText(e.summary()), e.incomeFen(), e.expenseFen())).toList());
        RecipientList recipients = c.recipients() == null ? null : new RecipientList(freeText(c.recipients().programme()),
                c.recipients().recipients().stream().map(r -> new Recipient(freeText(r.name()), freeText(r.group()),
                        r.population(), r.amountFen(), idNumber(r.idNumber()))).toList());
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), freeText(c.title()), freeText(c.body()),
                tables, journal, recipients);
    }

    private static boolean looksLikeId(String candidate, int from, int length, String pattern) {
        if (Character.toUpperCase(candidate.charAt(candidate.length() - 1)) == 'X') {
            return true;
        }
        try {
            LocalDate.parse(candidate.substring(from, from + length),
                    DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu").replace("yy", "uu"))
                            .withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String replace(Pattern p, String text, UnaryOperator<String> f) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
