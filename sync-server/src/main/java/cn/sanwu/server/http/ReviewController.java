package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.review.Actor;
import cn.sanwu.server.review.ReviewQueue;
import cn.sanwu.server.review.ReviewService;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * The review routes (docs/review.md "HTTP"): HTTP only; every decision is {@link ReviewService}'s.
 * The actor is always the logged-in person, never a field of the body.
 */
final class ReviewController {

    static final String BASE = "/api/v1/review";
    private static final long MAX_BODY_BYTES = 64 * 1024;

    record SignOffRequest(int revision, String opinion) {
    }

    record RevisionRequest(int revision) {
    }

    record ApproveRequest(int revision, String contentHash) {
    }

    record ReturnRequest(int revision, String comment) {
    }

    record PublishRequest(int revision, String postingFrom, String postingTo) {
    }

    record WithdrawRequest(String reason) {
    }

    record EntryRequest(int baseRevision, NoticeContent content) {
    }

    private final ReviewService review;
    private final ReviewQueue queue;
    private final long maxBodyBytes;

    ReviewController(ReviewService review, ReviewQueue queue, long maxBodyBytes) {
        this.review = review;
        this.queue = queue;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(io.javalin.config.JavalinConfig cfg) {
        cfg.routes.get(BASE + "/queue", ctx -> Json.write(ctx, 200, Map.of("entries", queue.queue(actor(ctx)))));
        cfg.routes.get(BASE + "/published", ctx -> Json.write(ctx, 200, queue.published(actor(ctx))));
        // 村账乡管: the township's villages' notices (list, then one with its content to edit).
        cfg.routes.get(BASE + "/notices", ctx -> Json.write(ctx, 200, Map.of("notices", queue.notices(actor(ctx)))));
        cfg.routes.get(BASE + "/notices/{id}", ctx -> Json.write(ctx, 200, queue.notice(actor(ctx), id(ctx))));
        cfg.routes.get(BASE + "/notices/{id}/history", ctx -> Json.write(ctx, 200,
                Map.of("events", queue.history(actor(ctx), id(ctx)))));
        cfg.routes.post(BASE + "/notices/{id}/sign-off", ctx -> {
            SignOffRequest r = body(ctx, SignOffRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.signOff(actor(ctx), id(ctx), r.revision(), r.opinion()));
        });
        cfg.routes.post(BASE + "/notices/{id}/submit", ctx -> {
            RevisionRequest r = body(ctx, RevisionRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.submit(actor(ctx), id(ctx), r.revision()));
        });
        cfg.routes.post(BASE + "/notices/{id}/approve", ctx -> {
            ApproveRequest r = body(ctx, ApproveRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.approve(actor(ctx), id(ctx), r.revision(), r.contentHash()));
        });
        cfg.routes.post(BASE + "/notices/{id}/return", ctx -> {
            ReturnRequest r = body(ctx, ReturnRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.returnToVillage(actor(ctx), id(ctx), r.revision(), r.comment()));
        });
        cfg.routes.post(BASE + "/notices/{id}/publish", ctx -> {
            PublishRequest r = body(ctx, PublishRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.publish(actor(ctx), id(ctx), r.revision(), date(r.postingFrom()), date(r.postingTo())));
        });
        cfg.routes.post(BASE + "/notices/{id}/withdraw", ctx -> {
            WithdrawRequest r = body(ctx, WithdrawRequest.class, MAX_BODY_BYTES);
            answer(ctx, review.withdraw(actor(ctx), id(ctx), r.reason()));
        });
        cfg.routes.put(BASE + "/notices/{id}", ctx -> {
            EntryRequest r = body(ctx, EntryRequest.class, maxBodyBytes);
            answer(ctx, review.enterContent(actor(ctx), id(ctx), r.baseRevision(), r.content()));
        });
    }

    private static void answer(Context ctx, ReviewService.Outcome outcome) {
        Json.write(ctx, 200, outcome);
    }

    private static Actor actor(Context ctx) {
        return Actor.of(AccessControl.caller(ctx).user());
    }

    private static <T> T body(Context ctx, Class<T> type, long max) {
        T value = LimitedBody.readJson(ctx, ModelJson.mapper(), type, max);
        if (value == null) {
            throw new ApiException(400, "MALFORMED_JSON", "请求内容不是有效的 JSON。");
        }
        return value;
    }

    private static UUID id(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "NOTICE_ID_INVALID", "公告编号无效。");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Refusal(Refusal.Kind.INVALID, "POSTING_WINDOW_INVALID", "公开期限日期格式应为 2026-12-01。");
        }
    }
}
