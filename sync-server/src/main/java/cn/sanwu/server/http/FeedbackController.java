package cn.sanwu.server.http;

import cn.sanwu.model.mask.Masking;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.feedback.FormToken;
import cn.sanwu.server.feedback.PhotoSanitizer;
import cn.sanwu.server.feedback.Ticket;
import cn.sanwu.server.feedback.TicketCode;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.throttle.Throttle;
import cn.sanwu.server.throttle.ThrottleRule;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The residents' pages (docs/public-pages.md): GET /feedback (the ask/report form), POST /feedback
 * (a plain form post, no script needed; answers 303 to the status page), GET /t/{code} and GET /t
 * (the status page and the look-up box). Anti-spam without outside services (ADR 0021): a hidden
 * honeypot field, a signed minimum fill time, and per-source limits keyed by an HMAC of the
 * address. Every page goes through {@link PublicPage}; every value through {@link Html}.
 */
final class FeedbackController {

    /** The whole form with a photo; a declared bigger body is refused before a byte is read. */
    static final long MAX_FORM_BYTES = 6L * 1024 * 1024;
    /** Submissions per source address per hour (counted whether or not they succeed). */
    static final int SUBMISSIONS_PER_HOUR = 20;
    /** Unknown ticket codes one source may look up per hour (code guessing). */
    static final int UNKNOWN_LOOKUPS_PER_HOUR = 30;

    /** The steps a resident sees (CONTACT_READ is for the audit, not for the page). */
    private static final Set<String> STEPS = Set.of("SUBMITTED", "CLASSIFIED", "REPLIED", "CLOSED");

    private final TicketService tickets;
    private final FormToken forms;
    private final Throttle throttle;
    private final Set<String> trustedProxies;
    private final ThrottleRule submitRule = new ThrottleRule.Window("feedback-source", SUBMISSIONS_PER_HOUR,
            Duration.ofHours(1));
    private final ThrottleRule lookupRule = new ThrottleRule.Window("ticket-lookup", UNKNOWN_LOOKUPS_PER_HOUR,
            Duration.ofHours(1));

    FeedbackController(TicketService tickets, FormToken forms, Throttle throttle, Set<String> trustedProxies) {
        this.tickets = tickets;
        this.forms = forms;
        this.throttle = throttle;
        this.trustedProxies = trustedProxies;
    }

    /** What the form shows again after a refusal, so nothing typed is lost. */
    private record Draft(String kind, String text, String contact, String notice) {
        static final Draft EMPTY = new Draft("QUESTION", "", "", "");
    }

    void form(Context ctx) {
        Optional<Region> village = village(ctx.queryParam("village"));
        if (village.isEmpty()) {
            PublicPage.error(ctx, 404, PublicText.of(ctx).text("form.villageUnknown"));
            return;
        }
        String notice = ctx.queryParam("notice");
        if (notice == null || notice.length() > TicketService.MAX_NOTICE_REF_CHARS) {
            notice = "";
        }
        renderForm(ctx, 200, village.get(), new Draft("QUESTION", "", "", notice), null);
    }

