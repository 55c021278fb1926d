package cn.sanwu.model.mask;

import cn.sanwu.model.finance.CashJournal;
import cn.sanwu.model.finance.LedgerEntry;
import cn.sanwu.model.finance.Recipient;
import cn.sanwu.model.finance.RecipientList;
import cn.sanwu.model.notice.ColumnType;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.notice.NoticeTable;
import cn.sanwu.model.notice.TableColumn;
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

    private Masking() {
    }

    /** {@code 110105********123X}; anything that is not an ID number is hidden whole. */
    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        String s = MatchView.of(id).text().strip();
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
        String digits = MatchView.of(account).text().replaceAll("\\D", "");
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
     * Matching runs on what a reader sees ({@link MatchView}): zero-width and other invisible
     * characters cannot split a number, full-width or circled digits count as digits. The result
     * is the text without its invisible characters, with each finding replaced.
     * Order matters: ID numbers first (an 18-digit run with a plausible birth date, or ending in
     * X, is an ID; any other 15/18-digit run is masked as an account), then mobile and landline
     * numbers (hidden whole), then any remaining run of 12–19 digits (masked as an account).
     * Whatever {@link PersonalDataScanner} reports is covered by one of these passes.
     */
    public static String freeText(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        MatchView view = MatchView.of(text);
        char[] work = view.text().toCharArray();
        List<Span> spans = new ArrayList<>();
        find(ID18_IN_TEXT, view, work, spans, m -> looksLikeId(m, 6, 8, "yyyyMMdd") ? idNumber(m) : bankAccount(m));
        find(ID15_IN_TEXT, view, work, spans, m -> looksLikeId(m, 6, 6, "yyMMdd") ? idNumber(m) : bankAccount(m));
        find(MOBILE_IN_TEXT, view, work, spans, m -> HIDDEN);
        find(LANDLINE_IN_TEXT, view, work, spans, m -> HIDDEN);
        find(BANK_IN_TEXT, view, work, spans, Masking::bankAccount);
        return rebuild(text, spans);
    }

    /**
     * A cell of a typed column as it may appear in public. A money cell passes (as ASCII digits)
     * only when it is a well-formed number of fen; every other cell, integers and dates included,
     * is masked as free text: an 11-digit "integer" is a mobile number and a 15-digit one an old ID
     * number, whatever the column says.
     */
    public static String cell(String value, ColumnType type) {
        return switch (type) {
            case ID_NUMBER -> idNumber(value);
            case BANK_ACCOUNT -> bankAccount(value);
            case PHONE -> phone(value);
            case ADDRESS -> address(value);
            case TEXT, PERSON_NAME, INTEGER, DATE -> freeText(value);
            case MONEY_FEN -> {
                String digits = value == null ? "" : MatchView.of(value).text().strip();
                yield TYPED_INTEGER.matcher(digits).matches() ? digits : freeText(value);
            }
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
            List<TableColumn> columns = t.columns().stream()
                    .map(col -> new TableColumn(freeText(col.title()), col.type())).toList();
            tables.add(new NoticeTable(freeText(t.caption()), columns, rows));
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

    /** A replacement of the original text's {@code [start, end)}. */
    private record Span(int start, int end, String replacement) {
    }

    /**
     * Records every match of {@code p} in the view as a span of the original text and blanks the
     * match in {@code work} (same length, so view offsets stay valid) so later passes skip it.
     */
    private static void find(Pattern p, MatchView view, char[] work, List<Span> spans, UnaryOperator<String> f) {
        Matcher m = p.matcher(new String(work));
        while (m.find()) {
            spans.add(new Span(view.originalStart(m.start()), view.originalEnd(m.end()), f.apply(m.group())));
            java.util.Arrays.fill(work, m.start(), m.end(), '*');
        }
    }

    /** The original without invisible characters, each span replaced (overlapping spans merged). */
    private static String rebuild(String original, List<Span> spans) {
        spans.sort(java.util.Comparator.comparingInt(Span::start));
        StringBuilder b = new StringBuilder(original.length());
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            int end = s.end();
            StringBuilder replacement = new StringBuilder(s.replacement());
            // Two findings can share one original code point only when it expanded to several
            // characters (⒓ reads "12."); mask both in one go rather than print either half.
            while (i + 1 < spans.size() && spans.get(i + 1).start() < end) {
                Span next = spans.get(++i);
                replacement.append(next.replacement());
                end = Math.max(end, next.end());
            }
            b.append(MatchView.withoutInvisible(original.substring(at, Math.max(at, s.start()))));
            b.append(replacement);
            at = Math.max(at, end);
        }
        b.append(MatchView.withoutInvisible(original.substring(at)));
        return b.toString();
    }
}
