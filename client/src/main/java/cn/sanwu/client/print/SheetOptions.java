package cn.sanwu.client.print;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How to print a sheet: paper, large print for boards read from a distance, the public base URL
 * the QR code points at, the print date and the posting window (公开期限).
 */
public record SheetOptions(Paper paper, boolean largePrint, String publicBaseUrl, LocalDate printDate,
        LocalDate postingFrom, LocalDate postingTo, String preparedBy) {

    /** Posting window used when none is chosen: 30 days from the print date. */
    public static final int DEFAULT_POSTING_DAYS = 30;
    public static final String DEFAULT_BASE_URL = "https://sanwu.example.cn";

    public SheetOptions {
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(printDate, "printDate");
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? DEFAULT_BASE_URL
                : publicBaseUrl.strip().replaceAll("/+$", "");
        if (!publicBaseUrl.startsWith("https://") && !publicBaseUrl.startsWith("http://")) {
            throw new IllegalArgumentException("二维码地址必须以 http:// 或 https:// 开头：" + publicBaseUrl);
        }
        postingFrom = postingFrom == null ? printDate : postingFrom;
        postingTo = postingTo == null ? postingFrom.plusDays(DEFAULT_POSTING_DAYS - 1) : postingTo;
        if (postingTo.isBefore(postingFrom)) {
            throw new IllegalArgumentException("公开期限的结束日期早于开始日期");
        }
        preparedBy = preparedBy == null ? "" : preparedBy.strip();
    }

    public static SheetOptions defaults(LocalDate printDate) {
        return new SheetOptions(Paper.A4_PORTRAIT, false, DEFAULT_BASE_URL, printDate, null, null, "");
    }

    public SheetOptions withPaper(Paper p) {
        return new SheetOptions(p, largePrint, publicBaseUrl, printDate, postingFrom, postingTo, preparedBy);
    }

    public SheetOptions withLargePrint(boolean large) {
        return new SheetOptions(paper, large, publicBaseUrl, printDate, postingFrom, postingTo, preparedBy);
    }
}
