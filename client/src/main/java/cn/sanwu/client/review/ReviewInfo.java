package cn.sanwu.client.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The review facts of one notice as this PC knows them: the fields of its sync payload beyond
 * {@code {id, status, revision, reason, content}} (docs/review.md "Payload"). {@code signOff},
 * {@code filing} and {@code correctionReason} are the village's and travel back to the server;
 * {@code review} is the township's decision and never does. {@code history} is local only: the
 * publications this PC has seen of the notice (公开编号, dates, correction reason, withdrawal),
 * kept across the server's versions because each of those carries only the latest decision.
 * Immutable.
 */
public record ReviewInfo(ObjectNode extras) {

    /** Fields of the payload that are not review facts. */
    private static final java.util.Set<String> CORE = java.util.Set.of("id", "status", "revision", "reason", "content");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static final ReviewInfo NONE = new ReviewInfo(JsonNodeFactory.instance.objectNode());

    public ReviewInfo {
        extras = extras == null ? JsonNodeFactory.instance.objectNode() : extras.deepCopy();
    }

    /** The review facts of a payload (everything but the five core fields). */
    public static ReviewInfo of(JsonNode payload) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        if (payload != null) {
            payload.properties().forEach(e -> {
                if (!CORE.contains(e.getKey())) {
                    extras.set(e.getKey(), e.getValue());
                }
            });
        }
        return new ReviewInfo(extras);
    }

    /** What goes back to the server with a village save: its own facts only. */
    public ObjectNode villageFields() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String f : new String[] {"signOff", "filing", "correctionReason"}) {
            if (extras.has(f)) {
                out.set(f, extras.get(f));
            }
        }
        return out;
    }

    public ReviewInfo withSignOff(String name, String opinion, String contentHash, Instant at) {
        ObjectNode next = extras.deepCopy();
        ObjectNode s = next.putObject("signOff");
        s.put("name", name);
        s.put("opinion", opinion);
        s.put("contentHash", contentHash);
        s.put("at", at.toString());
        return new ReviewInfo(next);
    }

    public ReviewInfo withoutSignOff() {
        ObjectNode next = extras.deepCopy();
        next.remove("signOff");
        return new ReviewInfo(next);
    }

    /** A correction (更正) of what was published: its public reason travels with every push until published. */
    public ReviewInfo withCorrectionReason(String reason) {
        ObjectNode next = extras.deepCopy();
        next.put("correctionReason", reason);
        return new ReviewInfo(next);
    }

    /** Without the township's last decision (a correction starts a new review; the history keeps the publication). */
    public ReviewInfo withoutDecision() {
        ObjectNode next = extras.deepCopy();
        next.remove("review");
        return new ReviewInfo(next);
    }

    /** The public reason of the correction in progress; empty when none. */
    public String correctionReason() {
        return extras.path("correctionReason").asText("");
    }

    /** Whether the township accepted this 不公开备案 filing (it is then locked like a publication). */
    public boolean filingAccepted() {
        return extras.path("review").path("filingAccepted").asBoolean(false);
    }

    /** One publication of the notice as this PC saw it. */
    public record Publication(String number, int revision, String publishedAt, String postingFrom, String postingTo,
            String correctionReason, String supersedes, String withdrawnAt, String withdrawnReason) {
    }

    /** The publications this PC has seen, oldest first. */
    public java.util.List<Publication> history() {
        java.util.List<Publication> out = new java.util.ArrayList<>();
        for (JsonNode h : extras.path("history")) {
            out.add(new Publication(h.path("number").asText(), h.path("revision").asInt(), h.path("publishedAt").asText(""),
                    h.path("postingFrom").asText(""), h.path("postingTo").asText(""), h.path("correctionReason").asText(""),
                    h.path("supersedes").asText(""), h.path("withdrawnAt").asText(""), h.path("withdrawnReason").asText("")));
        }
        return out;
    }

    /**
     * These facts (a server version) with the publication history of {@code before} (what this PC
     * held) carried over, and this version's publication or withdrawal added to it.
     */
    public ReviewInfo withHistoryFrom(ReviewInfo before, String status, int revision, String reason) {
        ObjectNode next = extras.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode history = before.extras.path("history").isArray()
                ? (com.fasterxml.jackson.databind.node.ArrayNode) before.extras.get("history").deepCopy()
                : JsonNodeFactory.instance.arrayNode();
        String number = publicationNumber();
        if (!number.isEmpty() && ("PUBLISHED".equals(status) || "WITHDRAWN".equals(status))) {
            ObjectNode entry = null;
            for (JsonNode h : history) {
                if (h.path("number").asText().equals(number)) {
                    entry = (ObjectNode) h;
                }
            }
            if (entry == null) {
                entry = history.addObject();
                entry.put("number", number);
                entry.put("revision", revision);
                entry.put("publishedAt", review("publishedAt"));
                entry.put("postingFrom", review("postingFrom"));
                entry.put("postingTo", review("postingTo"));
                entry.put("correctionReason", review("correctionReason"));
                entry.put("supersedes", review("supersedes"));
            }
            if ("WITHDRAWN".equals(status) && !entry.has("withdrawnAt")) {
                entry.put("withdrawnAt", review("withdrawnAt"));
                entry.put("withdrawnReason", reason == null ? "" : reason);
            }
        }
        if (history.isEmpty()) {
            next.remove("history");
        } else {
            next.set("history", history);
        }
        return new ReviewInfo(next);
    }

    /** An instant of the review facts as a China date (2026年7月3日); empty for empty. */
    public static String chinaDate(String instant) {
        return instant == null || instant.isEmpty() ? "" : DATE.format(Instant.parse(instant).atZone(CHINA));
    }

    public ReviewInfo withFiling(boolean filing) {
        ObjectNode next = extras.deepCopy();
        if (filing) {
            next.put("filing", true);
        } else {
            next.remove("filing");
        }
        return new ReviewInfo(next);
    }

    /** The sign-off, if it is for exactly {@code contentHash}. */
    public Optional<JsonNode> signOffFor(String contentHash) {
        JsonNode s = extras.path("signOff");
        return s.isObject() && s.path("contentHash").asText().equals(contentHash) ? Optional.of(s) : Optional.empty();
    }

    private String review(String field) {
        return extras.path("review").path(field).asText("");
    }

    public String publicationNumber() {
        return review("publicationNumber");
    }

    public String returnComment() {
        return review("returnComment");
    }

    public String approvedBy() {
        return review("approvedBy");
    }

    /** The approval date in China time, e.g. 2026年7月3日; empty when not approved. */
    public String approvalDate() {
        String at = review("approvedAt");
        return at.isEmpty() ? "" : DATE.format(Instant.parse(at).atZone(CHINA));
    }

    /** The 公开编号 this publication corrected; empty unless it is a published correction. */
    public String supersedes() {
        return review("supersedes");
    }

    /** The public reason of the published correction (moved into {@code review} by the server). */
    public String publishedCorrectionReason() {
        return review("correctionReason");
    }

    /** The withdrawal date in China time; empty when not withdrawn. */
    public String withdrawalDate() {
        return chinaDate(review("withdrawnAt"));
    }

    /** The posting window the township set at publication; empty when not published. */
    public Optional<LocalDate[]> postingWindow() {
        String from = review("postingFrom");
        String to = review("postingTo");
        return from.isEmpty() || to.isEmpty() ? Optional.empty()
                : Optional.of(new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)});
    }

    public String json() {
        return extras.toString();
    }
}
