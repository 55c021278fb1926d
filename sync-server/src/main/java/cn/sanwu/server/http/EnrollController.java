package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.device.DeviceService;
import io.javalin.http.Context;
import java.util.UUID;

/** POST /api/v1/enroll: exchanges a one-time code for a device token. */
final class EnrollController {

    /** Enrollment bodies are tiny; anything bigger is not a client of ours. */
    private static final long MAX_BODY_BYTES = 16 * 1024;

    record EnrollRequest(String code, String deviceName) {
    }

    record EnrollResponse(UUID deviceId, String token, String villageCode) {
    }

    private final DeviceService devices;

    EnrollController(DeviceService devices) {
        this.devices = devices;
    }

    void handle(Context ctx) {
        EnrollRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), EnrollRequest.class, MAX_BODY_BYTES);
        if (request.code() == null || request.code().isBlank()) {
            throw new ApiException(400, "CODE_MISSING", "请输入登记码。");
        }
        DeviceService.Enrollment enrollment = devices.enroll(request.code(), request.deviceName())
                .orElseThrow(() -> new ApiException(403, "CODE_INVALID", "登记码无效、已使用或已过期，请向管理员索取新的登记码。"));
        Json.write(ctx, 200, new EnrollResponse(enrollment.deviceId(), enrollment.token(), enrollment.villageCode()));
    }
}
