package cn.sanwu.client.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * UI text. Chinese (zh_CN) is the default bundle; {@code messages_en.properties} is the English
 * one, chosen with {@code --lang en}. A missing key shows as {@code !key!} instead of failing, so a
 * forgotten translation is visible but never crashes a clerk's screen. Thread-safe after start-up.
 */
public final class I18n {

    private static volatile ResourceBundle bundle = load(Locale.SIMPLIFIED_CHINESE);

    private I18n() {
    }

    public static void use(Locale locale) {
        bundle = load(locale);
    }

    public static Locale locale() {
        return bundle.getLocale().getLanguage().isEmpty() ? Locale.SIMPLIFIED_CHINESE : bundle.getLocale();
    }

    private static ResourceBundle load(Locale locale) {
        // The base bundle is Chinese; never fall back to the JVM's default locale (often en_US on
        // township PCs set up by IT) when zh is asked for.
        return ResourceBundle.getBundle("cn.sanwu.client.i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static String t(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }
}
