package cn.sanwu.server.access;

/**
 * Who is calling (DESIGN.md §2): nobody in particular, an enrolled device (bearer device token)
 * or a person logged in with a user account (bearer session token) in one of the people's roles.
 */
public enum Role {
    /** Anyone, no credentials. */
    PUBLIC("public"),
    /** An enrolled village PC holding a device token; scope = its village. */
    VILLAGE_DEVICE("village-device"),
    VILLAGE_CLERK("village-clerk"),
    VILLAGE_SUPERVISOR("village-supervisor"),
    TOWNSHIP_REVIEWER("township-reviewer"),
    CITY_OVERSIGHT("city-oversight"),
    ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for the roles a user account can have (not {@link #PUBLIC}, not {@link #VILLAGE_DEVICE}). */
    public boolean isPersonRole() {
        return this != PUBLIC && this != VILLAGE_DEVICE;
    }

    /** The role with this id ({@code township-reviewer}), if any. */
    public static java.util.Optional<Role> fromId(String id) {
        for (Role r : values()) {
            if (r.id.equals(id)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
