package cn.sanwu.server.http;

import cn.sanwu.model.period.Period;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The language of one public page (docs/public-pages.md, "Language"): {@code ?lang=zh|en} wins,
 * else the first supported language of {@code Accept-Language} by q-value, else Chinese. Texts
 * come from {@code public_pages.properties} (Chinese, the default) and {@code public_pages_en};
 * their {@code {0}} placeholders are filled by {@link Html#message}, escaped. Immutable.
 */
final class PublicText {

    enum Lang {
        ZH("zh", "zh-CN", Locale.ROOT, "yyyy年M月d日 HH:mm", "yyyy年M月d日"),
        EN("en", "en", Locale.ENGLISH, "yyyy-MM-dd HH:mm", "yyyy-MM-dd");

        final String param;
        final String htmlLang;
        final ResourceBundle bundle;
        final DateTimeFormatter when;
        final DateTimeFormatter day;

        Lang(String param, String htmlLang, Locale locale, String when, String day) {
            this.param = param;
            this.htmlLang = htmlLang;
            // no fallback to the JVM's default locale: the server's locale must not pick the page language
            this.bundle = ResourceBundle.getBundle("cn.sanwu.server.http.public_pages", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            this.when = DateTimeFormatter.ofPattern(when).withZone(PublicPage.CHINA);
            this.day = DateTimeFormatter.ofPattern(day).withZone(PublicPage.CHINA);
        }
    }

    private static final String ATTRIBUTE = "sanwu.public-text";

    private final Lang lang;
    private final boolean explicit;

    private PublicText(Lang lang, boolean explicit) {
        this.lang = lang;
        this.explicit = explicit;
    }

    /** The language of this request, decided once per request. */
    static PublicText of(Context ctx) {
        PublicText t = ctx.attribute(ATTRIBUTE);
        if (t == null) {
            t = resolve(ctx.queryParam("lang"), ctx.header("Accept-Language"));
            ctx.attribute(ATTRIBUTE, t);
        }
        return t;
    }

    static PublicText resolve(String langParam, String acceptLanguage) {
        for (Lang l : Lang.values()) {
            if (l.param.equals(langParam)) {
                return new PublicText(l, true);
            }
        }
        return new PublicText(fromHeader(acceptLanguage), false);
    }

    /** The first range (by q, then order) naming zh or en; a malformed header counts as none. */
    private static Lang fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return Lang.ZH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header); // sorted by weight, stable
        } catch (IllegalArgumentException e) {
            return Lang.ZH;
        }
        for (Locale.LanguageRange r : ranges) {
            if (r.getWeight() <= 0) {
                continue;
            }
            String primary = r.getRange().split("-", 2)[0];
            if (primary.equals("zh")) {
                return Lang.ZH;
            }
            if (primary.equals("en")) {
                return Lang.EN;
            }
        }
        return Lang.ZH;
    }

    Lang lang() {
        return lang;
    }

    boolean english() {
        return lang == Lang.EN;
    }

    String htmlLang() {
        return lang.htmlLang;
    }

    /** The bundle text as markup, arguments escaped. */
    Html.Safe html(String key, Object... args) {
        return Html.message(lang.bundle.getString(key), args);
    }

    /** The bundle text as plain text (escaped later, where it is put into a page). */
    String text(String key, Object... args) {
        return Html.fillText(lang.bundle.getString(key), args);
    }

    /** An enum constant's name on the page: key {@code prefix.CONSTANT}. */
    String name(String prefix, Enum<?> value) {
        return text(prefix + "." + value.name());
    }

    /** {@code path} with {@code lang=} kept when the reader chose the language in the address. */
    String link(String path) {
        if (!explicit) {
            return path;
        }
        return path + (path.indexOf('?') >= 0 ? "&" : "?") + "lang=" + lang.param;
    }

    /** For GET forms (a browser drops the action's query): the chosen language as a hidden field. */
    Html.Safe hiddenLang() {
        return explicit ? Html.of("<input type=\"hidden\" name=\"lang\" value=\"{}\">", lang.param) : Html.EMPTY;
    }

    String when(Instant instant) {
        return lang.when.format(instant);
    }

    String day(Instant instant) {
        return lang.day.format(instant);
    }

    String day(LocalDate date) {
        return lang.day.format(date);
    }

    /** A disclosure period in this language (Chinese as {@link Period#displayZh}). */
    String period(Period p) {
        return switch (p) {
            case Period.Month m -> text("period.month", m.month().getYear(), m.month().getMonthValue());
            case Period.Quarter q -> text("period.quarter", q.year(), text("period.quarter." + q.quarter()));
            case Period.HalfYear h -> text("period.half." + h.half(), h.year());
            case Period.Year y -> text("period.year", y.year());
            case Period.Event e -> text("period.event", day(e.date()));
            case Period.AsOf a -> text("period.asOf", day(a.date()));
        };
    }
}
