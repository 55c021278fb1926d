package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import java.time.Clock;

/**
 * The forged-header tests' broken variant: a server whose per-source limit on the public pages
 * believes what the client writes — the leftmost {@code X-Forwarded-For} entry, else
 * {@code X-Real-IP}, else the peer — the classic mistake the real resolver avoids. Test code only;
 * no configuration selects it.
 */
public final class BrokenSourceResolver {

    private BrokenSourceResolver() {
    }

    public static SyncServer server(ServerConfig config, Clock clock) {
        return SyncServer.create(config, clock, true, ctx -> {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
            String real = ctx.header("X-Real-IP");
            return real != null ? real : ctx.req().getRemoteAddr();
        });
    }
}
