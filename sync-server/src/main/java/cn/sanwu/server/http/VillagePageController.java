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
            PublicPage.send(ctx, 404, "没有找到这个村", Html.of(
                    "<h1>没有找到这个村（社区）</h1><p class=\"error\">没有这个村（社区）的公开栏。请扫描公示栏上的二维码进入。</p>"));
            return;
        }
        String pageText = ctx.queryParam("page");
        int page = 1;
        if (pageText != null && !pageText.isEmpty()) {
            if (!PAGE.matcher(pageText).matches()) {
                PublicPage.error(ctx, 400, "页码“" + NoticePageController.shorten(pageText) + "”不正确，应为 1 以上的数字。");
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
                PublicPage.error(ctx, 400, "类别“" + NoticePageController.shorten(c) + "”不正确。");
                return;
            }
        }
        render(ctx, listing.page(village.get(), ctx.queryParam("q"), filter, page));
    }

    private static void render(Context ctx, VillageListing.Page p) {
        Region v = p.village();
        String base = "/v/" + v.code();
        List<Html.Safe> tabs = new ArrayList<>();
        tabs.add(tab(base, p.query(), null, p.filter() == null, "全部"));
        for (Category cat : Category.values()) {
            tabs.add(tab(base, p.query(), cat, p.filter() == cat, cat.nameZh()));
        }
        List<Html.Safe> items = new ArrayList<>();
        Category lastCategory = null;
        String lastPeriod = null;
        boolean first = true;
        boolean open = false;
        for (VillageListing.Entry e : p.entries()) {
            String period = e.period() == null ? "" : e.period().displayZh();
            boolean newCategory = first || e.category() != lastCategory;
            boolean newPeriod = newCategory || !Objects.equals(period, lastPeriod);
            if (newPeriod && open) {
                items.add(Html.of("</ul>"));
            }
            if (newCategory) {
                items.add(Html.of("<h2>{}</h2>", e.category() == null ? "其他" : e.category().nameZh()));
            }
            if (newPeriod) {
                items.add(Html.of("<h3>{}</h3><ul class=\"list\">", period));
                open = true;
            }
            first = false;
            lastCategory = e.category();
            lastPeriod = period;
            Html.Safe marks = Html.of("{}{}", e.corrected() ? Html.of(" <span class=\"tag\">已更正</span>") : Html.EMPTY,
                    e.withdrawn() ? Html.of(" <span class=\"tag bad\">已撤回</span>") : Html.EMPTY);
            items.add(Html.of("<li><a href=\"/n/{}?r={}\">{}</a>{}<br><span class=\"note\">{} · {} · {}公开</span></li>",
                    e.noticeId(), e.revision(), e.title().isBlank() ? "（无标题）" : e.title(), marks, e.itemName(),
                    e.publicationNumber(), PublicPage.day(e.publishedAt())));
        }
        if (open) {
            items.add(Html.of("</ul>"));
        }
        Html.Safe empty = !p.entries().isEmpty() ? Html.EMPTY
                : p.total() == 0 ? Html.of("<p class=\"note\">本村尚无经乡镇审核公开的内容。</p>")
                : Html.of("<p class=\"note\">没有找到符合条件的公开内容。</p>");
        Html.Safe paging = p.pages() <= 1 ? Html.EMPTY : Html.of("<p class=\"paging\">{} 第 {} / {} 页 {}</p>",
                p.page() > 1 ? Html.of("<a href=\"{}\">上一页</a>", link(base, p.query(), p.filter(), p.page() - 1)) : Html.EMPTY,
                p.page(), p.pages(),
                p.page() < p.pages() ? Html.of("<a href=\"{}\">下一页</a>", link(base, p.query(), p.filter(), p.page() + 1))
                        : Html.EMPTY);
        Html.Safe hidden = p.filter() == null ? Html.EMPTY
                : Html.of("<input type=\"hidden\" name=\"c\" value=\"{}\">", p.filter().name());
        PublicPage.send(ctx, 200, v.name() + " 公开栏", Html.of("""
                <h1>{} 公开栏</h1>
                <p class="note">行政区划代码 {} · 共 {} 份经乡镇审核公开的公告{}</p>
                <form method="get" action="{}"><label for="q">搜索标题或公开编号</label>
                <input id="q" type="text" name="q" maxlength="40" value="{}">{}
                <button type="submit">搜索</button></form>
                <p class="tabs">{}</p>
                {}{}{}
                <p><a class="button" href="/feedback?village={}">询问 / 反映问题</a></p>
                <p><a href="/t">查询办理进度</a></p>
                """, v.name(), v.code(), p.total(),
                p.query().isEmpty() && p.filter() == null ? "" : "，符合条件 " + p.matching() + " 份",
                base, p.query(), hidden, Html.join(tabs), empty, Html.join(items), paging, v.code()));
    }

    private static Html.Safe tab(String base, String query, Category cat, boolean current, String label) {
        return current ? Html.of("<b>{}</b> ", label) : Html.of("<a href=\"{}\">{}</a> ", link(base, query, cat, 1), label);
    }

    private static String link(String base, String query, Category cat, int page) {
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
        return params.isEmpty() ? base : base + "?" + String.join("&", params);
    }
}
