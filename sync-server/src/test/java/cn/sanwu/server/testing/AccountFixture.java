package cn.sanwu.server.testing;

import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.server.Accounts;
import cn.sanwu.server.access.Role;
import java.util.List;

/**
 * A small region tree and one account per role and scope, for access tests:
 * 示例市 → 示例县 → 红旗镇 (our township: {@link #OWN_VILLAGE}, {@link #SIBLING_VILLAGE}) and
 * 五一乡 (the other township: {@link #OTHER_TOWNSHIP_VILLAGE}). Every password is {@link #PASSWORD}.
 */
public final class AccountFixture {

    public static final String CITY = "219900000000";
    public static final String COUNTY = "219901000000";
    public static final String TOWNSHIP = "219901101000";
    public static final String OTHER_TOWNSHIP = "219901102000";
    public static final String OWN_VILLAGE = Notices.VILLAGE;
    public static final String SIBLING_VILLAGE = Notices.OTHER_VILLAGE;
    public static final String OTHER_TOWNSHIP_VILLAGE = "219901102201";
    public static final String PASSWORD = "correct horse battery";

    /** A user of the fixture: username, role, scope (null for the admin). */
    public record Person(String username, Role role, String scope) {
    }

    public static final List<Person> PEOPLE = List.of(
            new Person("clerk", Role.VILLAGE_CLERK, OWN_VILLAGE),
            new Person("supervisor", Role.VILLAGE_SUPERVISOR, OWN_VILLAGE),
            new Person("reviewer", Role.TOWNSHIP_REVIEWER, TOWNSHIP),
            new Person("reviewer-other", Role.TOWNSHIP_REVIEWER, OTHER_TOWNSHIP),
            new Person("oversight", Role.CITY_OVERSIGHT, CITY),
            new Person("admin", Role.ADMIN, null));

    private AccountFixture() {
    }

    public static void createRegions(Accounts accounts) {
        for (Region r : List.of(
                new Region(CITY, "示例市", RegionLevel.CITY, null),
                new Region(COUNTY, "示例县", RegionLevel.COUNTY, CITY),
                new Region(TOWNSHIP, "红旗镇", RegionLevel.TOWNSHIP, COUNTY),
                new Region(OWN_VILLAGE, "红旗村", RegionLevel.VILLAGE, TOWNSHIP),
                new Region(SIBLING_VILLAGE, "新民村", RegionLevel.VILLAGE, TOWNSHIP),
                new Region(OTHER_TOWNSHIP, "五一乡", RegionLevel.TOWNSHIP, COUNTY),
                new Region(OTHER_TOWNSHIP_VILLAGE, "前进村", RegionLevel.VILLAGE, OTHER_TOWNSHIP))) {
            accounts.regions().create(r);
        }
    }

    /** Regions plus every person of {@link #PEOPLE}. */
    public static void create(Accounts accounts) {
        createRegions(accounts);
        for (Person p : PEOPLE) {
            accounts.users().createUser(p.username(), null, p.role(), p.scope(), PASSWORD);
        }
    }
}
