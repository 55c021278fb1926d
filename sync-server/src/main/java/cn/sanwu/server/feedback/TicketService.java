package cn.sanwu.server.feedback;

import cn.sanwu.model.region.Region;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.account.User;
import cn.sanwu.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Residents' tickets: submitted anonymously, routed by kind (a question to the village and its
 * township, a problem report to the township and city oversight — never the village), handled by
 * staff in scope, every step timestamped in {@code ticket_event}. The reporter's contact is read
 * by {@link #contact} only, for city oversight. Thread-safe; state is in the database.
 */
public final class TicketService {

    public static final int MAX_TEXT_CHARS = 2000;
    public static final int MAX_CONTACT_CHARS = 100;
    public static final int MAX_NOTICE_REF_CHARS = 64;

    /** What the form carried, already checked for shape by the controller; photo already re-encoded. */
    public record Submission(String villageCode, TicketKind kind, String noticeRef, String body, String contact,
            byte[] photoJpeg) {
    }

    /** A ticket with where it waits now and its steps, for the status page. */
    public record Status(Ticket ticket, Escalation.Level waitingAt, boolean overdue, List<Ticket.Event> events) {
    }

    /** A ticket as the staff list shows it. */
    public record StaffView(Ticket ticket, Escalation.Level waitingAt, boolean overdue) {
    }

    private static final String COLUMNS = "code, village_code, kind, notice_ref, body, category, created_at, due_at,"
            + " reply, replied_at, closed_at, (SELECT COUNT(*) FROM ticket_photo p WHERE p.ticket_code = t.code)";

    private final Database db;
    private final Clock clock;
    private final RegionService regions;

    public TicketService(Database db, Clock clock, RegionService regions) {
        this.db = db;
        this.clock = clock;
        this.regions = regions;
    }

    public Region village(String code) {
        return regions.requireDisclosingUnit(code);
    }

    /** Stores a new ticket; answers its code. */
    public String submit(Submission s) {
        regions.requireDisclosingUnit(s.villageCode());
        String body = requireText(s.body(), "问题内容");
        String contact = optional(s.contact(), MAX_CONTACT_CHARS, "联系方式");
        String noticeRef = optional(s.noticeRef(), MAX_NOTICE_REF_CHARS, "公示编号");
        Instant now = now();
        String code = TicketCode.generate();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket(code, village_code, kind, notice_ref, body,"
                    + " created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, code);
                ps.setString(2, s.villageCode());
                ps.setString(3, s.kind().name());
                ps.setString(4, noticeRef);
                ps.setString(5, body);
                ps.setObject(6, utc(now));
                ps.setObject(7, utc(Escalation.dueAt(now)));
                ps.executeUpdate();
            }
            if (contact != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_contact(ticket_code, contact) VALUES (?, ?)")) {
                    ps.setString(1, code);
                    ps.setString(2, contact);
                    ps.executeUpdate();
                }
            }
            if (s.photoJpeg() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ticket_photo(ticket_code, media_type, image) VALUES (?, 'image/jpeg', ?)")) {
                    ps.setString(1, code);
                    ps.setBytes(2, s.photoJpeg());
                    ps.executeUpdate();
                }
            }
            event(c, code, now, "SUBMITTED", null, s.kind().name());
            return null;
        });
        return code;
    }

    /** The ticket by its canonical code, with its clock; for the resident. */
    public Optional<Status> status(String code) {
        Instant now = now();
        return db.inTransaction(c -> {
            Optional<Ticket> t = find(c, code, false);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            Ticket ticket = t.get();
            return Optional.of(new Status(ticket, waitingAt(ticket, now),
                    Escalation.overdue(ticket.createdAt(), ticket.repliedAt(), now), events(c, code)));
        });
    }

    /** Every ticket {@code user} may see, newest first. */
    public List<StaffView> listFor(User user) {
        Instant now = now();
        Set<String> villages = visibleVillages(user);
        boolean questionsOnly = isVillageRole(user.role());
        return db.inTransaction(c -> {
            List<StaffView> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ticket t ORDER BY created_at DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Ticket t = read(rs);
                    if (villages.contains(t.villageCode()) && (!questionsOnly || t.kind() == TicketKind.QUESTION)) {
                        out.add(new StaffView(t, waitingAt(t, now), Escalation.overdue(t.createdAt(), t.repliedAt(), now)));
                    }
                }
            }
            return out;
        });
    }

    public void classify(User user, String code, TicketCategory category) {
        act(user, code, (c, t, now) -> {
            update(c, "UPDATE ticket SET category = ? WHERE code = ?", category.name(), code);
            event(c, code, now, "CLASSIFIED", user.id(), category.name());
        });
    }

    /** Sets (or corrects) the reply the resident sees; refused once the ticket is closed. */
    public void reply(User user, String code, String text) {
        String reply = requireText(text, "答复内容");
        act(user, code, (c, t, now) -> {
            if (t.closedAt() != null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "TICKET_CLOSED", "此件已办结，不能再修改答复。");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket SET reply = ?, replied_at = ?, replied_by = ? WHERE code = ?")) {
                ps.setString(1, reply);
                ps.setObject(2, utc(now));
                ps.setObject(3, user.id());
                ps.setString(4, code);
                ps.executeUpdate();
            }
            event(c, code, now, "REPLIED", user.id(), null);
        });
    }

    /** Closes an answered ticket: the loop always answers, so an unanswered one cannot be closed. */
    public void close(User user, String code) {
        act(user, code, (c, t, now) -> {
            if (t.closedAt() != null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "TICKET_CLOSED", "此件已办结。");
            }
            if (t.repliedAt() == null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "TICKET_UNANSWERED", "请先答复群众，再办结。");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET closed_at = ?, closed_by = ? WHERE code = ?")) {
                ps.setObject(1, utc(now));
                ps.setObject(2, user.id());
                ps.setString(3, code);
                ps.executeUpdate();
            }
            event(c, code, now, "CLOSED", user.id(), null);
        });
    }

    /**
     * The reporter's contact (empty if none was given), for city oversight in scope only; each
     * read is recorded. Everyone else is told the ticket does not exist for them.
     */
    public Optional<String> contact(User user, String code) {
        if (user.role() != Role.CITY_OVERSIGHT) {
            throw unknown();
        }
        return act(user, code, (c, t, now) -> {
            event(c, code, now, "CONTACT_READ", user.id(), null);
            try (PreparedStatement ps = c.prepareStatement("SELECT contact FROM ticket_contact WHERE ticket_code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(Connection c, Ticket t, Instant now) throws SQLException;
    }

    @FunctionalInterface
    private interface VoidStep {
        void run(Connection c, Ticket t, Instant now) throws SQLException;
    }

    private void act(User user, String code, VoidStep step) {
        act(user, code, (Step<Void>) (c, t, now) -> {
            step.run(c, t, now);
            return null;
        });
    }

    /** Locks the ticket, checks {@code user} may see it, runs {@code step}; one transaction. */
    private <T> T act(User user, String code, Step<T> step) {
        Set<String> villages = visibleVillages(user);
        Instant now = now();
        return db.inTransaction(c -> {
            Ticket t = find(c, code, true).orElseThrow(TicketService::unknown);
            if (!villages.contains(t.villageCode()) || (isVillageRole(user.role()) && t.kind() != TicketKind.QUESTION)) {
                throw unknown(); // a village official does not learn that a report about the village exists
            }
            return step.run(c, t, now);
        });
    }

    /** Villages whose tickets {@code user} may see: a village role its own, others those below their scope. */
    private Set<String> visibleVillages(User user) {
        Role role = user.role();
        if (user.scopeCode() == null || !(isVillageRole(role) || role == Role.TOWNSHIP_REVIEWER
                || role == Role.CITY_OVERSIGHT)) {
            return Set.of();
        }
        if (isVillageRole(role)) {
            return Set.of(user.scopeCode());
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
                if (at.equals(user.scopeCode())) {
                    out.add(r.code());
                    break;
                }
                at = parents.get(at);
            }
        }
        return out;
    }

    private static boolean isVillageRole(Role role) {
        return role == Role.VILLAGE_CLERK || role == Role.VILLAGE_SUPERVISOR;
    }

    private static Escalation.Level waitingAt(Ticket t, Instant now) {
        return Escalation.waitingAt(t.kind(), t.createdAt(), t.repliedAt(), now);
    }

    private static Optional<Ticket> find(Connection c, String code, boolean lock) throws SQLException {
        // FOR UPDATE serialises steps on one ticket, so event numbers do not collide.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ticket t WHERE code = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Ticket read(ResultSet rs) throws SQLException {
        String category = rs.getString(6);
        return new Ticket(rs.getString(1), rs.getString(2), TicketKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), category == null ? null : TicketCategory.valueOf(category), instant(rs, 7),
                instant(rs, 8), rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getInt(12) > 0);
    }

    private static List<Ticket.Event> events(Connection c, String code) throws SQLException {
        List<Ticket.Event> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT happened_at, step, detail FROM ticket_event WHERE ticket_code = ? ORDER BY seq")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ticket.Event(instant(rs, 1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static void event(Connection c, String code, Instant at, String step, UUID actor, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_event(ticket_code, seq, happened_at, step,"
                + " actor, detail) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_event WHERE ticket_code = ?),"
                + " ?, ?, ?, ?)")) {
            ps.setString(1, code);
            ps.setString(2, code);
            ps.setObject(3, utc(at));
            ps.setString(4, step);
            ps.setObject(5, actor);
            ps.setString(6, detail);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String value, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setString(2, code);
            ps.executeUpdate();
        }
    }

    /**
     * Control characters other than tab and line breaks are dropped: a NUL cannot be stored in a
     * PostgreSQL text column at all, and none of them means anything in a resident's text.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f || cp == '\n' || cp == '\r' || cp == '\t')
                .forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }

    private static String requireText(String text, String what) {
        String stripped = clean(text);
        if (stripped.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_MISSING", "请填写" + what + "。");
        }
        if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT_CHARS) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_TOO_LONG", what + "太长（上限 " + MAX_TEXT_CHARS + " 字）。");
        }
        return stripped;
    }

    private static String optional(String text, int max, String what) {
        String stripped = clean(text);
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_TOO_LONG", what + "太长（上限 " + max + " 字）。");
        }
        return stripped;
    }

    private static Refusal unknown() {
        return new Refusal(Refusal.Kind.UNKNOWN, "TICKET_UNKNOWN", "没有这个件，或不在您的办理范围内。");
    }

    /** Milliseconds: what both databases store exactly. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
