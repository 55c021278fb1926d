package cn.sanwu.server.review;

import java.util.regex.Pattern;

/**
 * The 公开编号: {@code <village code>-<year>-<number>}, e.g. {@code 219901101201-2026-0007} — the
 * village's 12-digit statistical code, the publication year (China time) and the village's
 * publications that year counted from 1 without gaps, at least four digits. Region codes, not
 * names: names change and repeat, codes do not, and the number sorts and parses without a lookup.
 */
public final class PublicationNumber {

    public static final Pattern FORM = Pattern.compile("[0-9]{12}-[0-9]{4}-[0-9]{4,}");

    private PublicationNumber() {
    }

    public static String format(String villageCode, int year, int number) {
        return villageCode + "-" + year + "-" + String.format(java.util.Locale.ROOT, "%04d", number);
    }
}
