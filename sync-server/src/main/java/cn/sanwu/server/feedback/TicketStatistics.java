package cn.sanwu.server.feedback;

import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Oversight figures over a period (docs/tickets.md "Statistics"): per village, per township and per
 * ticket category — notices entered and published, tickets received, answered, closed and overdue.
 * A township reviewer sees its own villages, city oversight every village below the city. Periods
 * are calendar days in Asia/Shanghai, both ends included. Read-only; thread-safe.
 */
public final class TicketStatistics {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Longer periods are refused: the figures are computed on each request. */
    public static final int MAX_DAYS = 3 * 366;

    /**
     * One table row. {@code entered}/{@code published} are null on category rows (a category is
     * the tickets'). Ticket counts are of tickets received in the period; answered, closed and
     * overdue say what has become of them by now (overdue: answered late, or unanswered past the
     * deadline).
     */
    public record Row(String code, String name, Integer entered, Integer published, int received, int answered,
            int closed, int overdue) {
    }

    public record Report(LocalDate from, LocalDate to, Instant computedAt, List<Row> villages, List<Row> townships,
            List<Row> categories, Row total) {
    }

    private final Database db;
    private final Clock clock;
    private final TicketScope scope;

    public TicketStatistics(Database db, Clock clock, TicketScope scope) {
        this.db = db;
        this.clock = clock;
        this.scope = scope;
    }

    public Report report(User user, LocalDate from, LocalDate to) {
        if (user.role() != Role.TOWNSHIP_REVIEWER && user.role() != Role.CITY_OVERSIGHT) {
            throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "FORBIDDEN", "统计仅供乡镇和市级监督查看。");
        }
        if (from == null || to == null) {
            throw new Refusal(Refusal.Kind.INVALID, "PERIOD_INVALID", "请填写统计的起止日期（如 2026-01-01）。");
        }
        if (to.isBefore(from)) {
            throw new Refusal(Refusal.Kind.INVALID, "PERIOD_INVALID", "结束日期不能早于开始日期。");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new Refusal(Refusal.Kind.INVALID, "PERIOD_TOO_LONG", "统计期间最长三年。");
        }
        Instant start = from.atStartOfDay(CHINA).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(CHINA).toInstant();
        Instant now = clock.instant();
        Set<String> villages = scope.visibleVillages(user);
        Map<String, String> township = scope.townshipOf();
        Map<String, String> names = scope.names();
        return db.inTransaction(c -> {
            Map<String, int[]> byVillage = new TreeMap<>();
            Map<String, int[]> byCategory = new TreeMap<>();
            for (String v : villages) {
                byVillage.put(v, new int[6]);
            }
            countNotices(c, villages, start, end, byVillage);
            try (PreparedStatement ps = c.prepareStatement("SELECT village_code, category, created_at, replied_at, closed_at"
                    + " FROM ticket WHERE created_at >= ? AND created_at < ?")) {
                ps.setObject(1, utc(start));
                ps.setObject(2, utc(end));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String village = rs.getString(1);
                        if (!villages.contains(village)) {
                            continue;
                        }
                        String category = rs.getString(2) == null ? "UNCLASSIFIED" : rs.getString(2);
                        Instant created = instant(rs, 3);
                        Instant replied = instant(rs, 4);
                        boolean closed = rs.getObject(5) != null;
                        boolean late = replied == null ? Escalation.overdue(created, null, now)
                                : replied.isAfter(Escalation.dueAt(created));
                        for (int[] n : List.of(byVillage.get(village), byCategory.computeIfAbsent(category, k -> new int[6]))) {
                            n[2]++;
                            n[3] += replied != null ? 1 : 0;
                            n[4] += closed ? 1 : 0;
                            n[5] += late ? 1 : 0;
                        }
                    }
                }
            }
            Map<String, int[]> byTownship = new TreeMap<>();
            int[] total = new int[6];
            for (Map.Entry<String, int[]> e : byVillage.entrySet()) {
                int[] t = byTownship.computeIfAbsent(township.getOrDefault(e.getKey(), e.getKey()), k -> new int[6]);
                for (int i = 0; i < 6; i++) {
                    t[i] += e.getValue()[i];
                    total[i] += e.getValue()[i];
                }
            }
            return new Report(from, to, now, rows(byVillage, names::get, true), rows(byTownship, names::get, true),
                    rows(byCategory, TicketStatistics::categoryName, false),
                    row("TOTAL", "合计", total, true));
        });
    }

    /** Entered: a notice whose first revision reached the server in the period; published: publications in it. */
    private static void countNotices(Connection c, Set<String> villages, Instant start, Instant end,
            Map<String, int[]> byVillage) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT scope, MIN(committed_at) FROM change_feed"
                + " WHERE entity_type = ? GROUP BY scope, entity_id")) {
            ps.setString(1, SyncProtocol.ENTITY_NOTICE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant first = instant(rs, 2);
                    if (villages.contains(rs.getString(1)) && !first.isBefore(start) && first.isBefore(end)) {
                        byVillage.get(rs.getString(1))[0]++;
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT village_code FROM publication WHERE published_at >= ? AND published_at < ?")) {
            ps.setObject(1, utc(start));
            ps.setObject(2, utc(end));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int[] n = byVillage.get(rs.getString(1));
                    if (n != null) {
                        n[1]++;
                    }
                }
            }
        }
    }

    private static String categoryName(String category) {
        return TicketCategory.parse(category).map(TicketCategory::nameZh).orElse("未分类");
    }

    private static List<Row> rows(Map<String, int[]> counts, Function<String, String> name, boolean notices) {
        List<Row> out = new ArrayList<>();
        counts.forEach((code, n) -> out.add(row(code, name.apply(code) == null ? code : name.apply(code), n, notices)));
        return out;
    }

    private static Row row(String code, String name, int[] n, boolean notices) {
        return new Row(code, name, notices ? n[0] : null, notices ? n[1] : null, n[2], n[3], n[4], n[5]);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
