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
 * needs no script. Long tables come in pages of {@link NoticeRowPages#ROWS} rows ({@code &page=N},
 * links keep {@code r} and {@code h}; the checks and the totals are on every page, ADR 0026). Bad
 * {@code r}/{@code h}/{@code page}, or a page past the end: 400 with a message; a notice never
 * published: 404.
 */
final class NoticePageController {

    static final String PATH = "/n/{noticeId}";
    private static final Pattern REVISION = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern PAGE = REVISION;

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
                PublicPage.error(ctx, 400, PublicText.of(ctx).text("notice.badRevision", shorten(r)));
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
                PublicPage.error(ctx, 400, PublicText.of(ctx).text("notice.badHash", shorten(h)));
                return;
            }
        }
        String pageText = ctx.queryParam("page");
        int page = 1;
        if (pageText != null && !pageText.isEmpty()) {
            if (!PAGE.matcher(pageText).matches()) {
                PublicPage.error(ctx, 400, PublicText.of(ctx).text("notice.badPage", shorten(pageText)));
                return;
            }
            page = Integer.parseInt(pageText);
        }
        Optional<NoticeView> view = notices.notice(id, revision, printed);
        if (view.isEmpty()) {
            notFound(ctx);
            return;
        }
        // The links to other pages carry the QR's own r and h, so every page checks the same paper
        // (h as parsed: letters, digits and ':' only, nothing to encode).
        String base = "/n/" + id + "?" + (revision == null ? "" : "r=" + revision + "&")
                + (printed == null ? "" : "h=" + printed + "&") + "page=";
        int pages = view.get().content() == null ? 1 : NoticeRowPages.pagesOf(NoticeRowPages.rowsOf(view.get().content()));
        if (page > pages) {
            pastTheEnd(ctx, page, pages, base);
            return;
        }
        render(ctx, view.get(), page, base);
    }

    /** A page number past the end is refused rather than clamped: a link that promised rows that are not there is wrong. */
    private static void pastTheEnd(Context ctx, int page, int pages, String base) {
        PublicText t = PublicText.of(ctx);
        String heading = t.text("page.notice");
        PublicPage.send(ctx, 400, heading, Html.of("<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"{}\">{}</a></p>",
                heading, t.html("notice.pageBeyond", page, pages), t.link(base + pages), t.html("notice.lastPage", pages)));
    }

    private static void notFound(Context ctx) {
        PublicText t = PublicText.of(ctx);
        PublicPage.send(ctx, 404, t.text("notice.notFound.title"), Html.of("""
                <h1>{}</h1>
                <p class="error">{}</p>
                <p>{}</p>
                """, t.html("notice.notFound.heading"), t.html("notice.notFound.text"), t.html("notice.notFound.advice")));
    }

    private static void render(Context ctx, NoticeView v, int page, String base) {
        PublicText t = PublicText.of(ctx);
        Revision shown = v.shown();
        String villageName = v.village().map(x -> x.name()).orElse("");
        String number = shown.publicationNumber();
        String title = v.content() == null ? t.text("notice.untitled") : v.content().title();
        Html.Safe facts = Html.of("""
                <dl><dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd>
                <dt>{}</dt><dd>{}</dd></dl>
                """, t.html("notice.village"), t.html("page.village", villageName, v.villageCode()), t.html("notice.category"), category(t, v),
                t.html("notice.number"), t.html("notice.numberRevision", number, shown.revision()),
                t.html("notice.approved"), shown.approvedAt() == null ? "—" : t.day(shown.approvedAt()),
                t.html("notice.window"), window(t, shown.postingFrom(), shown.postingUntil()),
                t.html("notice.published"), t.when(shown.publishedAt()));
        Html.Safe withdrawn = v.withdrawn() ? Html.of("<p class=\"error\">{}</p>",
                t.html("notice.withdrawn", t.day(v.newest().withdrawnAt()), v.newest().withdrawnReason())) : Html.EMPTY;
        Html.Safe correction = shown.correctionReason() == null || shown.correctionReason().isBlank() ? Html.EMPTY
                : Html.of("<p class=\"note\">{}</p>", t.html("notice.correction", shown.correctionReason()));
        NoticeRowPages rows = v.content() == null ? null : NoticeRowPages.of(v.content(), page);
        boolean paged = rows != null && rows.pages() > 1;
        Html.Safe paging = paged ? paging(t, rows, base) : Html.EMPTY;
        Html.Safe note = !paged ? Html.EMPTY
                : Html.of("<p class=\"note\">{}</p>", t.html("notice.pagingNote", NoticeRowPages.ROWS));
        Html.Safe content = v.content() == null
                ? Html.of("<p class=\"error\">{}</p>", t.html("notice.unreadable"))
                : Html.of("{}{}{}{}", paging, note, NoticeContentHtml.of(t, v.content(), rows), paging);
        String ask = t.link("/feedback?village=" + enc(v.villageCode()) + "&notice=" + enc(number));
        PublicPage.send(ctx, 200, title, Html.of("""
                <h1>{}</h1>{}{}{}{}
                {}
                <h2>{}</h2>{}
                <h2>{}</h2><ol>{}</ol>
                <p><a class="button" href="{}">{}</a></p>
                <p><a href="{}">{}</a> · <a href="{}">{}</a></p>
                """, title, withdrawn, checks(t, v), newer(t, v), correction, facts, t.html("notice.content"), content,
                t.html("notice.history"), history(t, v), ask, t.html("notice.ask"), t.link("/v/" + v.villageCode()),
                t.html("notice.allOfVillage"), t.link("/t"), t.html("lookup.title")));
    }

    /** 上一页 · 第 x / y 页 · 下一页, above and below the content; plain links, no script. */
    private static Html.Safe paging(PublicText t, NoticeRowPages rows, String base) {
        return Html.of("<p class=\"paging\">{} {} {}</p>",
                rows.page() > 1 ? Html.of("<a href=\"{}\">{}</a>", t.link(base + (rows.page() - 1)), t.html("notice.previous"))
                        : Html.EMPTY,
                t.html("notice.pageOf", rows.page(), rows.pages()),
                rows.page() < rows.pages()
                        ? Html.of("<a href=\"{}\">{}</a>", t.link(base + (rows.page() + 1)), t.html("notice.next"))
                        : Html.EMPTY);
    }

    /** The verification result in plain words: (a) paper vs record, (b) record in the log. */
    private static Html.Safe checks(PublicText t, NoticeView v) {
        Check c = v.check();
        List<Html.Safe> lines = new ArrayList<>();
        Html.Safe advice = t.html("check.advice");
        switch (c.paper()) {
            case MATCHES -> lines.add(Html.of("<p class=\"ok\">{}</p>", t.html("check.matches", v.shown().revision())));
            case DIFFERS -> lines.add(Html.of("<p class=\"error\">{}</p>", t.html("check.differs", advice)));
            case UNKNOWN_REVISION -> lines.add(Html.of("<p class=\"error\">{}</p>",
                    t.html("check.unknownRevision", v.requestedRevision(), v.shown().revision(), advice)));
            case NOT_GIVEN -> lines.add(Html.of("<p class=\"note\">{}</p>", t.html("check.notGiven")));
        }
        if (!c.contentIntact()) {
            lines.add(Html.of("<p class=\"error\">{}</p>", t.html("check.contentAltered", advice)));
        }
        if (c.log() == PublishedNoticeVerifier.Outcome.VERIFIED) {
            lines.add(Html.of("<p class=\"ok\">{}</p>",
                    t.html("check.inLog", t.when(c.checkpoint().time()), c.checkpoint().treeSize())));
        } else {
            lines.add(Html.of("<p class=\"error\">{}</p>",
                    t.html("check.notInLog", t.name("log.outcome", c.log()), advice)));
        }
        return Html.of("<section class=\"box\"><h2>{}</h2>{}</section>", t.html("check.title"), Html.join(lines));
    }

    private static Html.Safe newer(PublicText t, NoticeView v) {
        Revision newest = v.newest();
        if (newest.revision() <= v.shown().revision()) {
            return Html.EMPTY;
        }
        return Html.of("<p class=\"error\">{}<a href=\"{}\">{}</a></p>",
                t.html("notice.newer", newest.revision(), newest.publicationNumber(),
                        newest.withdrawnAt() == null ? "" : t.text("notice.newerWithdrawn")),
                t.link("/n/" + v.id() + "?r=" + newest.revision()), t.html("notice.viewRevision", newest.revision()));
    }

    private static Html.Safe history(PublicText t, NoticeView v) {
        List<Html.Safe> items = new ArrayList<>();
        for (Revision r : v.revisions()) {
            Html.Safe reason = r.correctionReason() == null || r.correctionReason().isBlank() ? Html.EMPTY
                    : Html.of("<br>{}", t.html("notice.correctionReason", r.correctionReason()));
            Html.Safe withdrawn = r.withdrawnAt() == null ? Html.EMPTY
                    : Html.of("<br>{}", t.html("notice.withdrawnLine", t.day(r.withdrawnAt()), r.withdrawnReason()));
            Html.Safe label = r.revision() == v.shown().revision()
                    ? Html.of("<b>{}</b>", t.html("notice.revisionShown", r.revision()))
                    : Html.of("<a href=\"{}\">{}</a>", t.link("/n/" + v.id() + "?r=" + r.revision()),
                            t.html("notice.revision", r.revision()));
            items.add(Html.of("<li>{} {} {}{}{}</li>", label, r.publicationNumber(),
                    t.html("notice.publishedOn", t.day(r.publishedAt())), reason, withdrawn));
        }
        return Html.join(items);
    }

    /** Catalog item names are data (the catalogue's own names) and stay as published. */
    private static String category(PublicText t, NoticeView v) {
        String period = v.content() == null ? "" : t.period(v.content().period());
        return v.item().map(i -> t.name("category", i.category()) + " · " + i.nameZh()).orElse(t.text("category.none"))
                + (period.isEmpty() ? "" : " · " + period);
    }

    static String window(PublicText t, LocalDate from, LocalDate to) {
        return to == null ? t.text("notice.windowFrom", t.day(from)) : t.text("notice.windowFromTo", t.day(from), t.day(to));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