    void submit(Context ctx) {
        PublicText t = PublicText.of(ctx); // from the address only: the body is not read yet
        if (ctx.req().getContentLengthLong() > MAX_FORM_BYTES) {
            ctx.header("Connection", "close"); // the body is not read; do not keep the connection for it
            PublicPage.error(ctx, 413, t.text("submit.tooLarge"));
            return;
        }
        List<Throttle.Subject> source = List.of(new Throttle.Subject(submitRule, ClientAddress.of(ctx, trustedProxies)));
        Optional<Duration> blocked = throttle.attempt(source);
        if (blocked.isPresent()) {
            ctx.header("Retry-After", String.valueOf(blocked.get().toSeconds()));
            PublicPage.error(ctx, 429, t.text("submit.tooMany", blocked.get().toMinutes() + 1));
            return;
        }
        String villageCode;
        Draft draft;
        String honeypot;
        String token;
        byte[] photo;
        try {
            villageCode = ctx.formParam("village");
            draft = new Draft(orEmpty(ctx.formParam("kind")), orEmpty(ctx.formParam("text")),
                    orEmpty(ctx.formParam("contact")), orEmpty(ctx.formParam("notice")));
            honeypot = ctx.formParam("website");
            token = ctx.formParam("token");
            photo = photoBytes(ctx.uploadedFile("photo"));
        } catch (Exception e) { // Jetty's ServletException arrives unchecked through Javalin (Kotlin)
            ctx.header("Connection", "close");
            PublicPage.error(ctx, 413, t.text("submit.incomplete"));
            return;
        }
        Optional<Region> village = village(villageCode);
        if (village.isEmpty()) {
            PublicPage.error(ctx, 400, t.text("submit.villageUnknown"));
            return;
        }
        if (honeypot != null && !honeypot.isEmpty()) {
            PublicPage.error(ctx, 400, t.text("submit.refused"));
            return;
        }
        switch (forms.check(token, villageCode)) {
            case TOO_FAST -> {
                renderForm(ctx, 400, village.get(), draft, t.text("submit.tooFast"));
                return;
            }
            case STALE, FORGED -> {
                renderForm(ctx, 400, village.get(), draft, t.text("submit.stale"));
                return;
            }
            case OK -> { }
        }
        Optional<TicketKind> kind = TicketKind.parse(draft.kind());
        if (kind.isEmpty()) {
            renderForm(ctx, 400, village.get(), draft, t.text("submit.kindMissing"));
            return;
        }
        byte[] jpeg = null;
        if (photo != null) {
            try {
                jpeg = PhotoSanitizer.reencode(photo);
            } catch (PhotoSanitizer.BadPhoto e) {
                renderForm(ctx, 400, village.get(), draft, t.text("submit.notSaved", t.name("photo", e.reason())));
                return;
            }
        }
        String code;
        try {
            code = tickets.submit(new TicketService.Submission(villageCode, kind.get(), draft.notice(), draft.text(),
                    draft.contact(), jpeg));
        } catch (Refusal e) {
            renderForm(ctx, 400, village.get(), draft, t.text("submit.notSaved", refusal(t, e)));
            return;
        }
        PublicPage.securityHeaders(ctx);
        ctx.redirect(t.link("/t/" + code + "?new=1"), HttpStatus.SEE_OTHER);
    }

    /** GET /t?code=…: the look-up box; sends a well-formed code on to its page. */
    void lookup(Context ctx) {
        PublicText t = PublicText.of(ctx);
        String typed = ctx.queryParam("code");
        String heading = t.text("lookup.title");
        if (typed == null || typed.isBlank()) {
            PublicPage.send(ctx, 200, heading, Html.of("<h1>{}</h1>{}", heading, lookupBox(t)));
            return;
        }
        Optional<String> code = TicketCode.parse(typed);
        if (code.isEmpty()) {
            PublicPage.send(ctx, 404, heading, Html.of("<h1>{}</h1><p class=\"error\">{}</p>{}", heading,
                    t.text("lookup.badCode", typed.length() > 40 ? typed.substring(0, 40) : typed), lookupBox(t)));
            return;
        }
        PublicPage.securityHeaders(ctx);
        ctx.redirect(t.link("/t/" + code.get()), HttpStatus.SEE_OTHER);
    }

    void status(Context ctx) {
        Optional<String> code = TicketCode.parse(ctx.pathParam("code"));
        List<Throttle.Subject> source = List.of(new Throttle.Subject(lookupRule, ClientAddress.of(ctx, trustedProxies)));
        // A known code costs one read here; only an unknown one is counted (a write under a row
        // lock). Look-ups already in flight when a source becomes blocked may still answer 404.
        Optional<Duration> blocked = throttle.blockedFor(source);
        Optional<TicketService.Status> status = blocked.isPresent() ? Optional.empty() : code.flatMap(tickets::status);
        if (blocked.isEmpty() && status.isEmpty()) {
            blocked = throttle.attempt(source);
        }
        if (blocked.isPresent()) {
            ctx.header("Retry-After", String.valueOf(blocked.get().toSeconds()));
            PublicPage.error(ctx, 429, PublicText.of(ctx).text("lookup.tooMany", blocked.get().toMinutes() + 1));
            return;
        }
        if (status.isEmpty()) {
            PublicText t = PublicText.of(ctx);
            String heading = t.text("lookup.title");
            PublicPage.send(ctx, 404, heading, Html.of("<h1>{}</h1><p class=\"error\">{}</p>{}", heading,
                    t.text("lookup.unknownCode"), lookupBox(t)));
            return;
        }
        renderStatus(ctx, status.get(), "1".equals(ctx.queryParam("new")));
    }

