package cn.sanwu.server.feedback;

import cn.sanwu.model.region.Region;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.account.User;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may see and handle which ticket: a village clerk or supervisor the questions of their own
 * village (never a problem report), a township reviewer and city oversight every ticket of the
 * villages below their region. One rule for the list, the steps, the pull and the statistics.
 * Stateless apart from the region service; thread-safe.
 */
public final class TicketScope {

    private final RegionService regions;

    public TicketScope(RegionService regions) {
        this.regions = regions;
    }

    /** Villages whose tickets {@code user} may see: a village role its own, others those below their scope. */
    public Set<String> visibleVillages(User user) {
        return villagesUnder(user.role(), user.scopeCode());
    }

    /** The same, for an account read as role and scope (an assignee). */
    public Set<String> villagesUnder(Role role, String scopeCode) {
        if (scopeCode == null || !(isVillageRole(role) || role == Role.TOWNSHIP_REVIEWER || role == Role.CITY_OVERSIGHT)) {
            return Set.of();
        }
        if (isVillageRole(role)) {
            return Set.of(scopeCode);
        }
        Map<String, String> parents = new HashMap<>();
        List<Region> all = regions.list();
        for (Region r : all) {
            parents.put(r.code(), r.parentCode());
        }
        Set<String> out = new HashSet<>();
        for (Region r : all) {
            if (!r.level().isDisclosingUnit()) {
                continue;
            }
            String at = r.code();
            for (int depth = 0; at != null && depth < 8; depth++) {
                if (at.equals(scopeCode)) {
                    out.add(r.code());
                    break;
                }
                at = parents.get(at);
            }
        }
        return out;
    }

    /** The township above each village, by code (a village without one maps to itself). */
    public Map<String, String> townshipOf() {
        Map<String, Region> byCode = new HashMap<>();
        for (Region r : regions.list()) {
            byCode.put(r.code(), r);
        }
        Map<String, String> out = new HashMap<>();
        for (Region r : byCode.values()) {
            if (r.level().isDisclosingUnit()) {
                Region parent = byCode.get(r.parentCode());
                out.put(r.code(), parent == null ? r.code() : parent.code());
            }
        }
        return out;
    }

    /** The region's name by code, for tables. */
    public Map<String, String> names() {
        Map<String, String> out = new HashMap<>();
        for (Region r : regions.list()) {
            out.put(r.code(), r.name());
        }
        return out;
    }

    /** True when an account of {@code role} over {@code villages} may see {@code ticket}. */
    public static boolean sees(Role role, Set<String> villages, String villageCode, TicketKind kind) {
        return villages.contains(villageCode) && (!isVillageRole(role) || kind == TicketKind.QUESTION);
    }

    /**
     * True when a ticket {@code role} may see keeps its photo from them: a village account once
     * staff classified the ticket as 问题线索. The text is masked for village accounts; a photo
     * cannot be, and it may show who took it (ADR 0029).
     */
    public static boolean photoWithheld(Role role, TicketCategory category) {
        return isVillageRole(role) && category == TicketCategory.PROBLEM_LEAD;
    }

    public static boolean isVillageRole(Role role) {
        return role == Role.VILLAGE_CLERK || role == Role.VILLAGE_SUPERVISOR;
    }
}
