package cn.sanwu.client.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The app's version as built by Maven ("0.1.0-SNAPSHOT"); "unknown" if the resource is missing. */
public final class AppVersion {

    private static final String VERSION = load();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
