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
import java.util.Map;
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

    private static final Map<String, String> STEP_ZH = Map.of("SUBMITTED", "已提交", "CLASSIFIED", "已分类",
            "REPLIED", "已答复", "CLOSED", "已办结");

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
            PublicPage.error(ctx, 404, "没有找到这个村（社区）。请扫描公示栏上的二维码进入。");
            return;
        }
        String notice = ctx.queryParam("notice");
        if (notice == null || notice.length() > TicketService.MAX_NOTICE_REF_CHARS) {
            notice = "";
        }
        renderForm(ctx, 200, village.get(), new Draft("QUESTION", "", "", notice), null);
    }

    void submit(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_FORM_BYTES) {
            ctx.header("Connection", "close"); // the body is not read; do not keep the connection for it
            PublicPage.error(ctx, 413, "提交的内容太大（照片上限 5 MB）。请换一张小一些的照片再提交。");
            return;
        }
        List<Throttle.Subject> source = List.of(new Throttle.Subject(submitRule, ClientAddress.of(ctx, trustedProxies)));
        Optional<Duration> blocked = throttle.attempt(source);
        if (blocked.isPresent()) {
            ctx.header("Retry-After", String.valueOf(blocked.get().toSeconds()));
            PublicPage.error(ctx, 429, "提交次数过多，请 " + (blocked.get().toMinutes() + 1) + " 分钟后再试。");
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
            PublicPage.error(ctx, 413, "提交的内容太大或不完整（照片上限 5 MB），未保存任何内容。请重新提交。");
            return;
        }
        Optional<Region> village = village(villageCode);
        if (village.isEmpty()) {
            PublicPage.error(ctx, 400, "没有找到这个村（社区），未保存任何内容。请扫描公示栏上的二维码重新进入。");
            return;
        }
        if (honeypot != null && !honeypot.isEmpty()) {
            PublicPage.error(ctx, 400, "提交未成功，未保存任何内容。");
            return;
        }
        switch (forms.check(token, villageCode)) {
            case TOO_FAST -> {
                renderForm(ctx, 400, village.get(), draft, "提交太快了，请检查内容后再点一次“提交”。");
                return;
            }
            case STALE, FORGED -> {
                renderForm(ctx, 400, village.get(), draft, "页面已过期，请检查内容后再点一次“提交”。");
                return;
            }
            case OK -> { }
        }
        Optional<TicketKind> kind = TicketKind.parse(draft.kind());
        if (kind.isEmpty()) {
            renderForm(ctx, 400, village.get(), draft, "请选择“询问”或“反映问题”。");
            return;
        }
        byte[] jpeg = null;
        if (photo != null) {
            try {
                jpeg = PhotoSanitizer.reencode(photo);
            } catch (PhotoSanitizer.BadPhoto e) {
                renderForm(ctx, 400, village.get(), draft, e.getMessage() + "（未保存任何内容）");
                return;
            }
        }
        String code;
        try {
            code = tickets.submit(new TicketService.Submission(villageCode, kind.get(), draft.notice(), draft.text(),
                    draft.contact(), jpeg));
        } catch (Refusal e) {
            renderForm(ctx, 400, village.get(), draft, e.getMessage() + "（未保存任何内容）");
            return;
        }
        PublicPage.securityHeaders(ctx);
        ctx.redirect("/t/" + code + "?new=1", HttpStatus.SEE_OTHER);
    }

    /** GET /t?code=…: the look-up box; sends a well-formed code on to its page. */
    void lookup(Context ctx) {
        String typed = ctx.queryParam("code");
        if (typed == null || typed.isBlank()) {
            PublicPage.send(ctx, 200, "查询办理进度", Html.of("<h1>查询办理进度</h1>{}", lookupBox()));
            return;
        }
        Optional<String> code = TicketCode.parse(typed);
        if (code.isEmpty()) {
            PublicPage.send(ctx, 404, "查询办理进度", Html.of(
                    "<h1>查询办理进度</h1><p class=\"error\">查询码“{}”不正确，请核对后重新输入（共 12 位）。</p>{}",
                    typed.length() > 40 ? typed.substring(0, 40) : typed, lookupBox()));
            return;
        }
        PublicPage.securityHeaders(ctx);
        ctx.redirect("/t/" + code.get(), HttpStatus.SEE_OTHER);
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
            PublicPage.error(ctx, 429, "查询次数过多，请 " + (blocked.get().toMinutes() + 1) + " 分钟后再试。");
            return;
        }
        if (status.isEmpty()) {
            PublicPage.send(ctx, 404, "查询办理进度", Html.of(
                    "<h1>查询办理进度</h1><p class=\"error\">没有找到这个查询码，请核对后重新输入。</p>{}", lookupBox()));
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
        Html.Safe errorBox = error == null ? Html.EMPTY : Html.of("<p class=\"error\">{}</p>", error);
        Html.Safe noticeLine = draft.notice().isEmpty() ? Html.EMPTY
                : Html.of("<p class=\"note\">关于公示：{}</p>", draft.notice());
        boolean problem = "PROBLEM".equals(draft.kind());
        PublicPage.send(ctx, status, "询问 / 反映问题", Html.of("""
                <h1>询问 / 反映问题</h1>
                <p>{}（{}）</p>{}{}
                <form method="post" action="/feedback" enctype="multipart/form-data">
                <input type="hidden" name="village" value="{}">
                <input type="hidden" name="notice" value="{}">
                <input type="hidden" name="token" value="{}">
                <div class="choice"><label><input type="radio" name="kind" value="QUESTION"{}> 询问</label>
                <label><input type="radio" name="kind" value="PROBLEM"{}> 反映问题</label></div>
                <p class="note">询问由本村和乡镇答复；反映问题直接交乡镇和市级监督部门，不转给村干部。</p>
                <label for="text">内容（必填，最多 2000 字）</label>
                <textarea id="text" name="text" maxlength="2000" required>{}</textarea>
                <label for="photo">照片（可不传；JPEG 或 PNG，最大 5 MB；位置等信息会被清除）</label>
                <input id="photo" type="file" name="photo" accept="image/jpeg,image/png">
                <label for="contact">联系方式（可不填，可匿名）</label>
                <input id="contact" type="text" name="contact" maxlength="100" value="{}">
                <p class="note">联系方式只有市级监督人员能看到，村干部看不到。</p>
                <div class="hp" aria-hidden="true"><label for="website">请勿填写</label>
                <input id="website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
                <button type="submit">提交</button>
                </form>
                <p class="note">提交后会得到一个查询码，请记下，凭码查看答复。答复期限为 10 天。</p>
                """, village.name(), village.code(), errorBox, noticeLine, village.code(), draft.notice(),
                forms.issue(village.code()), problem ? Html.EMPTY : Html.of(" checked"),
                problem ? Html.of(" checked") : Html.EMPTY, draft.text(), draft.contact()));
    }

    /**
     * Anyone holding the code sees this page, so ID, bank and phone numbers in the question or
     * the reply are masked here as on every public page (staff see the text as typed).
     */
    private static void renderStatus(Context ctx, TicketService.Status s, boolean justSubmitted) {
        Ticket t = s.ticket();
        Html.Safe fresh = justSubmitted ? Html.of("<p class=\"box\">已收到。请记下查询码：<br><span class=\"code\">{}</span></p>",
                TicketCode.display(t.code())) : Html.EMPTY;
        Html.Safe deadline;
        if (t.repliedAt() != null) {
            deadline = Html.of("{}（已于 {} 答复）", PublicPage.day(t.dueAt()), PublicPage.when(t.repliedAt()));
        } else if (s.overdue()) {
            deadline = Html.of("<span class=\"overdue\">{}（已超期，已转{}督办）</span>", PublicPage.day(t.dueAt()),
                    s.waitingAt().nameZh());
        } else {
            deadline = Html.of("{}", PublicPage.day(t.dueAt()));
        }
        Html.Safe reply = t.reply() == null ? Html.of("<p class=\"note\">尚未答复。</p>")
                : Html.of("<div class=\"box\">{}<p class=\"note\">答复时间：{}</p></div>",
                        Html.multiline(Masking.freeText(t.reply())),
                        PublicPage.when(t.repliedAt()));
        List<Html.Safe> steps = new ArrayList<>();
        for (Ticket.Event e : s.events()) {
            String zh = STEP_ZH.get(e.step());
            if (zh != null) { // CONTACT_READ is for the audit, not for the page
                steps.add(Html.of("<li>{} {}</li>", PublicPage.when(e.at()), zh));
            }
        }
        Html.Safe waiting = t.closedAt() != null || t.repliedAt() != null ? Html.EMPTY
                : Html.of("<dt>目前由</dt><dd>{}办理</dd>", s.waitingAt().nameZh());
        PublicPage.send(ctx, 200, "办理进度 " + TicketCode.display(t.code()), Html.of("""
                <h1>办理进度</h1>{}
                <dl><dt>查询码</dt><dd class="code">{}</dd>
                <dt>类型</dt><dd>{}{}</dd>
                <dt>提交时间</dt><dd>{}</dd>
                <dt>进度</dt><dd>{}</dd>{}
                <dt>答复期限</dt><dd>{}</dd></dl>
                <h2>您的{}</h2><div class="box">{}</div>
                <h2>答复</h2>{}
                <h2>办理记录</h2><ol>{}</ol>
                """, fresh, TicketCode.display(t.code()), t.kind().nameZh(),
                t.category() == null ? Html.EMPTY : Html.of("（{}）", t.category().nameZh()),
                PublicPage.when(t.createdAt()), t.progressZh(), waiting, deadline, t.kind().nameZh(),
                Html.multiline(Masking.freeText(t.body())), reply, Html.join(steps)));
    }

    private static Html.Safe lookupBox() {
        return Html.of("""
                <form method="get" action="/t"><label for="code">查询码</label>
                <input id="code" type="text" name="code" maxlength="20" autocomplete="off">
                <button type="submit">查询</button></form>
                """);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

}
