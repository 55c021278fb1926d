package cn.sanwu.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * The frame of every public page (docs/public-pages.md): one small cached stylesheet, no script at
 * all, and the headers that keep it that way — a CSP that allows nothing but this server's own
 * style sheet and images and forbids every script, {@code nosniff}, and {@code no-referrer} (a
 * status page's address holds the ticket code; it must not leak to another site). Stateless.
 */
final class PublicPage {

    static final String CSS_PATH = "/public.css";
    static final String CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Small on purpose: a weak connection loads it once, then it is cached for a day. */
    static final String CSS = """
            body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;\
            color:#222;background:#f6f6f2}
            header{background:#b22;color:#fff;padding:.6em 1em;font-weight:bold}
            main{max-width:40em;margin:0 auto;padding:1em}
            h1{font-size:1.3em;margin:.2em 0 .6em}
            label{display:block;margin:.8em 0 .2em;font-weight:bold}
            textarea,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.4em;border:1px solid #999;border-radius:4px}
            textarea{min-height:8em}
            .choice label{display:inline;font-weight:normal;margin-right:1.5em}
            button{margin-top:1em;font:inherit;font-size:1.1em;padding:.5em 2em;background:#b22;color:#fff;border:0;border-radius:4px}
            .note{color:#555;font-size:.9em}
            .error{background:#fee;border:1px solid #c66;padding:.6em;border-radius:4px}
            .box{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.8em;margin:.8em 0;overflow-wrap:anywhere}
            .code{font:bold 1.4em monospace;letter-spacing:.1em}
            .overdue{color:#b00;font-weight:bold}
            dl{margin:0}dt{font-weight:bold;margin-top:.5em}dd{margin:0}
            ol{padding-left:1.2em}
            .hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
            footer{color:#777;font-size:.8em;text-align:center;padding:2em 1em}
            h2{font-size:1.1em;margin:1em 0 .4em}h3{font-size:1em;margin:.8em 0 .2em;color:#555}
            .ok{background:#eef8ee;border:1px solid #6a6;padding:.6em;border-radius:4px}
            .scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;font-size:.9em;min-width:100%}
            th,td{border:1px solid #ccc;padding:.2em .4em;text-align:left;white-space:nowrap}td.n{text-align:right}
            td.w{white-space:normal;min-width:8em}
            tr.sum td{font-weight:bold}.list{padding-left:1.2em;overflow-wrap:anywhere}.list li{margin:.4em 0}
            .tag{font-size:.8em;border:1px solid #b22;color:#b22;border-radius:3px;padding:0 .3em}.tag.bad{background:#b22;color:#fff}
            a.button{display:inline-block;background:#b22;color:#fff;padding:.5em 1.2em;border-radius:4px;text-decoration:none}
            .paging a{display:inline-block;padding:.3em .9em;border:1px solid #b22;border-radius:4px;text-decoration:none}
            """;

    private static final String PAGE_ATTRIBUTE = "sanwu.public-page";

    private PublicPage() {
    }

    /** True when this request's answer is a page already (the 404 handler leaves it alone). */
    static boolean isPage(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(PAGE_ATTRIBUTE));
    }

    /** Sends a whole page in the request's language ({@link PublicText}): status, security headers, the layout. */
    static void send(Context ctx, int status, String title, Html.Safe body) {
        PublicText t = PublicText.of(ctx);
        Html.Safe page = Html.of("""
                <!DOCTYPE html>
                <html lang="{}"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>{}</title><link rel="stylesheet" href="{}"></head>
                <body><header>{}</header><main>
                {}
                </main><footer>{}</footer></body></html>
                """, t.htmlLang(), title, CSS_PATH, t.html("page.header"), body, t.html("page.footer"));
        securityHeaders(ctx);
        ctx.attribute(PAGE_ATTRIBUTE, Boolean.TRUE);
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void css(Context ctx) {
        securityHeaders(ctx);
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType("text/css; charset=utf-8").result(CSS.getBytes(StandardCharsets.UTF_8));
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    /** An error page: a heading and the message (plain text, escaped here), nothing else changed. */
    static void error(Context ctx, int status, String message) {
        String heading = PublicText.of(ctx).text("page.notice");
        send(ctx, status, heading, Html.of("<h1>{}</h1><p class=\"error\">{}</p>", heading, message));
    }
}
