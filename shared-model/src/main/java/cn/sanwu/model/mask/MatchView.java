package cn.sanwu.model.mask;

import java.text.Normalizer;

/**
 * Text as a reader of the printed page sees it, for matching personal-data patterns: invisible
 * format characters (zero-width spaces, soft hyphens, direction marks — Unicode category Cf) and
 * control characters are gone, every character is NFKC-normalised (full-width ０-９ and Ｘ,
 * circled ①, full-width ＋－（）), any decimal digit of any script becomes its ASCII digit, dashes
 * become {@code -} and spaces (including tabs and the ideographic space) {@code ' '}. Line breaks
 * stay as {@code \n}: they separate lines on paper, so they separate numbers here too.
 *
 * <p>Each view character remembers the code point of the original text it came from, so a match
 * in the view maps back to a span of the original ({@link #originalStart}, {@link #originalEnd}).
 */
final class MatchView {

    private final String original;
    private final String view;
    /** For every view char: the index in {@code original} of the code point it came from. */
    private final int[] origin;

    private MatchView(String original, String view, int[] origin) {
        this.original = original;
        this.view = view;
        this.origin = origin;
    }

    static MatchView of(String text) {
        StringBuilder v = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 2 + 4];
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String mapped = visible(cp);
            for (int k = 0; k < mapped.length(); k++) {
                if (v.length() == origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[v.length()] = i;
                v.append(mapped.charAt(k));
            }
            i += Character.charCount(cp);
        }
        return new MatchView(text, v.toString(), origin);
    }

    /** Whether a code point is invisible on paper and must neither print nor split a number. */
    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || Character.isISOControl(cp) && !isLineBreak(cp) && cp != '\t';
    }

    private static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    /** What one code point reads as; empty for invisible ones. */
    private static String visible(int cp) {
        if (isLineBreak(cp)) {
            return "\n";
        }
        if (invisible(cp)) {
            return "";
        }
        if (cp == '\t' || Character.getType(cp) == Character.SPACE_SEPARATOR) {
            return " ";
        }
        if (Character.getType(cp) == Character.DASH_PUNCTUATION) {
            return "-";
        }
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
            return String.valueOf((char) ('0' + Character.digit(cp, 10)));
        }
        if (cp < 0x80) {
            return String.valueOf((char) cp);
        }
        String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (!invisible(c)) {
                b.appendCodePoint(Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER ? '0' + Character.digit(c, 10) : c);
            }
        });
        return b.toString();
    }

    String text() {
        return view;
    }

    String original() {
        return original;
    }

    /** Start in the original text of the view span starting at {@code viewStart}. */
    int originalStart(int viewStart) {
        return origin[viewStart];
    }

    /** End (exclusive) in the original text of the view span ending at {@code viewEnd} (exclusive, > 0). */
    int originalEnd(int viewEnd) {
        int start = origin[viewEnd - 1];
        return start + Character.charCount(original.codePointAt(start));
    }

    /** The original text without its invisible characters (what prints, minus what cannot be seen). */
    static String withoutInvisible(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !invisible(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }
}
