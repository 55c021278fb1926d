package cn.sanwu.server.feedback;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * A ticket code: 11 random Crockford base32 characters (55 bits; guessing one is hopeless under the
 * lookup rate limit) and a check character, written {@code XXXX-XXXX-XXXX}. The check is a
 * weighted sum modulo 31 (prime), so one wrong character or two swapped neighbours are caught
 * before a lookup (except the pair 0/Z, whose values differ by exactly 31). Reading is forgiving
 * the Crockford way: case, spaces and hyphens are ignored, I and L read as 1, O as 0. Stateless.
 */
public final class TicketCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 12;
    private static final int CHECK_MODULUS = 31;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketCode() {
    }

    /** A fresh random code, 12 characters, no separators. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(32)));
        }
        return sb.append(checkChar(sb)).toString();
    }

    /** The canonical 12 characters of what a resident typed, if it is a well-formed code with a good check. */
    public static Optional<String> parse(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (ch == '-' || ch == ' ' || ch == '\u00a0') {
                continue;
            }
            char c = switch (ch) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> ch;
            };
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            sb.append(c);
        }
        if (sb.length() != LENGTH || checkChar(sb.subSequence(0, LENGTH - 1)) != sb.charAt(LENGTH - 1)) {
            return Optional.empty();
        }
        return Optional.of(sb.toString());
    }

    /** {@code XXXX-XXXX-XXXX}, for reading aloud and writing down. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    static char checkChar(CharSequence data) {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(data.charAt(i));
        }
        return ALPHABET.charAt(sum % CHECK_MODULUS);
    }
}
