package cn.sanwu.server.feedback;

import cn.sanwu.model.region.Region;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.account.User;
import cn.sanwu.server.audit.AuditChain;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    public record StaffView(Ticket ticket, Escalation.Level waitingAt, boolean overdue, String assignee,
            List<StaffEvent> events) {
    }

    /** A step as staff see it: who (display name), when, the short detail and any 核实 note. */
    public record StaffEvent(Instant at, String step, String actorName, String detail, String note) {
    }

    private static final String COLUMNS = "code, village_code, kind, notice_ref, body, category, created_at, due_at,"
            + " reply, replied_at, closed_at, (SELECT COUNT(*) FROM ticket_photo p WHERE p.ticket_code = t.code)";

    private final Database db;
    private final Clock clock;
    private final RegionService regions;
    private final TicketScope scope;
    private final TicketSteps steps;
    private final TicketStatistics statistics;

    public TicketService(Database db, Clock clock, RegionService regions) {
        this.db = db;
        this.clock = clock;
        this.regions = regions;
        this.scope = new TicketScope(regions);
        this.steps = new TicketSteps(db, clock, scope, new AuditChain());
        this.statistics = new TicketStatistics(db, clock, scope);
    }

    /** The handling steps (classify, assign, 核实, reply, close), audited. */
    public TicketSteps steps() {
        return steps;
    }

    public TicketStatistics statistics() {
        return statistics;
    }

    public Region village(String code) {
        return regions.requireDisclosingUnit(code);
    }

    /** Stores a new ticket; answers its code. */
    public String submit(Submission s) {
        regions.requireDisclosingUnit(s.villageCode());
        String body = requireText(s.body(), "问题内容");
        String contact = optional(s.contact(), MAX_CONTACT_CHARS, "CONTACT_TOO_LONG", "联系方式");
        String noticeRef = optional(s.noticeRef(), MAX_NOTICE_REF_CHARS, "NOTICE_REF_TOO_LONG", "公示编号");
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
            TicketSteps.event(c, code, now, "SUBMITTED", null, s.kind().name(), null);
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

    /**
     * Every ticket {@code user} may see, newest first, with its assignee and steps (the staff PC's
     * pull, ADR 0023). Contact reads are city oversight's business and left out for everyone else.
     */
    public List<StaffView> listFor(User user) {
        Instant now = now();
        Set<String> villages = scope.visibleVillages(user);
        boolean withContactReads = user.role() == Role.CITY_OVERSIGHT;
        return db.inTransaction(c -> {
            List<Ticket> visible = new ArrayList<>();
            Map<String, String> assignees = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + ", (SELECT u.username FROM app_user u WHERE u.id = t.assignee_id) FROM ticket t ORDER BY created_at DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Ticket t = read(rs);
                    if (TicketScope.sees(user.role(), villages, t.villageCode(), t.kind())) {
                        visible.add(t);
                        assignees.put(t.code(), rs.getString(13));
                    }
                }
            }
            Map<String, List<StaffEvent>> events = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ticket_code, happened_at, step, actor_name, detail, note"
                    + " FROM ticket_event ORDER BY ticket_code, seq"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    String step = rs.getString(3);
                    if (assignees.containsKey(code) && (withContactReads || !step.equals("CONTACT_READ"))) {
                        events.computeIfAbsent(code, k -> new ArrayList<>()).add(new StaffEvent(instant(rs, 2), step,
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            List<StaffView> out = new ArrayList<>(visible.size());
            for (Ticket t : visible) {
                out.add(new StaffView(t, waitingAt(t, now), Escalation.overdue(t.createdAt(), t.repliedAt(), now),
                        assignees.get(t.code()), events.getOrDefault(t.code(), List.of())));
            }
            return out;
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
            TicketSteps.event(c, code, now, "CONTACT_READ", user, null, null);
            try (PreparedStatement ps = c.prepareStatement("SELECT contact FROM ticket_contact WHERE ticket_code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** A ticket's stored photo: the server's re-encoded JPEG, no metadata (ADR 0021). */
    public record Photo(String mediaType, byte[] image) {
    }

    /**
     * The ticket's photo for a person who may see the ticket (same scope as the list), empty when
     * the resident sent none. A village account does not get the photo of a ticket staff classified
     * as 问题线索: a photo cannot be masked like the text and may show who took it (ADR 0029).
     * Not recorded as an event: it is the ticket's content, like the text the list carries.
     */
    public Optional<Photo> photo(User user, String code) {
        Set<String> villages = scope.visibleVillages(user);
        return db.inTransaction(c -> {
            Ticket t = find(c, code, false).orElseThrow(TicketService::unknown);
            if (!TicketScope.sees(user.role(), villages, t.villageCode(), t.kind())) {
                throw unknown();
            }
            if (TicketScope.photoWithheld(user.role(), t.category())) {
                throw new Refusal(Refusal.Kind.OUT_OF_SCOPE, "PHOTO_WITHHELD",
                        "此件已列为问题线索，照片只给乡镇和市级查看。");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT media_type, image FROM ticket_photo WHERE ticket_code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Photo(rs.getString(1), rs.getBytes(2))) : Optional.<Photo>empty();
                }
            }
        });
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(Connection c, Ticket t, Instant now) throws SQLException;
    }

    /** Locks the ticket, checks {@code user} may see it, runs {@code step}; one transaction. */
    private <T> T act(User user, String code, Step<T> step) {
        Set<String> villages = scope.visibleVillages(user);
        Instant now = now();
        return db.inTransaction(c -> {
            Ticket t = find(c, code, true).orElseThrow(TicketService::unknown);
            if (!TicketScope.sees(user.role(), villages, t.villageCode(), t.kind())) {
                throw unknown(); // a village official does not learn that a report about the village exists
            }
            return step.run(c, t, now);
        });
    }

    private static Escalation.Level waitingAt(Ticket t, Instant now) {
        return Escalation.waitingAt(t.kind(), t.createdAt(), t.repliedAt(), now);
    }

    static Optional<Ticket> find(Connection c, String code, boolean lock) throws SQLException {
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

    static String requireText(String text, String what) {
        String stripped = clean(text);
        if (stripped.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_MISSING", "请填写" + what + "。");
        }
        if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT_CHARS) {
            throw new Refusal(Refusal.Kind.INVALID, "TEXT_TOO_LONG", what + "太长（上限 " + MAX_TEXT_CHARS + " 字）。");
        }
        return stripped;
    }

    /** {@code tooLongCode} names the field, so a page can say which one in its own language. */
    private static String optional(String text, int max, String tooLongCode, String what) {
        String stripped = clean(text);
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw new Refusal(Refusal.Kind.INVALID, tooLongCode, what + "太长（上限 " + max + " 字）。");
        }
        return stripped;
    }

    static Refusal unknown() {
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
