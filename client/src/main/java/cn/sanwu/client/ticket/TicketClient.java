package cn.sanwu.client.ticket;

import cn.sanwu.client.sync.SyncTransport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * A staff person's session with the ticket API (docs/tickets.md): log in, pull the tickets in
 * scope, send one queued step, read statistics. Refusals carry the server's Chinese message;
 * network failures are {@link IOException}s (the caller keeps the step queued). Thread-safe after
 * login (the token is set once).
 */
public final class TicketClient {

    /** The roles that handle tickets (RoutePolicy's TICKET_STAFF). */
    static final Set<String> STAFF_ROLES = Set.of("village-clerk", "village-supervisor", "township-reviewer",
            "city-oversight");

    /** The person logged in. */
    public record Staff(String username, String displayName, String role, String scopeCode) {
        public boolean seesStatistics() {
            return role.equals("township-reviewer") || role.equals("city-oversight");
        }
    }

    private final SyncTransport http;
    private volatile String token;
    private volatile Staff staff;

    public TicketClient(SyncTransport http) {
        this.http = http;
    }

    public Staff login(String username, String password) throws IOException, SyncTransport.Refused {
        JsonNode reply = http.call("POST", "/api/v1/login", null, Map.of("username", username, "password", password));
        JsonNode u = reply.path("user");
        Staff s = new Staff(u.path("username").asText(), u.path("displayName").asText(), u.path("role").asText(),
                u.path("scopeCode").asText());
        if (!STAFF_ROLES.contains(s.role())) {
            throw new IllegalArgumentException("此账号不办理群众留言（技术管理员不是承办人）。");
        }
        token = reply.path("token").asText();
        staff = s;
        return s;
    }

    public boolean loggedIn() {
        return token != null;
    }

    public Staff staff() {
        return staff;
    }

    /** Every ticket in the caller's scope, with steps: {@code {"serverTime":…, "tickets":[…]}}. */
    public JsonNode pull() throws IOException, SyncTransport.Refused {
        return http.call("GET", "/api/v1/tickets", token, null);
    }

    /** Sends one step ({@code classify}, {@code assign}, {@code verify}, {@code reply}, {@code close}). */
    public void send(String code, String step, JsonNode payload) throws IOException, SyncTransport.Refused {
        http.call("POST", "/api/v1/tickets/" + code + "/" + step, token, payload);
    }

    /**
     * Upper bound for a photo download. The server stores photos re-encoded to at most 1600 px at
     * JPEG quality 0.85 (ADR 0021), a few hundred KB; 8 MB leaves room for a noisy picture.
     */
    static final int MAX_PHOTO_BYTES = 8 * 1024 * 1024;

    /** The ticket's photo (the server's re-encoded JPEG); 404 PHOTO_NONE / 403 PHOTO_WITHHELD are refusals. */
    public byte[] photo(String code) throws IOException, SyncTransport.Refused {
        return http.getBytes("/api/v1/tickets/" + code + "/photo", token, MAX_PHOTO_BYTES);
    }

    public JsonNode statistics(LocalDate from, LocalDate to) throws IOException, SyncTransport.Refused {
        return http.call("GET", "/api/v1/tickets/statistics?from=" + from + "&to=" + to, token, null);
    }
}
