package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.sync.SyncService;
import io.javalin.http.Context;

/**
 * POST /api/v1/sync: HTTP only — protocol version, body limits and JSON; the work is
 * {@link SyncService}'s. The version travels twice: the {@code X-Sanwu-Protocol} header is
 * checked before the body is read, the body's {@code protocol} field after; either one different
 * from {@link SyncProtocol#VERSION} gets 426 and nothing is written.
 */
final class SyncController {

    static final String PROTOCOL_HEADER = "X-Sanwu-Protocol";

    private final SyncService sync;
    private final long maxBodyBytes;

    SyncController(SyncService sync, long maxBodyBytes) {
        this.sync = sync;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(Context ctx) {
        String header = ctx.header(PROTOCOL_HEADER);
        if (header != null && !header.strip().equals(String.valueOf(SyncProtocol.VERSION))) {
            throw upgradeRequired(header.strip());
        }
        SyncProtocol.Request request = LimitedBody.readJson(ctx, ModelJson.mapper(), SyncProtocol.Request.class, maxBodyBytes);
        if (request.protocol() != SyncProtocol.VERSION) {
            throw upgradeRequired(String.valueOf(request.protocol()));
        }
        Json.write(ctx, 200, sync.sync(AccessControl.device(ctx), request));
    }

    private static ApiException upgradeRequired(String clientVersion) {
        return new ApiException(426, "UPGRADE_REQUIRED", "本机三务版本与服务器不兼容（本机协议 " + clientVersion + "，服务器协议 "
                + SyncProtocol.VERSION + "），请升级三务后再同步。本机数据不受影响。");
    }
}
