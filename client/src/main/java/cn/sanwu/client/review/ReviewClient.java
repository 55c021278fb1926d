package cn.sanwu.client.review;

import cn.sanwu.client.sync.SyncTransport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The township reviewer's side of the review API (docs/review.md "HTTP"): log in, read the queue,
 * approve, return with a comment, publish. Online only — a reviewer works at the township with a
 * connection. Failures are {@link ReviewException}s with a message for the person. Thread-safe
 * after login (the token is set once).
 */
public final class ReviewClient {

    /** What went wrong, in words for the reviewer (the server's Chinese message, or a network error). */
    public static final class ReviewException extends Exception {
        private final String code;

        ReviewException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The person logged in. */
    public record Reviewer(String username, String displayName, String role, String scopeCode) {
    }

    private final SyncTransport http;
    private volatile String token;
    private volatile Reviewer reviewer;

    public ReviewClient(SyncTransport http) {
        this.http = http;
    }

    public Reviewer login(String username, String password) throws ReviewException {
        JsonNode reply = call("POST", "/api/v1/login", Map.of("username", username, "password", password), false);
        JsonNode u = reply.path("user");
        Reviewer r = new Reviewer(u.path("username").asText(), u.path("displayName").asText(), u.path("role").asText(),
                u.path("scopeCode").asText());
        if (!"township-reviewer".equals(r.role())) {
            throw new ReviewException("NOT_A_REVIEWER", "此账号不是乡镇审核员，不能进入审核。");
        }
        token = reply.path("token").asText();
        reviewer = r;
        return r;
    }

    public Reviewer reviewer() {
        return reviewer;
    }

    /** The submissions of the township's villages, oldest first (JSON entries, docs/review.md). */
    public List<JsonNode> queue() throws ReviewException {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/api/v1/review/queue", null, true).path("entries").forEach(out::add);
        return out;
    }

    public JsonNode approve(UUID notice, int revision, String contentHash) throws ReviewException {
        return call("POST", path(notice, "approve"), Map.of("revision", revision, "contentHash", contentHash), true);
    }

    public JsonNode returnToVillage(UUID notice, int revision, String comment) throws ReviewException {
        return call("POST", path(notice, "return"), Map.of("revision", revision, "comment", comment), true);
    }

    public JsonNode publish(UUID notice, int revision, LocalDate from, LocalDate to) throws ReviewException {
        return call("POST", path(notice, "publish"), Map.of("revision", revision, "postingFrom", from.toString(),
                "postingTo", to.toString()), true);
    }

    /** The township's villages and their publications in force, newest first ({@code villages}, {@code entries}). */
    public JsonNode published() throws ReviewException {
        return call("GET", "/api/v1/review/published", null, true);
    }

    /** Takes the publication in force down with a public reason. */
    public JsonNode withdraw(UUID notice, String reason) throws ReviewException {
        return call("POST", path(notice, "withdraw"), Map.of("reason", reason), true);
    }

    /** 村账乡管: writes a village's notice content ({@code baseRevision} 0 for a new notice). */
    public JsonNode enter(UUID notice, int baseRevision, cn.sanwu.model.notice.NoticeContent content) throws ReviewException {
        return call("PUT", "/api/v1/review/notices/" + notice, Map.of("baseRevision", baseRevision, "content", content), true);
    }

    /** Every notice of the township's villages, any state (村账乡管 list and duplicate check). */
    public List<VillageNotice> villageNotices() throws ReviewException {
        List<VillageNotice> out = new ArrayList<>();
        call("GET", "/api/v1/review/notices", null, true).path("notices").forEach(n -> out.add(VillageNotice.of(n)));
        return out;
    }

    /** One notice of the township's villages with its current content (to edit or read). */
    public record VillageNoticeDetail(VillageNotice notice, cn.sanwu.model.notice.NoticeContent content) {
    }

    public VillageNoticeDetail villageNotice(UUID notice) throws ReviewException {
        JsonNode reply = call("GET", "/api/v1/review/notices/" + notice, null, true);
        try {
            return new VillageNoticeDetail(VillageNotice.of(reply.path("notice")), cn.sanwu.model.json.ModelJson.mapper()
                    .treeToValue(reply.path("content"), cn.sanwu.model.notice.NoticeContent.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new ReviewException("BAD_REPLY", "服务器返回的公告内容无法读取：" + e.getMessage());
        }
    }

    private static String path(UUID notice, String action) {
        return "/api/v1/review/notices/" + notice + "/" + action;
    }

    private JsonNode call(String method, String path, Object body, boolean session) throws ReviewException {
        try {
            return http.call(method, path, session ? token : null, body);
        } catch (SyncTransport.Refused e) {
            throw new ReviewException(e.code(), e.getMessage());
        } catch (IOException e) {
            throw new ReviewException("OFFLINE", "连接服务器失败：" + (e.getMessage() == null ? "网络不通" : e.getMessage()));
        }
    }
}
