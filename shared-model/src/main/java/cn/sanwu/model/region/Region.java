package cn.sanwu.model.region;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node of the region tree, identified by its 12-digit statistical division code
 * (2 province + 2 city + 2 county + 3 township + 3 village). {@code parentCode} is null for the root.
 */
public record Region(String code, String name, RegionLevel level, String parentCode) {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        if (code == null || !TWELVE_DIGITS.matcher(code).matches()) {
            throw new IllegalArgumentException("行政区划代码必须是12位数字：“" + code + "”");
        }
        if (parentCode != null && !TWELVE_DIGITS.matcher(parentCode).matches()) {
            throw new IllegalArgumentException("上级行政区划代码必须是12位数字：“" + parentCode + "”");
        }
    }

    public static boolean isValidCode(String code) {
        return code != null && TWELVE_DIGITS.matcher(code).matches();
    }
}
