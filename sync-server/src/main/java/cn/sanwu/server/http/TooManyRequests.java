package cn.sanwu.server.http;

import io.javalin.http.Context;
import java.time.Duration;

/** 429 answers: a {@code Retry-After} header in seconds and a Chinese message saying how long to wait. */
final class TooManyRequests {

    private TooManyRequests() {
    }

    /** Sets Retry-After on {@code ctx} and answers the exception to throw; {@code what} e.g. "登录失败". */
    static ApiException refuse(Context ctx, Duration retryAfter, String code, String what) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        ctx.header("Retry-After", String.valueOf(seconds));
        String wait = seconds < 120 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
        return new ApiException(429, code, what + "次数过多，请 " + wait + "后再试。");
    }
}
