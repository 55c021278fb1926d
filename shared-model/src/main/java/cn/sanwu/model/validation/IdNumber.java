package cn.sanwu.model.validation;

import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.Locale;

/** Resident identity card numbers (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character. */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumber() {
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        if (first17 == null || !first17.matches("\\d{17}")) {
            throw new IllegalArgumentException("需要17位数字");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Null when valid, otherwise the reason in Chinese. */
    public static String problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return "身份证号为空";
        }
        String id = raw.strip().toUpperCase(Locale.ROOT);
        if (!id.matches("\\d{17}[\\dX]")) {
            return "身份证号应为18位（最后一位可为X）";
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1880 || birth.isAfter(LocalDate.of(2100, 1, 1))) {
                return "身份证号中的出生日期不合理";
            }
        } catch (DateTimeException e) {
            return "身份证号中的出生日期无效";
        }
        if (checkCharacter(id.substring(0, 17)) != id.charAt(17)) {
            return "身份证号校验位错误";
        }
        return null;
    }

    public static boolean isValid(String raw) {
        return problem(raw) == null;
    }
}
