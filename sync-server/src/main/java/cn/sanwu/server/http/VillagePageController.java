package cn.sanwu.server.http;

import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.notices.PublicNotices;
import cn.sanwu.server.notices.VillageListing;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GET /v/{villageCode}[?q=&c=&page=] — everything a village published (docs/public-pages.md):
 * grouped by category and period, newest first, a search over titles and 公开编号 (a GET form, no
 * script), a category filter and pages of {@link VillageListing#PAGE_SIZE}. Unknown village: 404.
 */
final class VillagePageController {

    static final String PATH = "/v/{villageCode}";
    private static final Pattern PAGE = Pattern.compile("[1-9][0-9]{0,5}");

    private final PublicNotices notices;
    private final VillageListing listing;

    VillagePageController(PublicNotices notices, VillageListing listing) {
        this.notices = notices;
        this.listing = listing;
    }

    void village(Context ctx) {
        Optional<Region> village = notices.village(ctx.pathParam("villageCode"));
        if (village.isEmpty()) {
            PublicText t = PublicText.of(ctx);
            PublicPage.send(ctx, 404, t.text("village.notFound.title"), Html.of("<h1>{}</h1><p class=\"error\">{}</p>",
                    t.html("village.notFound.heading"), t.html("village.notFound.text")));
            return;
        }
        String pageText = ctx.queryParam("page");
        int page = 1;
        if (pageText != null && !pageText.isEmpty()) {
            if (!PAGE.matcher(pageText).matches()) {
                PublicPage.error(ctx, 400, PublicText.of(ctx).text("village.badPage", NoticePageController.shorten(pageText)));
                return;
            }
            page = Integer.parseInt(pageText);
        }
        String c = ctx.queryParam("c");
        Category filter = null;
        if (c != null && !c.isEmpty()) {
            try {
                filter = Category.valueOf(c);
            } catch (IllegalArgumentException e) {
                PublicPage.error(ctx, 400, PublicText.of(ctx).text("village.badCategory", NoticePageController.shorten(c)));
                return;
            }
        }
        render(ctx, listing.page(village.get(), ctx.queryParam("q"), filter, page));
    }

    private static void render(Context ctx, VillageListing.Page p) {
        PublicText t = PublicText.of(ctx);
        Region v = p.village();
        String base = "/v/" + v.code();
        List<Html.Safe> tabs = new ArrayList<>();
        tabs.add(tab(t, base, p.query(), null, p.filter() == null, t.text("village.all")));
        for (Category cat : Category.values()) {
            tabs.add(tab(t, base, p.query(), cat, p.filter() == cat, t.name("category", cat)));
        }
        List<Html.Safe> items = new ArrayList<>();
        Category lastCategory = null;
        String lastPeriod = null;
        boolean first = true;
        boolean open = false;
        for (VillageListing.Entry e : p.entries()) {
            String period = e.period() == null ? "" : t.period(e.period());
            boolean newCategory = first || e.category() != lastCategory;
            boolean newPeriod = newCategory || !Objects.equals(period, lastPeriod);
            if (newPeriod && open) {
                items.add(Html.of("</ul>"));
            }
            if (newCategory) {
                items.add(Html.of("<h2>{}</h2>", e.category() == null ? t.text("category.none") : t.name("category", e.category())));
            }
            if (newPeriod) {
                items.add(Html.of("<h3>{}</h3><ul class=\"list\">", period));
                open = true;
            }
            first = false;
            lastCategory = e.category();
            lastPeriod = period;
            Html.Safe marks = Html.of("{}{}",
                    e.corrected() ? Html.of(" <span class=\"tag\">{}</span>", t.html("village.corrected")) : Html.EMPTY,
                    e.withdrawn() ? Html.of(" <span class=\"tag bad\">{}</span>", t.html("village.withdrawn")) : Html.EMPTY);
            // the catalogue item's name is data, as published (see NoticePageController#category)
            items.add(Html.of("<li><a href=\"{}\">{}</a>{}<br><span class=\"note\">{} · {} · {}</span></li>",
                    t.link("/n/" + e.noticeId() + "?r=" + e.revision()), e.title().isBlank() ? t.text("village.untitled") : e.title(),
                    marks, e.itemName(), e.publicationNumber(), t.html("notice.publishedOn", t.day(e.publishedAt()))));
        }
        if (open) {
            items.add(Html.of("</ul>"));
        }
        Html.Safe empty = !p.entries().isEmpty() ? Html.EMPTY
                : p.total() == 0 ? Html.of("<p class=\"note\">{}</p>", t.html("village.nothingPublished"))
                : Html.of("<p class=\"note\">{}</p>", t.html("village.nothingFound"));
        Html.Safe paging = p.pages() <= 1 ? Html.EMPTY : Html.of("<p class=\"paging\">{} {} {}</p>",
                p.page() > 1 ? Html.of("<a href=\"{}\">{}</a>", link(t, base, p.query(), p.filter(), p.page() - 1),
                        t.html("village.previous")) : Html.EMPTY,
                t.html("village.pageOf", p.page(), p.pages()),
                p.page() < p.pages() ? Html.of("<a href=\"{}\">{}</a>", link(t, base, p.query(), p.filter(), p.page() + 1),
                        t.html("village.next")) : Html.EMPTY);
        Html.Safe hidden = p.filter() == null ? Html.EMPTY
                : Html.of("<input type=\"hidden\" name=\"c\" value=\"{}\">", p.filter().name());
        String title = t.text("village.title", v.name());
        PublicPage.send(ctx, 200, title, Html.of("""
                <h1>{}</h1>
                <p class="note">{}{}</p>
                <form method="get" action="{}"><label for="q">{}</label>
                <input id="q" type="text" name="q" maxlength="40" value="{}">{}{}
                <button type="submit">{}</button></form>
                <p class="tabs">{}</p>
                {}{}{}
                <p><a class="button" href="{}">{}</a></p>
                <p><a href="{}">{}</a></p>
                """, title, t.html("village.summary", v.code(), p.total()),
                p.query().isEmpty() && p.filter() == null ? Html.EMPTY : t.html("village.matching", p.matching()),
                base, t.html("village.search"), p.query(), hidden, t.hiddenLang(), t.html("village.searchButton"),
                Html.join(tabs), empty, Html.join(items), paging, t.link("/feedback?village=" + v.code()),
                t.html("form.title"), t.link("/t"), t.html("lookup.title")));
    }

    private static Html.Safe tab(PublicText t, String base, String query, Category cat, boolean current, String label) {
        return current ? Html.of("<b>{}</b> ", label) : Html.of("<a href=\"{}\">{}</a> ", link(t, base, query, cat, 1), label);
    }

    private static String link(PublicText t, String base, String query, Category cat, int page) {
        List<String> params = new ArrayList<>();
        if (!query.isEmpty()) {
            params.add("q=" + NoticePageController.enc(query));
        }
        if (cat != null) {
            params.add("c=" + cat.name());
        }
        if (page > 1) {
            params.add("page=" + page);
        }
        return t.link(params.isEmpty() ? base : base + "?" + String.join("&", params));
    }
}
