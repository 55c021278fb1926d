package cn.sanwu.server.http;

import cn.sanwu.server.ledger.TransparencyLog;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * The transparency log's public, read-only routes (docs/transparency-log.md "Server"): anyone may
 * fetch the latest signed checkpoint, the log's public keys, an inclusion proof for a published
 * notice revision, a consistency proof between two sizes, and a notice's published revisions.
 */
final class LogController {

    static final String CHECKPOINT = "/api/v1/log/checkpoint";
    static final String KEYS = "/api/v1/log/keys";
    static final String INCLUSION = "/api/v1/log/inclusion";
    static final String CONSISTENCY = "/api/v1/log/consistency";
    static final String PUBLISHED = "/api/v1/published/{noticeId}";

    private final TransparencyLog log;

    LogController(TransparencyLog log) {
        this.log = log;
    }

    void checkpoint(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(log.latest().signedNote());
    }

    void keys(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(String.join("\n", log.keys().verifierKeys()) + "\n");
    }

    void inclusion(Context ctx) {
        UUID notice = uuid(ctx.queryParam("notice"));
        String rev = ctx.queryParam("revision");
        Integer revision = rev == null || rev.isBlank() ? null : (int) number(rev, "revision");
        TransparencyLog.Inclusion inclusion = log.inclusion(notice, revision)
                .orElseThrow(() -> new ApiException(422, "NOT_PUBLISHED", "没有这条公开记录：" + notice
                        + (revision == null ? "" : " 第 " + revision + " 版")));
        Json.write(ctx, 200, inclusion);
    }

    void consistency(Context ctx) {
        long from = number(ctx.queryParam("from"), "from");
        long to = number(ctx.queryParam("to"), "to");
        try {
            Json.write(ctx, 200, log.consistency(from, to));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_SIZES", "日志大小不正确：" + e.getMessage());
        }
    }

    void published(Context ctx) {
        UUID notice = uuid(ctx.pathParam("noticeId"));
        List<?> records = log.published(notice);
        if (records.isEmpty()) {
            throw new ApiException(422, "NOT_PUBLISHED", "没有这条公开记录：" + notice);
        }
        Json.write(ctx, 200, records);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "BAD_NOTICE_ID", "公告编号格式不正确。");
        }
    }

    private static long number(String text, String name) {
        try {
            long n = Long.parseLong(text == null ? "" : text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "BAD_NUMBER", "参数 " + name + " 应为非负整数。");
        }
    }
}
