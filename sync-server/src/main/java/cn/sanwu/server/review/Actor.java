package cn.sanwu.server.review;

import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.User;
import cn.sanwu.server.device.Device;
import java.util.Objects;
import java.util.UUID;

/**
 * Who performs a review action: a person (by account) or a village PC (by device token, for what
 * travels in a sync push). {@code scope} is the region the actor acts in.
 */
public record Actor(Kind kind, UUID id, Role role, String scope, String name) {

    public enum Kind {
        DEVICE, USER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromId(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        name = name == null ? "" : name;
    }

    public static Actor of(User user) {
        return new Actor(Kind.USER, user.id(), user.role(), user.scopeCode(), user.displayName());
    }

    public static Actor of(Device device) {
        return new Actor(Kind.DEVICE, device.id(), Role.VILLAGE_DEVICE, device.villageCode(), device.name());
    }
}
