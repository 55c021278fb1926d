package cn.sanwu.server.http;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.log.PublishedNoticeVerifier;
import cn.sanwu.server.notices.PublicNotices;
import cn.sanwu.server.notices.PublicNotices.Check;
import cn.sanwu.server.notices.PublicNotices.NoticeView;
import cn.sanwu.server.notices.PublicNotices.Revision;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * GET /n/{noticeId}?r=&h= — the page a phone opens from a sheet's QR code (docs/public-pages.md,
 * ADR 0022): the published content masked, its facts and history, and the check of the paper
 * against the record and the transparency log, done here with shared-model code so the phone
 * needs no script. Bad {@code r}/{@code h}: 400 with a message; a notice never published: 404.
 */
final class NoticePageController {

    static final String PATH = "/n/{noticeId}";
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final Pattern REVISION = Pattern.compile("[1-9][0-9]{0,8}");

    private final PublicNotices notices;

    NoticePageController(PublicNotices notices) {
        this.notices = notices;
    }

    void notice(Context ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("noticeId"));
        } catch (IllegalArgumentException e) {
            notFound(ctx);
            return;
        }
        String r = ctx.queryParam("r");
        Integer revision = null;
        if (r != null && !r.isEmpty()) {
            if (!REVISION.matcher(r).matches()) {
                PublicPage.error(ctx, 400, "二维码中的版本号“" + shorten(r) + "”不正确。请重新扫描纸质公告上的二维码；"
                        + "如果仍然不行，说明二维码可能被改动或损坏，可以在本村公开栏页面查找这份公告。");
                return;
            }
            revision = Integer.parseInt(r);
        }
        String h = ctx.queryParam("h");
        ContentHash printed = null;
        if (h != null && !h.isEmpty()) {
            try {
                printed = ContentHash.parse(h);
            } catch (IllegalArgumentException e) {
                PublicPage.error(ctx, 400, "二维码中的内容指纹“" + shorten(h) + "”格式不正确，无法核对。请重新扫描纸质公告上的二维码；"
                        + "如果仍然不行，说明二维码可能被改动或损坏。");
                return;
            }
        }
        Optional<NoticeView> view = notices.notice(id, revision, printed);
        if (view.isEmpty()) {
            notFound(ctx);
            return;
        }
        render(ctx, view.get());
    }

    private static void notFound(Context ctx) {
        PublicPage.send(ctx, 404, "没有找到公告", Html.of("""
                <h1>没有找到这份公告</h1>
                <p class="error">没有这份公告的公开记录。它可能尚未经乡镇审核公开，或者二维码不是本系统打印的。</p>
                <p>如果纸质公告上有这个二维码，却查不到公开记录，请向乡镇反映。</p>
                """));
    }

    private static void render(Context ctx, NoticeView v) {
        Revision shown = v.shown();
        String villageName = v.village().map(x -> x.name()).orElse("");
        String number = shown.publicationNumber();
        String title = v.content() == null ? "公告" : v.content().title();
        Html.Safe facts = Html.of("""
                <dl><dt>村（社区）</dt><dd>{}（{}）</dd>
                <dt>类别</dt><dd>{}</dd>
                <dt>公开编号</dt><dd>{}（第 {} 版）</dd>
                <dt>乡镇审核通过</dt><dd>{}</dd>
                <dt>公开期</dt><dd>{}</dd>
                <dt>公开时间</dt><dd>{}</dd></dl>
                """, villageName, v.villageCode(), category(v), number, shown.revision(),
                shown.approvedAt() == null ? "—" : PublicPage.day(shown.approvedAt()),
                window(shown.postingFrom(), shown.postingUntil()), PublicPage.when(shown.publishedAt()));
        Html.Safe withdrawn = v.withdrawn() ? Html.of("<p class=\"error\"><b>已撤回</b>（{}）：{}</p>",
                PublicPage.day(v.newest().withdrawnAt()), v.newest().withdrawnReason()) : Html.EMPTY;
        Html.Safe correction = shown.correctionReason() == null || shown.correctionReason().isBlank() ? Html.EMPTY
                : Html.of("<p class=\"note\">本版为更正，更正原因：{}</p>", shown.correctionReason());
        Html.Safe content = v.content() == null
                ? Html.of("<p class=\"error\">这份公开记录的内容无法读取，可能已被改动。请通过下方“反映问题”告诉乡镇和市级监督部门。</p>")
                : NoticeContentHtml.of(v.content());
        String ask = "/feedback?village=" + enc(v.villageCode()) + "&notice=" + enc(number);
        PublicPage.send(ctx, 200, title, Html.of("""
                <h1>{}</h1>{}{}{}{}
                {}
                <h2>公告内容</h2>{}
                <h2>版本记录</h2><ol>{}</ol>
                <p><a class="button" href="{}">对这份公告询问 / 反映问题</a></p>
                <p><a href="/v/{}">查看本村全部公开内容</a> · <a href="/t">查询办理进度</a></p>
                """, title, withdrawn, checks(v), newer(v), correction, facts, content, history(v), ask, v.villageCode()));
    }

    /** The verification result in plain words: (a) paper vs record, (b) record in the log. */
    private static Html.Safe checks(NoticeView v) {
        Check c = v.check();
        List<Html.Safe> lines = new ArrayList<>();
        String advice = "请以本页为准，并通过下方“反映问题”告诉乡镇和市级监督部门（可以匿名）。";
        switch (c.paper()) {
            case MATCHES -> lines.add(Html.of("<p class=\"ok\">✔ <b>与公开记录一致</b>：纸质公告的内容指纹与第 {} 版公开记录相同。</p>",
                    v.shown().revision()));
            case DIFFERS -> lines.add(Html.of("<p class=\"error\">✘ <b>不一致</b>：纸质公告与公开记录不一致。"
                    + "张贴的公告可能被改动或替换，也可能是记录被改动。{}</p>", advice));
            case UNKNOWN_REVISION -> lines.add(Html.of("<p class=\"error\">✘ <b>不一致</b>：二维码上的第 {} 版没有公开记录，"
                    + "下面显示的是第 {} 版。{}</p>", v.requestedRevision(), v.shown().revision(), advice));
            case NOT_GIVEN -> lines.add(Html.of("<p class=\"note\">从链接进入，没有纸质公告可核对；扫描纸质公告上的二维码即可核对。</p>"));
        }
        if (!c.contentIntact()) {
            lines.add(Html.of("<p class=\"error\">✘ <b>不一致</b>：公开记录的内容与它的内容指纹不符，记录可能被改动。{}</p>", advice));
        }
        if (c.log() == PublishedNoticeVerifier.Outcome.VERIFIED) {
            lines.add(Html.of("<p class=\"ok\">✔ <b>已记入公开日志，未被改动</b>（日志签名时间 {}，共 {} 条记录）。</p>",
                    PublicPage.when(c.checkpoint().time()), c.checkpoint().treeSize()));
        } else {
            lines.add(Html.of("<p class=\"error\">✘ <b>不一致</b>：未能证明这条公开记录在防篡改日志中（{}），记录可能被改动。{}</p>",
                    c.log().label(), advice));
        }
        return Html.of("<section class=\"box\"><h2>核对结果</h2>{}</section>", Html.join(lines));
    }

    private static Html.Safe newer(NoticeView v) {
        Revision newest = v.newest();
        if (newest.revision() <= v.shown().revision()) {
            return Html.EMPTY;
        }
        return Html.of("<p class=\"error\">这份公告已经更正：现在的是第 {} 版（公开编号 {}）{}。<a href=\"/n/{}?r={}\">查看第 {} 版</a></p>",
                newest.revision(), newest.publicationNumber(), newest.withdrawnAt() == null ? "" : "，已撤回", v.id(),
                newest.revision(), newest.revision());
    }

    private static Html.Safe history(NoticeView v) {
        List<Html.Safe> items = new ArrayList<>();
        for (Revision r : v.revisions()) {
            Html.Safe reason = r.correctionReason() == null || r.correctionReason().isBlank() ? Html.EMPTY
                    : Html.of("<br>更正原因：{}", r.correctionReason());
            Html.Safe withdrawn = r.withdrawnAt() == null ? Html.EMPTY
                    : Html.of("<br><b>已撤回</b>（{}）：{}", PublicPage.day(r.withdrawnAt()), r.withdrawnReason());
            Html.Safe label = r.revision() == v.shown().revision() ? Html.of("<b>第 {} 版（本页）</b>", r.revision())
                    : Html.of("<a href=\"/n/{}?r={}\">第 {} 版</a>", v.id(), r.revision(), r.revision());
            items.add(Html.of("<li>{} {} {}公开{}{}</li>", label, r.publicationNumber(), PublicPage.day(r.publishedAt()),
                    reason, withdrawn));
        }
        return Html.join(items);
    }

    private static String category(NoticeView v) {
        String period = v.content() == null ? "" : v.content().period().displayZh();
        return v.item().map(i -> i.category().nameZh() + " · " + i.nameZh()).orElse("其他") + (period.isEmpty() ? "" : " · " + period);
    }

    static String window(LocalDate from, LocalDate to) {
        return DAY.format(from) + (to == null ? " 起" : " 至 " + DAY.format(to));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
