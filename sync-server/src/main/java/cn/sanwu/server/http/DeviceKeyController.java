package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.device.DeviceService;
import io.javalin.http.Context;

/**
 * POST /api/v1/device/key: a device enrolled before bundle files existed registers its signing key
 * (once) and learns the server's, which it pins (ADR 0012). Sending the same key again is fine.
 */
final class DeviceKeyController {

    static final String PATH = "/api/v1/device/key";
    private static final long MAX_BODY_BYTES = 16 * 1024;

    record KeyRequest(String publicKey) {
    }

    record KeyResponse(String serverPublicKey) {
    }

    private final DeviceService devices;
    private final String serverPublicKey;

    DeviceKeyController(DeviceService devices, String serverPublicKey) {
        this.devices = devices;
        this.serverPublicKey = serverPublicKey;
    }

    void handle(Context ctx) {
        KeyRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), KeyRequest.class, MAX_BODY_BYTES);
        DeviceService.KeyRegistration outcome;
        try {
            outcome = devices.registerKey(AccessControl.device(ctx).id(), request.publicKey());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalidKey();
        }
        if (outcome == DeviceService.KeyRegistration.DIFFERENT_KEY_REGISTERED) {
            throw new ApiException(409, "KEY_ALREADY_REGISTERED",
                    "本设备已登记了另一个文件签名密钥。如本机数据是重新安装的，请用新的登记码重新登记本机。");
        }
        Json.write(ctx, 200, new KeyResponse(serverPublicKey));
    }

    static ApiException invalidKey() {
        return new ApiException(400, "KEY_INVALID", "设备密钥格式无效。");
    }
}
