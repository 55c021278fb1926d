package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.feedback.Ticket;
import cn.sanwu.server.feedback.TicketCategory;
import cn.sanwu.server.feedback.TicketCode;
import cn.sanwu.server.feedback.TicketService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * Staff side of the tickets (JSON, logged-in people; RoutePolicy): list those in scope, classify,
 * reply, close; the reporter's contact for city oversight only. Scope is the service's to check.
 */
final class TicketController {

    static final String BASE = "/api/v1/tickets";
    private static final long MAX_BODY_BYTES = 64 * 1024;

    record TicketJson(String code, String villageCode, String kind, String category, String noticeRef, String body,
            Instant createdAt, Instant dueAt, String waitingAt, boolean overdue, String reply, Instant repliedAt,
            Instant closedAt, boolean hasPhoto) {
    }

    record ListJson(List<TicketJson> tickets) {
    }

    record ClassifyRequest(String category) {
    }

    record ReplyRequest(String text) {
    }

    record ContactJson(String contact) {
    }

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    void list(Context ctx) {
        User user = AccessControl.caller(ctx).user();
        Json.write(ctx, 200, new ListJson(tickets.listFor(user).stream().map(v -> {
            Ticket t = v.ticket();
            return new TicketJson(t.code(), t.villageCode(), t.kind().name(),
                    t.category() == null ? null : t.category().name(), t.noticeRef(), t.body(), t.createdAt(),
                    t.dueAt(), v.waitingAt().name(), v.overdue(), t.reply(), t.repliedAt(), t.closedAt(), t.hasPhoto());
        }).toList()));
    }

    void classify(Context ctx) {
        ClassifyRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), ClassifyRequest.class, MAX_BODY_BYTES);
        TicketCategory category = TicketCategory.parse(request.category()).orElseThrow(() -> new ApiException(400,
                "CATEGORY_INVALID", "分类只能是 POLICY_QUERY（政策咨询）、PROBLEM_LEAD（问题线索）或 OTHER（其他）。"));
        tickets.classify(AccessControl.caller(ctx).user(), code(ctx), category);
        ctx.status(204);
    }

    void reply(Context ctx) {
        ReplyRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), ReplyRequest.class, MAX_BODY_BYTES);
        tickets.reply(AccessControl.caller(ctx).user(), code(ctx), request.text());
        ctx.status(204);
    }

    void close(Context ctx) {
        tickets.close(AccessControl.caller(ctx).user(), code(ctx));
        ctx.status(204);
    }

    void contact(Context ctx) {
        Json.write(ctx, 200, new ContactJson(tickets.contact(AccessControl.caller(ctx).user(), code(ctx)).orElse(null)));
    }

    private static String code(Context ctx) {
        return TicketCode.parse(ctx.pathParam("code")).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN,
                "TICKET_UNKNOWN", "没有这个件，或不在您的办理范围内。"));
    }
}
