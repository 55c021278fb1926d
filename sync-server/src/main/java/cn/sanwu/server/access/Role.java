package cn.sanwu.server.access;

/**
 * Who is calling (DESIGN.md §2). Only {@link #PUBLIC} and {@link #VILLAGE_DEVICE} can be
 * authenticated today; the people's roles arrive with user accounts and are listed so that the
 * policy table is written against the real set.
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
}
