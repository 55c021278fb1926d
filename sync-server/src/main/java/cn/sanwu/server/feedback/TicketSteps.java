package cn.sanwu.server.feedback;

import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.audit.AuditChain;
import cn.sanwu.server.audit.AuditEvent;
import cn.sanwu.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * The handling steps staff take on a ticket — classify → assign → 核实 (verify) → reply → close —
 * each in one transaction with its {@code ticket_event} row (time, person) and an entry in the
 * hash-chained audit log ({@link AuditChain}), so "every step is timestamped and audited".
 *
 * <p>A step may carry an action id (a staff PC's offline queue does): the first arrival applies it
 * and records the id in {@code ticket_action}; a replay of the same id answers "already done" and
 * changes nothing; the same id with another request is refused. Only two orderings are enforced:
 * a ticket is closed only after a reply, and nothing changes once it is closed — a village clerk
 * answering a policy question needs no assignment or 核实 (ADR 0023). Thread-safe.
 */
public final class TicketSteps {

    /** How a step ended: applied now, or found already applied under its action id. */
    public record Result(boolean replayed) {
    }

    private final Database db;
    private final Clock clock;
    private final TicketScope scope;
    private final AuditChain audit;

    public TicketSteps(Database db, Clock clock, TicketScope scope, AuditChain audit) {
        this.db = db;
        this.clock = clock;
        this.scope = scope;
        this.audit = audit;
    }

    public Result classify(User user, String code, UUID actionId, TicketCategory category) {
        return step(user, code, actionId, "CLASSIFIED", category.name(), (c, t, now) -> {
            set(c, "UPDATE ticket SET category = ? WHERE code = ?", category.name(), code);
            return new Record(category.name(), null);
        });
    }

    /** Assigns the ticket to a named handler: an enabled account that itself may see the ticket. */
    public Result assign(User user, String code, UUID actionId, String assigneeUsername) {
        String username = assigneeUsername == null ? "" : assigneeUsername.strip();
        if (username.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "ASSIGNEE_MISSING", "请填写承办人的账号。");
        }
        return step(user, code, actionId, "ASSIGNED", username, (c, t, now) -> {
            UUID assignee = handler(c, username, t);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET assignee_id = ? WHERE code = ?")) {
                ps.setObject(1, assignee);
                ps.setString(2, code);
                ps.executeUpdate();
            }
            return new Record(username, null);
        });
    }

    /** Records a 核实 (verification) note: what was checked and found. */
    public Result verify(User user, String code, UUID actionId, String text) {
        String note = TicketService.requireText(text, "核实情况");
        return step(user, code, actionId, "VERIFIED", note, (c, t, now) -> new Record(null, note));
    }

    /** Sets (or corrects) the reply the resident sees; refused once the ticket is closed. */
    public Result reply(User user, String code, UUID actionId, String text) {
        String reply = TicketService.requireText(text, "答复内容");
        return step(user, code, actionId, "REPLIED", reply, (c, t, now) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket SET reply = ?, replied_at = ?, replied_by = ? WHERE code = ?")) {
                ps.setString(1, reply);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.setObject(3, user.id());
                ps.setString(4, code);
                ps.executeUpdate();
            }
            return new Record(null, null);
        });
    }

    /** Closes an answered ticket: the loop always answers, so an unanswered one cannot be closed. */
    public Result close(User user, String code, UUID actionId) {
        return step(user, code, actionId, "CLOSED", "", (c, t, now) -> {
            if (t.repliedAt() == null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "TICKET_UNANSWERED", "请先答复群众，再办结。");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET closed_at = ?, closed_by = ? WHERE code = ?")) {
                ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                ps.setObject(2, user.id());
                ps.setString(3, code);
                ps.executeUpdate();
            }
            return new Record(null, null);
        });
    }

    /** What a step writes into its event: a short detail and an optional text note. */
    private record Record(String detail, String note) {
    }

    @FunctionalInterface
    private interface Body {
        Record run(Connection c, Ticket t, Instant now) throws SQLException;
    }

    private Result step(User user, String code, UUID actionId, String step, String request, Body body) {
        Set<String> villages = scope.visibleVillages(user);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String requestHash = sha256(step + "\n" + code + "\n" + request);
        return db.inTransaction(c -> {
            Ticket t = TicketService.find(c, code, true).orElseThrow(TicketService::unknown);
            if (!TicketScope.sees(user.role(), villages, t.villageCode(), t.kind())) {
                throw TicketService.unknown(); // a village official does not learn that a report about the village exists
            }
            if (actionId != null && replayed(c, actionId, code, user, step, requestHash)) {
                return new Result(true);
            }
            if (t.closedAt() != null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "TICKET_CLOSED", "此件已办结，不能再办理。");
            }
            Record r = body.run(c, t, now);
            event(c, code, now, step, user, r.detail(), r.note());
            String reason = "ticket " + code + (r.detail() == null ? "" : " " + r.detail())
                    + (r.note() == null ? "" : " note-sha256:" + sha256(r.note()));
            if (step.equals("REPLIED")) {
                reason += " reply-sha256:" + sha256(request);
            }
            audit.append(c, new AuditEvent(user.id(), user.role().name(), "TICKET_" + step, null, 0, null, "OK", reason, now));
            if (actionId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_action(action_id, ticket_code, actor,"
                        + " step, request_hash, done_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setObject(1, actionId);
                    ps.setString(2, code);
                    ps.setObject(3, user.id());
                    ps.setString(4, step);
                    ps.setString(5, requestHash);
                    ps.setObject(6, now.atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            }
            return new Result(false);
        });
    }

    /** True when {@code actionId} was applied already with this very request; refuses a reused id. */
    private static boolean replayed(Connection c, UUID actionId, String code, User user, String step, String hash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ticket_code, actor, step, request_hash FROM ticket_action WHERE action_id = ?")) {
            ps.setObject(1, actionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (rs.getString(1).equals(code) && user.id().equals(rs.getObject(2, UUID.class))
                        && rs.getString(3).equals(step) && rs.getString(4).equals(hash)) {
                    return true;
                }
                throw new Refusal(Refusal.Kind.CONFLICT, "ACTION_ID_REUSED", "此操作编号已用于另一项操作，未执行。");
            }
        }
    }

    /** The id of the handler {@code username}, who must be enabled and see {@code t} themselves. */
    private UUID handler(Connection c, String username, Ticket t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, user_role, scope_code, disabled_at FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(4) == null) {
                    Role role = Role.fromId(rs.getString(2)).orElse(Role.PUBLIC);
                    if (TicketScope.sees(role, scope.villagesUnder(role, rs.getString(3)), t.villageCode(), t.kind())) {
                        return rs.getObject(1, UUID.class);
                    }
                }
            }
        }
        throw new Refusal(Refusal.Kind.INVALID, "ASSIGNEE_INVALID",
                "承办人“" + username + "”不存在、已停用，或无权办理此件。");
    }

    static void event(Connection c, String code, Instant at, String step, User actor, String detail, String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_event(ticket_code, seq, happened_at, step,"
                + " actor, detail, note, actor_name) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_event"
                + " WHERE ticket_code = ?), ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, code);
            ps.setString(2, code);
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.setString(4, step);
            ps.setObject(5, actor == null ? null : actor.id());
            ps.setString(6, detail);
            ps.setString(7, note);
            ps.setString(8, actor == null ? null : actor.displayName());
            ps.executeUpdate();
        }
    }

    private static void set(Connection c, String sql, String value, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setString(2, code);
            ps.executeUpdate();
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
