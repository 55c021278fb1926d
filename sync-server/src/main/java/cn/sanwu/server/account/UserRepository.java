package cn.sanwu.server.account;

import cn.sanwu.server.access.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for users and their sessions, inside the caller's transaction. Stateless. */
final class UserRepository {

    private static final String USER_COLUMNS = "u.id, u.username, u.display_name, u.user_role, u.scope_code, u.created_at,"
            + " u.disabled_at, u.password_hash";

    /** A user with the stored password hash, which never leaves this package. */
    record StoredUser(User user, String passwordHash) {
    }

    /** A session row joined with its user. */
    record StoredSession(User user, Instant expiresAt, Instant revokedAt) {
    }

    void insert(Connection c, User user, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user(id, username, display_name, user_role,"
                + " scope_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, user.id());
            ps.setString(2, user.username());
            ps.setString(3, user.displayName());
            ps.setString(4, user.role().id());
            ps.setString(5, user.scopeCode());
            ps.setString(6, passwordHash);
            ps.setObject(7, utc(user.createdAt()));
            ps.executeUpdate();
        }
    }

    Optional<StoredUser> findByUsername(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredUser(readUser(rs), rs.getString(8))) : Optional.empty();
            }
        }
    }

    List<User> list(Connection c) throws SQLException {
        List<User> users = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + " FROM app_user u ORDER BY u.username");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                users.add(readUser(rs));
            }
        }
        return users;
    }

    long countActiveAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM app_user WHERE user_role = ? AND disabled_at IS NULL")) {
            ps.setString(1, Role.ADMIN.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void updatePasswordHash(Connection c, UUID userId, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setObject(2, userId);
            ps.executeUpdate();
        }
    }

    /** Sets or clears disabled_at; false if the state was already so. */
    boolean setDisabled(Connection c, UUID userId, Instant disabledAt) throws SQLException {
        String sql = disabledAt == null
                ? "UPDATE app_user SET disabled_at = NULL WHERE id = ? AND disabled_at IS NOT NULL"
                : "UPDATE app_user SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (disabledAt != null) {
                ps.setObject(i++, utc(disabledAt));
            }
            ps.setObject(i, userId);
            return ps.executeUpdate() == 1;
        }
    }

    void insertSession(Connection c, String tokenHash, UUID userId, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_session(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setObject(2, userId);
            ps.setObject(3, utc(now));
            ps.setObject(4, utc(expiresAt));
            ps.executeUpdate();
        }
    }

    Optional<StoredSession> findSession(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLUMNS + ", s.expires_at, s.revoked_at"
                + " FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredSession(readUser(rs), rs.getObject(9, OffsetDateTime.class).toInstant(),
                        instantOrNull(rs, 10)));
            }
        }
    }

    /** Revokes one session (token hash) or all of a user's open ones (user id); answers how many. */
    int revokeSession(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE user_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setObject(1, utc(now));
            ps.setString(2, tokenHash);
            return ps.executeUpdate();
        }
    }

    int revokeSessionsOf(Connection c, UUID userId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE user_session SET revoked_at = ?"
                + " WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, userId);
            ps.setObject(3, utc(now));
            return ps.executeUpdate();
        }
    }

    private static User readUser(ResultSet rs) throws SQLException {
        String roleId = rs.getString(4);
        Role role = Role.fromId(roleId).orElseThrow(() -> new SQLException("unknown role in app_user: " + roleId));
        return new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), role, rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), instantOrNull(rs, 7));
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