    void css(Context ctx) {
        PublicPage.css(ctx);
    }

    private Optional<Region> village(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(tickets.village(code));
        } catch (Refusal e) {
            return Optional.empty();
        }
    }

    private static byte[] photoBytes(UploadedFile file) throws IOException {
        if (file == null || file.size() == 0) {
            return null;
        }
        if (file.size() > PhotoSanitizer.MAX_BYTES) {
            return new byte[PhotoSanitizer.MAX_BYTES + 1]; // refused by the sanitizer with its message
        }
        try (InputStream in = file.content()) {
            return in.readNBytes(PhotoSanitizer.MAX_BYTES + 1);
        }
    }

    private void renderForm(Context ctx, int status, Region village, Draft draft, String error) {
        PublicText t = PublicText.of(ctx);
        Html.Safe errorBox = error == null ? Html.EMPTY : Html.of("<p class=\"error\">{}</p>", error);
        Html.Safe noticeLine = draft.notice().isEmpty() ? Html.EMPTY
                : Html.of("<p class=\"note\">{}</p>", t.html("form.aboutNotice", draft.notice()));
        boolean problem = "PROBLEM".equals(draft.kind());
        String title = t.text("form.title");
        PublicPage.send(ctx, status, title, Html.of("""
                <h1>{}</h1>
                <p>{}</p>{}{}
                <form method="post" action="{}" enctype="multipart/form-data">
                <input type="hidden" name="village" value="{}">
                <input type="hidden" name="notice" value="{}">
                <input type="hidden" name="token" value="{}">
                <div class="choice"><label><input type="radio" name="kind" value="QUESTION"{}> {}</label>
                <label><input type="radio" name="kind" value="PROBLEM"{}> {}</label></div>
                <p class="note">{}</p>
                <label for="text">{}</label>
                <textarea id="text" name="text" maxlength="2000" required>{}</textarea>
                <label for="photo">{}</label>
                <input id="photo" type="file" name="photo" accept="image/jpeg,image/png">
                <label for="contact">{}</label>
                <input id="contact" type="text" name="contact" maxlength="100" value="{}">
                <p class="note">{}</p>
                <div class="hp" aria-hidden="true"><label for="website">{}</label>
                <input id="website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
                <button type="submit">{}</button>
                </form>
                <p class="note">{}</p>
                """, title, t.html("page.village", village.name(), village.code()), errorBox, noticeLine, t.link("/feedback"), village.code(),
                draft.notice(), forms.issue(village.code()), problem ? Html.EMPTY : Html.of(" checked"),
                t.html("form.kind.QUESTION"), problem ? Html.of(" checked") : Html.EMPTY,
                t.html("form.kind.PROBLEM"), t.html("form.routing"), t.html("form.text"), draft.text(),
                t.html("form.photo"), t.html("form.contact"), draft.contact(), t.html("form.contactPrivacy"),
                t.html("form.honeypot"), t.html("form.submit"), t.html("form.afterSubmit")));
    }

    /** A refusal of the service in the page's language (the service's own message is Chinese). */
    private static String refusal(PublicText t, Refusal e) {
        return switch (e.code()) {
            case "TEXT_MISSING" -> t.text("refusal.textMissing");
            case "TEXT_TOO_LONG" -> t.text("refusal.textTooLong", TicketService.MAX_TEXT_CHARS);
            case "CONTACT_TOO_LONG" -> t.text("refusal.contactTooLong", TicketService.MAX_CONTACT_CHARS);
            case "NOTICE_REF_TOO_LONG" -> t.text("refusal.noticeTooLong", TicketService.MAX_NOTICE_REF_CHARS);
            default -> t.english() ? t.text("refusal.other", e.code()) : e.getMessage();
        };
    }

    /**
     * Anyone holding the code sees this page, so ID, bank and phone numbers in the question or
     * the reply are masked here as on every public page (staff see the text as typed).
     */
    private static void renderStatus(Context ctx, TicketService.Status s, boolean justSubmitted) {
        PublicText t = PublicText.of(ctx);
        Ticket tk = s.ticket();
        Html.Safe fresh = justSubmitted ? Html.of("<p class=\"box\">{}<br><span class=\"code\">{}</span></p>",
                t.html("status.received"), TicketCode.display(tk.code())) : Html.EMPTY;
        Html.Safe deadline;
        if (tk.repliedAt() != null) {
            deadline = t.html("status.dueReplied", t.day(tk.dueAt()), t.when(tk.repliedAt()));
        } else if (s.overdue()) {
            deadline = Html.of("<span class=\"overdue\">{}</span>",
                    t.html("status.dueOverdue", t.day(tk.dueAt()), t.name("level", s.waitingAt())));
        } else {
            deadline = Html.of("{}", t.day(tk.dueAt()));
        }
        Html.Safe reply = tk.reply() == null ? Html.of("<p class=\"note\">{}</p>", t.html("status.notReplied"))
                : Html.of("<div class=\"box\">{}<p class=\"note\">{}</p></div>",
                        Html.multiline(Masking.freeText(tk.reply())), t.html("status.repliedAt", t.when(tk.repliedAt())));
        List<Html.Safe> steps = new ArrayList<>();
        for (Ticket.Event e : s.events()) {
            if (STEPS.contains(e.step())) {
                steps.add(Html.of("<li>{} {}</li>", t.when(e.at()), t.text("ticket.step." + e.step())));
            }
        }
        Html.Safe waiting = tk.closedAt() != null || tk.repliedAt() != null ? Html.EMPTY
                : Html.of("<dt>{}</dt><dd>{}</dd>", t.html("status.handledBy"),
                        t.html("status.handledByLevel", t.name("level", s.waitingAt())));
        String progress = tk.closedAt() != null ? "CLOSED" : tk.repliedAt() != null ? "REPLIED" : "OPEN";
        String kind = t.name("ticket.kind", tk.kind());
        PublicPage.send(ctx, 200, t.text("status.pageTitle", TicketCode.display(tk.code())), Html.of("""
                <h1>{}</h1>{}
                <dl><dt>{}</dt><dd class="code">{}</dd>
                <dt>{}</dt><dd>{}{}</dd>
                <dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd>{}
                <dt>{}</dt><dd>{}</dd></dl>
                <h2>{}</h2><div class="box">{}</div>
                <h2>{}</h2>{}
                <h2>{}</h2><ol>{}</ol>
                """, t.html("status.title"), fresh, t.html("status.code"), TicketCode.display(tk.code()),
                t.html("status.kind"), kind,
                tk.category() == null ? Html.EMPTY : t.html("status.category", t.name("ticket.category", tk.category())),
                t.html("status.submitted"), t.when(tk.createdAt()), t.html("status.progress"),
                t.text("ticket.progress." + progress), waiting, t.html("status.due"), deadline,
                t.html("status.yours", kind), Html.multiline(Masking.freeText(tk.body())), t.html("status.reply"), reply,
                t.html("status.history"), Html.join(steps)));
    }

    private static Html.Safe lookupBox(PublicText t) {
        return Html.of("""
                <form method="get" action="/t"><label for="code">{}</label>{}
                <input id="code" type="text" name="code" maxlength="20" autocomplete="off">
                <button type="submit">{}</button></form>
                """, t.html("status.code"), t.hiddenLang(), t.html("lookup.button"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

}
