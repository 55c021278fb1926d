package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.device.DeviceService;
import io.javalin.http.Context;
import java.util.UUID;

/** POST /api/v1/enroll: exchanges a one-time code for a device token. */
final class EnrollController {

    /** Enrollment bodies are tiny; anything bigger is not a client of ours. */
    private static final long MAX_BODY_BYTES = 16 * 1024;

    /** {@code publicKey}: the device's bundle-signing key (base64 Ed25519), optional for older clients. */
    record EnrollRequest(String code, String deviceName, String publicKey) {
    }

    /** {@code serverPublicKey}: the key that signs reply files; the device pins it. */
    record EnrollResponse(UUID deviceId, String token, String villageCode, String serverPublicKey) {
    }

    private final DeviceService devices;
    private final String serverPublicKey;

    EnrollController(DeviceService devices, String serverPublicKey) {
        this.devices = devices;
        this.serverPublicKey = serverPublicKey;
    }

    void handle(Context ctx) {
        EnrollRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), EnrollRequest.class, MAX_BODY_BYTES);
        if (request.code() == null || request.code().isBlank()) {
            throw new ApiException(400, "CODE_MISSING", "请输入登记码。");
        }
        DeviceService.Enrollment enrollment;
        try {
            enrollment = devices.enroll(request.code(), request.deviceName(), request.publicKey())
                    .orElseThrow(() -> new ApiException(403, "CODE_INVALID", "登记码无效、已使用或已过期，请向管理员索取新的登记码。"));
        } catch (IllegalArgumentException e) {
            throw DeviceKeyController.invalidKey();
        }
        Json.write(ctx, 200, new EnrollResponse(enrollment.deviceId(), enrollment.token(), enrollment.villageCode(),
                serverPublicKey));
    }
}
