package cn.sanwu.client.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket as the server gave it to this account (the cached JSON, parsed). {@code overdue} is
 * recomputed from the PC's clock, so an offline PC still sees a deadline pass. {@code hasPhoto}:
 * there is a photo this account may fetch; {@code photoWithheld}: there is one, kept from it.
 */
public record TicketItem(String code, String villageCode, String kind, String category, String body, Instant createdAt,
        Instant dueAt, String waitingAt, String reply, Instant repliedAt, Instant closedAt, String assignee,
        boolean hasPhoto, boolean photoWithheld, List<Event> events) {

    /** One step: when, what, by whom, the short detail and any 核实 note. */
    public record Event(Instant at, String step, String actorName, String detail, String note) {
    }

    public static TicketItem of(JsonNode t) {
        List<Event> events = new ArrayList<>();
        t.path("events").forEach(e -> events.add(new Event(instant(e.path("at")), e.path("step").asText(),
                text(e.path("actorName")), text(e.path("detail")), text(e.path("note")))));
        return new TicketItem(t.path("code").asText(), t.path("villageCode").asText(), t.path("kind").asText(),
                text(t.path("category")), t.path("body").asText(), instant(t.path("createdAt")), instant(t.path("dueAt")),
                t.path("waitingAt").asText(), text(t.path("reply")), instant(t.path("repliedAt")),
                instant(t.path("closedAt")), text(t.path("assignee")), t.path("hasPhoto").asBoolean(false),
                t.path("photoWithheld").asBoolean(false), List.copyOf(events));
    }

    public boolean overdue(Instant now) {
        return repliedAt == null && dueAt != null && !now.isBefore(dueAt);
    }

    public boolean closed() {
        return closedAt != null;
    }

    /** Code as residents write it: XXXX-XXXX-XXXX. */
    public String displayCode() {
        return displayCode(code);
    }

    static String displayCode(String code) {
        return code.length() == 12 ? code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8) : code;
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        String s = text(n);
        return s == null ? null : Instant.parse(s);
    }
}
