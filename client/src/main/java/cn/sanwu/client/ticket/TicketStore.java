package cn.sanwu.client.ticket;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The PC's ticket tables (V5): the last pull per staff account, and the durable queue of steps
 * taken here. Every write is one committed transaction of the client store, so a queued step
 * survives a crash or power cut the moment {@link #queue} returns. Thread-safe (the database
 * serialises).
 */
public final class TicketStore {

    /** A queued (or settled) step. */
    public record Action(UUID actionId, String ticketCode, String step, ObjectNode payload, Instant queuedAt,
            String state, String message) {
    }

    public static final String QUEUED = "QUEUED";
    public static final String DONE = "DONE";
    public static final String CONFLICT = "CONFLICT";

    private final Database db;

    public TicketStore(Database db) {
        this.db = db;
    }

    /** Replaces the account's cache with one pull answer. */
    public void replaceCache(String owner, JsonNode pull, Instant pulledAt) {
        Instant serverTime = pull.hasNonNull("serverTime") ? Instant.parse(pull.get("serverTime").asText()) : pulledAt;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_cache WHERE owner = ?")) {
                ps.setString(1, owner);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ticket_cache(owner, code, ticket_json) VALUES (?, ?, ?)")) {
                for (JsonNode t : pull.path("tickets")) {
                    ps.setString(1, owner);
                    ps.setString(2, t.path("code").asText());
                    ps.setString(3, t.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // A photo leaves the PC with its ticket, and when the server no longer lets this
            // account see it (a question classified 问题线索 on a village PC, ADR 0029).
            java.util.Set<String> withPhoto = new java.util.HashSet<>();
            for (JsonNode t : pull.path("tickets")) {
                if (t.path("hasPhoto").asBoolean(false)) {
                    withPhoto.add(t.path("code").asText());
                }
            }
            List<String> drop = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM ticket_photo_cache WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!withPhoto.contains(rs.getString(1))) {
                            drop.add(rs.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_photo_cache WHERE owner = ? AND code = ?")) {
                for (String code : drop) {
                    ps.setString(1, owner);
                    ps.setString(2, code);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO ticket_pull(owner, server_time, pulled_at) KEY(owner) VALUES (?, ?, ?)")) {
                ps.setString(1, owner);
                ps.setObject(2, utc(serverTime));
                ps.setObject(3, utc(pulledAt));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The account's cached tickets, newest first (the server's order). */
    public List<TicketItem> cached(String owner) {
        return db.read(c -> {
            List<TicketItem> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ticket_json FROM ticket_cache WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(TicketItem.of(json(rs.getString(1))));
                    }
                }
            }
            out.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
            return out;
        });
    }

    /** When the account last pulled (the PC's clock). */
    public Optional<Instant> lastPull(String owner) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pulled_at FROM ticket_pull WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** The account's copy of the ticket's photo, if it was fetched and the ticket still has it. */
    public Optional<byte[]> photo(String owner, String code) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT image FROM ticket_photo_cache WHERE owner = ? AND code = ?")) {
                ps.setString(1, owner);
                ps.setString(2, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * Keeps a fetched photo for the account, only while its ticket is in the account's cache (a
     * pull that dropped the ticket meanwhile wins). Durable on return.
     */
    public void savePhoto(String owner, String code, byte[] image, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO ticket_photo_cache(owner, code, image, fetched_at)"
                    + " KEY(owner, code) SELECT ?, ?, ?, ? FROM ticket_cache WHERE owner = ? AND code = ?")) {
                ps.setString(1, owner);
                ps.setString(2, code);
                ps.setBytes(3, image);
                ps.setObject(4, utc(now));
                ps.setString(5, owner);
                ps.setString(6, code);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Queues a step; the payload gets the action id the server will deduplicate by. Durable on return. */
    public UUID queue(String owner, String ticketCode, String step, ObjectNode payload, Instant now) {
        UUID id = UUID.randomUUID();
        ObjectNode body = payload.deepCopy();
        body.put("actionId", id.toString());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_outbox(action_id, queue_seq, owner,"
                    + " ticket_code, step, payload_json, queued_at, state) VALUES (?, (SELECT COALESCE(MAX(queue_seq), 0) + 1"
                    + " FROM ticket_outbox), ?, ?, ?, ?, ?, 'QUEUED')")) {
                ps.setObject(1, id);
                ps.setString(2, owner);
                ps.setString(3, ticketCode);
                ps.setString(4, step);
                ps.setString(5, body.toString());
                ps.setObject(6, utc(now));
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** The account's steps in {@code state} (or every state when null), in the order they were taken. */
    public List<Action> actions(String owner, String state) {
        return db.read(c -> {
            List<Action> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT action_id, ticket_code, step, payload_json, queued_at,"
                    + " state, message FROM ticket_outbox WHERE owner = ?" + (state == null ? "" : " AND state = ?")
                    + " ORDER BY queue_seq")) {
                ps.setString(1, owner);
                if (state != null) {
                    ps.setString(2, state);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Action(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                (ObjectNode) json(rs.getString(4)), rs.getObject(5, OffsetDateTime.class).toInstant(),
                                rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    /** Marks a step DONE or CONFLICT (with the server's message). */
    public void settle(UUID actionId, String state, String message, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket_outbox SET state = ?, message = ?, settled_at = ? WHERE action_id = ?")) {
                ps.setString(1, state);
                ps.setString(2, message);
                ps.setObject(3, utc(now));
                ps.setObject(4, actionId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A conflict the person has read: it stays in the table, marked seen, and leaves the list. */
    public void dismiss(UUID actionId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket_outbox SET state = 'SEEN' WHERE action_id = ? AND state = 'CONFLICT'")) {
                ps.setObject(1, actionId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return JsonMapping.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("cached ticket is not JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
