package cn.sanwu.server.account;

import cn.sanwu.server.access.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * A person's account. {@code scopeCode} is the region the user sees and acts in; null only for an
 * administrator (the whole deployment). {@code disabledAt} null while the account may log in.
 */
public record User(UUID id, String username, String displayName, Role role, String scopeCode, Instant createdAt,
        Instant disabledAt) {

    public boolean isDisabled() {
        return disabledAt != null;
    }
}
