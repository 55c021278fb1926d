package cn.sanwu.server.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for usernames and passwords, shared by the command line and the login. Stateless. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 10;
    /** Argon2 takes any length; a cap keeps a login body from making the server hash megabytes. */
    public static final int MAX_PASSWORD_LENGTH = 256;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._-]{2,64}");

    private Credentials() {
    }

    /**
     * The stored form of a username: NFKC (full-width letters become ASCII), stripped, lower case;
     * empty when it cannot be a username (2–64 letters, digits, dot, underscore, hyphen).
     */
    public static Optional<String> normaliseUsername(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String n = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return USERNAME.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    public static String requireUsername(String typed) {
        return normaliseUsername(typed).orElseThrow(() -> new Refusal(Refusal.Kind.INVALID, "USERNAME_INVALID",
                "用户名须为2至64个字母、数字、点、下划线或连字符。"));
    }

    /** Refuses a password that is too short, too long, or the username itself. */
    public static void requireAcceptablePassword(String password, String username) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            throw new Refusal(Refusal.Kind.INVALID, "PASSWORD_TOO_SHORT", "密码至少需要" + MIN_PASSWORD_LENGTH + "个字符。");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new Refusal(Refusal.Kind.INVALID, "PASSWORD_TOO_LONG", "密码最多" + MAX_PASSWORD_LENGTH + "个字符。");
        }
        if (normaliseUsername(password).filter(p -> p.equals(username)).isPresent()) {
            throw new Refusal(Refusal.Kind.INVALID, "PASSWORD_IS_USERNAME", "密码不能与用户名相同。");
        }
    }
}
