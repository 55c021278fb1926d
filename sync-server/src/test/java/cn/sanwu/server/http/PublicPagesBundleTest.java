package cn.sanwu.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.model.catalog.Category;
import cn.sanwu.model.finance.AccountingEntity;
import cn.sanwu.model.log.PublishedNoticeVerifier;
import cn.sanwu.model.period.Period;
import cn.sanwu.server.feedback.Escalation;
import cn.sanwu.server.feedback.PhotoSanitizer;
import cn.sanwu.server.feedback.TicketCategory;
import cn.sanwu.server.feedback.TicketKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public pages' bundles: both languages have every key with the same placeholders, every
 * key the code asks for exists, the Chinese texts of enums are the ones the model uses, English
 * holds no Chinese, and the language is chosen as docs/public-pages.md says.
 */
class PublicPagesBundleTest {

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PublicPagesBundleTest.class.getResourceAsStream("/cn/sanwu/server/http/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholdersAndEnglishHasNoChinese() throws IOException {
        Properties zh = load("public_pages.properties");
        Properties en = load("public_pages_en.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(zh.stringPropertyNames()));
        Map<String, String> mismatched = new TreeMap<>();
        Map<String, String> chinese = new TreeMap<>();
        for (String key : zh.stringPropertyNames()) {
            if (!placeholders(zh.getProperty(key)).equals(placeholders(en.getProperty(key)))) {
                mismatched.put(key, zh.getProperty(key) + " / " + en.getProperty(key));
            }
            if (HAN.matcher(en.getProperty(key)).find()) {
                chinese.put(key, en.getProperty(key));
            }
        }
        assertThat(mismatched).as("same {n} placeholders in both languages").isEmpty();
        assertThat(chinese).as("English texts with Chinese characters").isEmpty();
        assertThat(placeholders("第 {0} / {1} 页")).as("the placeholder check itself").containsExactly("0", "1");
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        Properties zh = load("public_pages.properties");
        Set<String> used = new TreeSet<>();
        Pattern call = Pattern.compile("\\.(?:text|html)\\(\"([a-zA-Z.]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/cn/sanwu/server/http"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        Set<String> missing = new TreeSet<>();
        for (String key : used) {
            boolean present = key.endsWith(".") ? zh.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key))
                    : zh.containsKey(key);
            if (!present) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys used in code but missing from the bundles").isEmpty();
        for (String prefix : List.of("ticket.step.SUBMITTED", "ticket.step.CLASSIFIED", "ticket.step.REPLIED",
                "ticket.step.CLOSED", "ticket.progress.OPEN", "ticket.progress.REPLIED", "ticket.progress.CLOSED")) {
            assertThat(zh.containsKey(prefix)).as(prefix).isTrue();
        }
    }

    /** Chinese pages must read exactly as before the bundle: the enum texts are the model's own. */
    @Test
    void chineseEnumTextsAreTheModels() {
        PublicText t = PublicText.resolve(null, null);
        assertNames(t, "ticket.kind", TicketKind.values(), TicketKind::nameZh);
        assertNames(t, "ticket.category", TicketCategory.values(), TicketCategory::nameZh);
        assertNames(t, "level", Escalation.Level.values(), Escalation.Level::nameZh);
        assertNames(t, "category", Category.values(), Category::nameZh);
        assertNames(t, "entity", AccountingEntity.values(), AccountingEntity::nameZh);
        assertNames(t, "log.outcome", PublishedNoticeVerifier.Outcome.values(), PublishedNoticeVerifier.Outcome::label);
        PublicText en = PublicText.resolve("en", null);
        for (PhotoSanitizer.BadPhoto.Reason r : PhotoSanitizer.BadPhoto.Reason.values()) {
            assertThat(en.name("photo", r)).isNotBlank();
        }
        for (String code : List.of("2026-11", "2026-01", "2026-Q1", "2026-Q4", "2026-H1", "2026-H2", "2026", "E2026-11-28",
                "S2026-03-05")) {
            Period p = Period.parse(code);
            assertThat(t.period(p)).as(code).isEqualTo(p.displayZh());
            assertThat(en.period(p)).as(code).doesNotContainPattern(HAN.pattern());
        }
        assertThat(en.period(Period.parse("2026-Q3"))).isEqualTo("Q3 2026");
        assertThat(en.period(Period.parse("E2026-11-28"))).isEqualTo("2026-11-28 (as it happened)");
    }

    private static <E extends Enum<E>> void assertNames(PublicText t, String prefix, E[] values, Function<E, String> zh) {
        for (E e : values) {
            assertThat(t.name(prefix, e)).as(prefix + "." + e.name()).isEqualTo(zh.apply(e));
        }
    }

    @Test
    void theLanguageIsTheParameterElseTheFirstSupportedOfAcceptLanguageElseChinese() {
        assertThat(lang(null, null)).isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "en-US,en;q=0.9")).isEqualTo(PublicText.Lang.EN);
        assertThat(lang(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "zh-CN")).as("WeChat").isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "en;q=0.5,zh;q=0.8")).as("q-values, not order").isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "zh;q=0.3,fr,en-GB;q=0.7")).as("unsupported skipped").isEqualTo(PublicText.Lang.EN);
        assertThat(lang(null, "fr-FR,de")).isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "en;q=0,zh;q=0.1")).as("q=0 means not acceptable").isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, "en;q=0")).isEqualTo(PublicText.Lang.ZH);
        assertThat(lang(null, ";;;q=x,,")).as("malformed: Chinese").isEqualTo(PublicText.Lang.ZH);
        assertThat(lang("en", "zh-CN")).as("the parameter wins").isEqualTo(PublicText.Lang.EN);
        assertThat(lang("zh", "en-US")).isEqualTo(PublicText.Lang.ZH);
        assertThat(lang("fr", "en-US")).as("an unknown parameter is ignored").isEqualTo(PublicText.Lang.EN);
    }

    @Test
    void linksKeepOnlyAnExplicitlyChosenLanguage() {
        assertThat(PublicText.resolve("en", null).link("/t")).isEqualTo("/t?lang=en");
        assertThat(PublicText.resolve("zh", "en").link("/v/1?page=2")).isEqualTo("/v/1?page=2&lang=zh");
        assertThat(PublicText.resolve(null, "en").link("/t")).isEqualTo("/t");
        assertThat(PublicText.resolve(null, "en").hiddenLang()).isSameAs(Html.EMPTY);
    }

    @Test
    void datesAreChineseOrIso() {
        java.time.Instant at = java.time.Instant.parse("2026-03-04T01:02:00Z"); // 09:02 in China
        assertThat(PublicText.resolve(null, null).when(at)).isEqualTo("2026年3月4日 09:02");
        assertThat(PublicText.resolve("en", null).when(at)).isEqualTo("2026-03-04 09:02");
        assertThat(PublicText.resolve("en", null).day(at)).isEqualTo("2026-03-04");
    }

    @Test
    void bundleTextsFillPlaceholdersEscapedAndKeepTheirOwnMarkup() {
        assertThat(Html.message("<b>{0}</b> {1} {0}", "<x>", 7).toString()).isEqualTo("<b>&lt;x&gt;</b> 7 &lt;x&gt;");
        assertThat(Html.message("it's {0}", Html.of("<i>{}</i>", "a")).toString()).isEqualTo("it's <i>a</i>");
        assertThat(Html.message("{a} {} {0", "x").toString()).isEqualTo("{a} {} {0");
    }

    private static PublicText.Lang lang(String param, String header) {
        return PublicText.resolve(param, header).lang();
    }
}
