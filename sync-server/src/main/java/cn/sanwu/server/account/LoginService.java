package cn.sanwu.server.account;

import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.throttle.Throttle;
import cn.sanwu.server.throttle.ThrottleRule;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Username and password → session, with backoff (docs/decisions/0011). Every attempt takes the
 * same path whether or not the account exists: count it (per account name and per client
 * address, in the database), verify the password against the stored hash or a dummy hash of the
 * same cost, then answer. So answers and timing do not tell which usernames exist, and a blocked
 * name is blocked whether it exists or not. A correct password forgets the account's failures and
 * rehashes a hash made at an older cost. Thread-safe.
 */
public final class LoginService {

    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final Throttle throttle;
    private final ThrottleRule accountRule;
    private final ThrottleRule sourceRule;
    /** Verified when the name is not an account, so that the answer takes as long as for a real one. */
    private final String dummyHash;
    /**
     * Argon2id needs its memory (19 MiB by default) per hash in flight; this bounds how many run at
     * once, so a burst of logins queues instead of exhausting the heap.
     */
    private final Semaphore hashing = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    public LoginService(AccountService accounts, PasswordHasher hasher, Throttle throttle, SecurityConfig config) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.accountRule = new ThrottleRule.Backoff("login-user", config.loginFreeFailures(), config.loginBaseDelay(),
                config.loginMaxDelay(), Duration.ofHours(24));
        this.sourceRule = new ThrottleRule.Window("login-source", config.loginFailuresPerSource(), Duration.ofHours(1));
        this.dummyHash = hasher.hash("dummy password that matches no account");
    }

    public sealed interface Outcome {
        record Success(AccountService.Session session) implements Outcome {
        }

        /** Unknown user or wrong password: deliberately one answer. */
        record BadCredentials() implements Outcome {
        }

        /** The password was right but the account is disabled. */
        record Disabled() implements Outcome {
        }

        /** Too many failures: try again after {@code retryAfter}; nothing was checked. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    /** {@code source} is the client's address (hashed before it is stored). */
    public Outcome login(String username, String password, String source) {
        Optional<String> name = Credentials.normaliseUsername(username);
        String accountSubject = name.orElseGet(() -> "?" + lowerPrefix(username));
        List<Throttle.Subject> subjects = List.of(new Throttle.Subject(accountRule, accountSubject),
                new Throttle.Subject(sourceRule, source));
        Optional<Duration> blocked = throttle.attempt(subjects);
        if (blocked.isPresent()) {
            return new Outcome.Throttled(blocked.get());
        }
        Optional<UserRepository.StoredUser> stored = name.flatMap(accounts::findForLogin);
        String typed = password == null ? "" : password;
        boolean matches = verify(typed, stored.map(UserRepository.StoredUser::passwordHash).orElse(dummyHash));
        if (stored.isEmpty() || !matches) {
            return new Outcome.BadCredentials();
        }
        throttle.succeeded(subjects);
        User user = stored.get().user();
        if (user.isDisabled()) {
            return new Outcome.Disabled();
        }
        if (hasher.needsRehash(stored.get().passwordHash())) {
            accounts.replaceHash(user.id(), hash(typed));
        }
        return new Outcome.Success(accounts.openSession(user));
    }

    private boolean verify(String password, String phc) {
        hashing.acquireUninterruptibly();
        try {
            return hasher.verify(password, phc);
        } finally {
            hashing.release();
        }
    }

    private String hash(String password) {
        hashing.acquireUninterruptibly();
        try {
            return hasher.hash(password);
        } finally {
            hashing.release();
        }
    }

    private static String lowerPrefix(String typed) {
        String s = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
