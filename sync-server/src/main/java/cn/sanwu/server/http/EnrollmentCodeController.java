package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.EnrollmentCodes;
import cn.sanwu.server.device.DeviceService;
import io.javalin.http.Context;

/** POST /api/v1/enrollment-codes: a township reviewer (or admin) issues a one-time code for a village. */
final class EnrollmentCodeController {

    private static final long MAX_BODY_BYTES = 16 * 1024;

    record IssueRequest(String villageCode) {
    }

    private final EnrollmentCodes codes;

    EnrollmentCodeController(EnrollmentCodes codes) {
        this.codes = codes;
    }

    void issue(Context ctx) {
        IssueRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), IssueRequest.class, MAX_BODY_BYTES);
        DeviceService.IssuedCode issued = codes.issue(AccessControl.caller(ctx).user(), request.villageCode());
        ctx.header("Cache-Control", "no-store");
        Json.write(ctx, 201, issued);
    }
}
