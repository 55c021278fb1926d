package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.mask.Masking;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import cn.sanwu.server.feedback.Ticket;
import cn.sanwu.server.feedback.TicketCategory;
import cn.sanwu.server.feedback.TicketCode;
import cn.sanwu.server.feedback.TicketScope;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.feedback.TicketSteps;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Staff side of the tickets (JSON, logged-in people; RoutePolicy): list those in scope (also the
 * staff PC's pull, ADR 0023), classify, assign, 核实, reply, close; the reporter's contact for city
 * oversight only; statistics for township and city. Scope is the service's to check. Each step
 * body may carry {@code actionId} (a UUID): a replay of the same id changes nothing.
 */
final class TicketController {

    static final String BASE = "/api/v1/tickets";
    private static final long MAX_BODY_BYTES = 64 * 1024;

    record TicketJson(String code, String villageCode, String kind, String category, String noticeRef, String body,
            Instant createdAt, Instant dueAt, String waitingAt, boolean overdue, String reply, Instant repliedAt,
            Instant closedAt, boolean hasPhoto, boolean photoWithheld, String assignee,
            List<TicketService.StaffEvent> events) {
    }

    record ListJson(Instant serverTime, List<TicketJson> tickets) {
    }

    record StepRequest(String actionId, String category, String text, String assignee) {
    }

    record StepJson(boolean replayed) {
    }

    record ContactJson(String contact) {
    }

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    void list(Context ctx) {
        User user = AccessControl.caller(ctx).user();
        // A village PC is a shared office machine: it gets the resident's text masked (ID, bank
        // and phone numbers), as the public status page shows it; township and city see it as typed.
        boolean mask = TicketScope.isVillageRole(user.role());
        Json.write(ctx, 200, new ListJson(Instant.now(), tickets.listFor(user).stream().map(v -> {
            Ticket t = v.ticket();
            // hasPhoto: a photo this account may fetch; photoWithheld: there is one, but not for it.
            boolean withheld = t.hasPhoto() && TicketScope.photoWithheld(user.role(), t.category());
            return new TicketJson(t.code(), t.villageCode(), t.kind().name(),
                    t.category() == null ? null : t.category().name(), t.noticeRef(),
                    mask ? Masking.freeText(t.body()) : t.body(), t.createdAt(), t.dueAt(), v.waitingAt().name(),
                    v.overdue(), t.reply(), t.repliedAt(), t.closedAt(), t.hasPhoto() && !withheld, withheld, v.assignee(),
                    v.events());
        }).toList()));
    }

    void classify(Context ctx) {
        StepRequest request = body(ctx);
        TicketCategory category = TicketCategory.parse(request.category()).orElseThrow(() -> new ApiException(400,
                "CATEGORY_INVALID", "分类只能是 POLICY_QUERY（政策咨询）、PROBLEM_LEAD（问题线索）或 OTHER（其他）。"));
        answer(ctx, tickets.steps().classify(user(ctx), code(ctx), actionId(request), category));
    }

    void assign(Context ctx) {
        StepRequest request = body(ctx);
        answer(ctx, tickets.steps().assign(user(ctx), code(ctx), actionId(request), request.assignee()));
    }

    void verify(Context ctx) {
        StepRequest request = body(ctx);
        answer(ctx, tickets.steps().verify(user(ctx), code(ctx), actionId(request), request.text()));
    }

    void reply(Context ctx) {
        StepRequest request = body(ctx);
        answer(ctx, tickets.steps().reply(user(ctx), code(ctx), actionId(request), request.text()));
    }

    void close(Context ctx) {
        StepRequest request = body(ctx);
        answer(ctx, tickets.steps().close(user(ctx), code(ctx), actionId(request)));
    }

    void contact(Context ctx) {
        Json.write(ctx, 200, new ContactJson(tickets.contact(user(ctx), code(ctx)).orElse(null)));
    }

    /**
     * The ticket's photo as stored (re-encoded JPEG, no metadata), for staff who may see the ticket.
     * Not cached by anything between: it is a resident's picture on a staff route.
     */
    void photo(Context ctx) {
        TicketService.Photo photo = tickets.photo(user(ctx), code(ctx)).orElseThrow(() -> new ApiException(404,
                "PHOTO_NONE", "此件没有照片。"));
        ctx.status(200);
        ctx.contentType(photo.mediaType());
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(photo.image());
    }

    void statistics(Context ctx) {
        Json.write(ctx, 200, tickets.statistics().report(user(ctx), date(ctx.queryParam("from")),
                date(ctx.queryParam("to"))));
    }

    /** 204 when applied now (as before action ids existed); a replay answers 200 {@code {"replayed":true}}. */
    private static void answer(Context ctx, TicketSteps.Result result) {
        if (result.replayed()) {
            Json.write(ctx, 200, new StepJson(true));
        } else {
            ctx.status(204);
        }
    }

    private static User user(Context ctx) {
        return AccessControl.caller(ctx).user();
    }

    /** The step's JSON body; an empty body (close without an action id) is an empty request. */
    private static StepRequest body(Context ctx) {
        String length = ctx.header("Content-Length");
        if ("0".equals(length) || (length == null && ctx.header("Transfer-Encoding") == null)) {
            return new StepRequest(null, null, null, null);
        }
        StepRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), StepRequest.class, MAX_BODY_BYTES);
        return request == null ? new StepRequest(null, null, null, null) : request;
    }

    private static UUID actionId(StepRequest request) {
        if (request.actionId() == null) {
            return null;
        }
        try {
            return UUID.fromString(request.actionId());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "ACTION_ID_INVALID", "操作编号格式不对。");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "PERIOD_INVALID", "日期格式应为 2026-01-01。");
        }
    }

    private static String code(Context ctx) {
        return TicketCode.parse(ctx.pathParam("code")).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN,
                "TICKET_UNKNOWN", "没有这个件，或不在您的办理范围内。"));
    }
}
