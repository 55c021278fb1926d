package cn.sanwu.server.account;

import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.device.Secrets;
import cn.sanwu.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * User accounts (DESIGN.md §2, §7): creation and administration for the command line, and
 * sessions for the API — a 256-bit bearer token stored only as its SHA-256, with a fixed lifetime,
 * revoked by logout, by a password change or by disabling the account. Thread-safe; all state is
 * in the database. The login itself, with its backoff, is {@link LoginService}.
 */
public final class AccountService {

    private final Database db;
    private final Clock clock;
    private final RegionService regions;
    private final PasswordHasher hasher;
    private final Duration sessionLifetime;
    private final Secrets secrets = new Secrets();
    private final UserRepository repository = new UserRepository();

    public AccountService(Database db, Clock clock, RegionService regions, PasswordHasher hasher, Duration sessionLifetime) {
        this.db = db;
        this.clock = clock;
        this.regions = regions;
        this.hasher = hasher;
        this.sessionLifetime = sessionLifetime;
    }

    /** What authenticating a session token found. */
    public sealed interface SessionCheck {
        record Valid(User user, Instant expiresAt) implements SessionCheck {
        }

        /** The token was valid once but its lifetime is over: log in again. */
        record Expired() implements SessionCheck {
        }

        /** Unknown, revoked, or the account is disabled. */
        record Invalid() implements SessionCheck {
        }
    }

    /** A fresh session: the token is shown this once only. */
    public record Session(String token, Instant expiresAt, User user) {
    }

    public User createUser(String username, String displayName, Role role, String scopeCode, String password) {
        String name = Credentials.requireUsername(username);
        Credentials.requireAcceptablePassword(password, name);
        requireScopeFitsRole(role, scopeCode);
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 100) {
            throw new Refusal(Refusal.Kind.INVALID, "DISPLAY_NAME_TOO_LONG", "姓名最多100个字符。");
        }
        User user = new User(UUID.randomUUID(), name, display, role, scopeCode, now(), null);
        String hash = hasher.hash(password);
        return db.inTransaction(c -> {
            if (repository.findByUsername(c, name).isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "USERNAME_TAKEN", "用户名已存在：" + name);
            }
            repository.insert(c, user, hash);
            return user;
        });
    }

    /** Sets a new password and ends the user's open sessions. */
    public void setPassword(String username, String password) {
        User user = require(username);
        Credentials.requireAcceptablePassword(password, user.username());
        String hash = hasher.hash(password);
        Instant now = now();
        db.inTransaction(c -> {
            repository.updatePasswordHash(c, user.id(), hash);
            return repository.revokeSessionsOf(c, user.id(), now);
        });
    }

    /** Disables (true) or re-enables (false) an account; disabling ends its sessions. False if unchanged. */
    public boolean setDisabled(String username, boolean disabled) {
        User user = require(username);
        Instant now = now();
        return db.inTransaction(c -> {
            boolean changed = repository.setDisabled(c, user.id(), disabled ? now : null);
            if (disabled) {
                repository.revokeSessionsOf(c, user.id(), now);
            }
            return changed;
        });
    }

    /** Ends every open session of the user; answers how many. */
    public int revokeSessions(String username) {
        User user = require(username);
        Instant now = now();
        return db.inTransaction(c -> repository.revokeSessionsOf(c, user.id(), now));
    }

    public Optional<User> find(String username) {
        return Credentials.normaliseUsername(username)
                .flatMap(name -> db.inTransaction(c -> repository.findByUsername(c, name)))
                .map(UserRepository.StoredUser::user);
    }

    public List<User> list() {
        return db.inTransaction(repository::list);
    }

    public long countActiveAdmins() {
        return db.inTransaction(repository::countActiveAdmins);
    }

    /** The user a session token belongs to, if the session is open and the account enabled. */
    public SessionCheck authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return new SessionCheck.Invalid();
        }
        Instant now = now();
        return db.inTransaction(c -> repository.findSession(c, Secrets.hash(token.strip())))
                .<SessionCheck>map(s -> {
                    if (s.revokedAt() != null || s.user().isDisabled()) {
                        return new SessionCheck.Invalid();
                    }
                    if (!s.expiresAt().isAfter(now)) {
                        return new SessionCheck.Expired();
                    }
                    return new SessionCheck.Valid(s.user(), s.expiresAt());
                })
                .orElseGet(SessionCheck.Invalid::new);
    }

    /** Ends the session of this token; false if it was not open. */
    public boolean logout(String token) {
        Instant now = now();
        return db.inTransaction(c -> repository.revokeSession(c, Secrets.hash(token.strip()), now)) == 1;
    }

    /** Opens a session for a user whose password was just verified. */
    Session openSession(User user) {
        String token = secrets.newToken();
        Instant now = now();
        Instant expires = now.plus(sessionLifetime);
        db.inTransaction(c -> {
            repository.insertSession(c, Secrets.hash(token), user.id(), now, expires);
            return null;
        });
        return new Session(token, expires, user);
    }

    /** The user with the stored hash, for the login; empty for any name that is not an account. */
    Optional<UserRepository.StoredUser> findForLogin(String normalisedUsername) {
        return db.inTransaction(c -> repository.findByUsername(c, normalisedUsername));
    }

    /** Stores a hash made at the current cost (after a login verified the password). */
    void replaceHash(UUID userId, String newHash) {
        db.inTransaction(c -> {
            repository.updatePasswordHash(c, userId, newHash);
            return null;
        });
    }

    /** Milliseconds: both databases store them exactly, so a session ends exactly when it should. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private User require(String username) {
        return find(username).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "USER_UNKNOWN", "没有这个用户：" + username));
    }

    /** Village roles sit at a village, reviewers at a township, oversight at a city or county; admins everywhere. */
    private void requireScopeFitsRole(Role role, String scopeCode) {
        if (!role.isPersonRole()) {
            throw new Refusal(Refusal.Kind.INVALID, "ROLE_INVALID", "不是用户角色：" + role.id());
        }
        if (role == Role.ADMIN) {
            if (scopeCode != null) {
                throw new Refusal(Refusal.Kind.INVALID, "ADMIN_SCOPE", "系统管理员管理整个系统，不设管辖范围。");
            }
            return;
        }
        if (scopeCode == null) {
            throw new Refusal(Refusal.Kind.INVALID, "SCOPE_MISSING", "请指定管辖范围（行政区划代码）。");
        }
        Region scope = regions.find(scopeCode).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "REGION_UNKNOWN",
                "行政区划 " + scopeCode + " 不存在，请先创建。"));
        boolean fits = switch (role) {
            case VILLAGE_CLERK, VILLAGE_SUPERVISOR -> scope.level().isDisclosingUnit();
            case TOWNSHIP_REVIEWER -> scope.level() == RegionLevel.TOWNSHIP;
            case CITY_OVERSIGHT -> scope.level() == RegionLevel.CITY || scope.level() == RegionLevel.COUNTY;
            default -> false;
        };
        if (!fits) {
            throw new Refusal(Refusal.Kind.INVALID, "SCOPE_LEVEL", "角色 " + role.id() + " 不能以“" + scope.name() + "”（"
                    + scope.level().nameZh() + "）为管辖范围。");
        }
    }
}
