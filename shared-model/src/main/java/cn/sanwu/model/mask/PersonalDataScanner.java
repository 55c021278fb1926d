package cn.sanwu.model.mask;

import cn.sanwu.model.validation.IdNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds unmasked personal data in text that is about to be published (rendered PDFs, web pages,
 * exports, logs): resident ID numbers with a valid check character, bank-card numbers of 16–19
 * digits that pass the Luhn check, and mainland mobile numbers. It is the independent check on
 * {@link Masking}: it reads text the same way (invisible characters removed, NFKC, any digits), and the checksums keep false alarms on amounts, dates and voucher numbers rare, so
 * a finding is worth failing a build or blocking a publication. Stateless, thread-safe.
 */
public final class PersonalDataScanner {

    /** What kind of personal data a finding is. */
    public enum Kind {
        ID_NUMBER,
        BANK_CARD,
        MOBILE
    }

    /**
     * One finding: {@code text} is the matched span as it appears, {@code start}/{@code end} its
     * offsets in the scanned text (end exclusive).
     */
    public record Finding(Kind kind, int start, int end, String text) {

        /** The digits (and a trailing X of an ID number) as ASCII, without spaces, dashes or invisible characters. */
        public String normalized() {
            return MatchView.of(text).text().replaceAll("[^0-9Xx]", "").toUpperCase(java.util.Locale.ROOT);
        }
    }

    // An 18-character ID written plain or grouped 6-8-4 (as some forms print it).
    private static final Pattern ID = Pattern.compile(
            "(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{6}[ -][0-9]{8}[ -][0-9]{3}[0-9Xx])(?![0-9])");
    // A card written plain, grouped by fours (4-4-4-4, 4-4-4-4-3) or 6 + rest, as banks print them.
    private static final Pattern CARD = Pattern.compile(
            "(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[ -][0-9]{4}){2,3}[ -][0-9]{1,4}|[0-9]{6}[ -][0-9]{10,13})(?![0-9])");
    /** Shared with {@link Masking} so that whatever the scanner calls a mobile number is masked. */
    static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])");

    private PersonalDataScanner() {
    }

    /**
     * All findings, ordered by position. An ID number is not also reported as a card. The text is
     * read as a person reads the printed page ({@link MatchView}): zero-width and other invisible
     * characters do not split a number, full-width and other digits count; offsets and
     * {@link Finding#text()} refer to the text as given.
     */
    public static List<Finding> scan(String text) {
        List<Finding> findings = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return findings;
        }
        MatchView view = MatchView.of(text);
        String v = view.text();
        List<int[]> idSpans = new ArrayList<>();
        Matcher m = ID.matcher(v);
        while (m.find()) {
            if (IdNumber.isValid(m.group().replaceAll("[ -]", ""))) {
                findings.add(finding(Kind.ID_NUMBER, view, m));
                idSpans.add(new int[] {m.start(), m.end()});
            }
        }
        m = CARD.matcher(v);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            String digits = m.group().replaceAll("[ -]", "");
            boolean isId = idSpans.stream().anyMatch(f -> f[0] == start && f[1] == end);
            if (!isId && digits.length() >= 16 && digits.length() <= 19 && luhnValid(digits)) {
                findings.add(finding(Kind.BANK_CARD, view, m));
            }
        }
        m = MOBILE.matcher(v);
        while (m.find()) {
            findings.add(finding(Kind.MOBILE, view, m));
        }
        findings.sort(Comparator.comparingInt(Finding::start));
        return findings;
    }

    private static Finding finding(Kind kind, MatchView view, Matcher m) {
        int start = view.originalStart(m.start());
        int end = view.originalEnd(m.end());
        return new Finding(kind, start, end, view.original().substring(start, end));
    }

    public static boolean isClean(String text) {
        return scan(text).isEmpty();
    }

    /** The Luhn (mod 10) check used by bank cards (ISO/IEC 7812). */
    public static boolean luhnValid(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
