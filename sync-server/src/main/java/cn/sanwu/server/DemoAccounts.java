package cn.sanwu.server;

import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.server.access.Role;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo server's regions (the client demo's tree: 示例市 → 示例县 → 红旗镇 / 五一乡 → villages)
 * and one account per role with fixed, printed passwords — reset on every demo start, so the
 * README's commands always work. Never used outside {@code --demo}.
 */
final class DemoAccounts {

    static final String CITY = "219900000000";
    static final String COUNTY = "219901000000";
    static final String TOWNSHIP = "219901101000";

    record DemoUser(String username, String displayName, Role role, String scope, String password) {
    }

    static final List<Region> REGIONS = List.of(
            new Region(CITY, "示例市", RegionLevel.CITY, null),
            new Region(COUNTY, "示例县", RegionLevel.COUNTY, CITY),
            new Region(TOWNSHIP, "红旗镇", RegionLevel.TOWNSHIP, COUNTY),
            new Region(Main.DEMO_VILLAGE, "红旗村", RegionLevel.VILLAGE, TOWNSHIP),
            new Region("219901101202", "新民村", RegionLevel.VILLAGE, TOWNSHIP),
            new Region("219901101001", "镇中社区", RegionLevel.COMMUNITY, TOWNSHIP),
            new Region("219901102000", "五一乡", RegionLevel.TOWNSHIP, COUNTY),
            new Region("219901102201", "前进村", RegionLevel.VILLAGE, "219901102000"));

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo-admin", "演示管理员", Role.ADMIN, null, "demo-admin-pass"),
            new DemoUser("hongqi-reviewer", "红旗镇审核员", Role.TOWNSHIP_REVIEWER, TOWNSHIP, "hongqi-review-pass"),
            new DemoUser("hongqi-clerk", "红旗村报账员", Role.VILLAGE_CLERK, Main.DEMO_VILLAGE, "hongqi-clerk-pass"),
            new DemoUser("hongqi-supervisor", "红旗村监委会", Role.VILLAGE_SUPERVISOR, Main.DEMO_VILLAGE, "hongqi-super-pass"),
            new DemoUser("city-oversight", "示例市监管", Role.CITY_OVERSIGHT, CITY, "city-oversight-pass"));

    private DemoAccounts() {
    }

    /** Creates what is missing and resets the demo passwords; prints the credentials. */
    static void seed(Accounts accounts, PrintStream out) {
        for (Region r : REGIONS) {
            if (accounts.regions().find(r.code()).isEmpty()) {
                accounts.regions().create(r);
            }
        }
        for (DemoUser u : USERS) {
            if (accounts.users().find(u.username()).isPresent()) {
                accounts.users().setPassword(u.username(), u.password());
                accounts.users().setDisabled(u.username(), false);
            } else {
                accounts.users().createUser(u.username(), u.displayName(), u.role(), u.scope(), u.password());
            }
            out.println("demo: user " + u.username() + " password " + u.password() + " (" + u.role().id()
                    + (u.scope() == null ? "" : ", scope " + u.scope()) + ")");
        }
    }
}
