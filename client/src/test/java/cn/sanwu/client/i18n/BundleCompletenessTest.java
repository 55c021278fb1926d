package cn.sanwu.client.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the code asks for exists in Chinese and English, and the two bundles have the same keys. */
class BundleCompletenessTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleCompletenessTest.class.getResourceAsStream("/cn/sanwu/client/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeysAndCoverTheCode() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(zh.stringPropertyNames()));

        Set<String> used = new TreeSet<>();
        Pattern call = Pattern.compile("I18n\\.t\\(\"([a-zA-Z.]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(50);
        Set<String> missing = new TreeSet<>();
        for (String key : used) {
            boolean prefix = key.endsWith(".");
            boolean present = prefix ? zh.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key)) : zh.containsKey(key);
            if (!present) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys used in code but missing from the bundles").isEmpty();
    }

    @Test
    void chineseIsTheDefaultAndEnglishCanBeChosen() {
        try {
            I18n.use(java.util.Locale.SIMPLIFIED_CHINESE);
            assertThat(I18n.t("tab.home")).isEqualTo("本期清单");
            assertThat(I18n.t("status.offline", 3)).isEqualTo("离线，3 项待上传");
            I18n.use(java.util.Locale.ENGLISH);
            assertThat(I18n.t("tab.home")).isEqualTo("This period");
            assertThat(I18n.t("no.such.key")).isEqualTo("!no.such.key!");
        } finally {
            I18n.use(java.util.Locale.SIMPLIFIED_CHINESE);
        }
    }
}
