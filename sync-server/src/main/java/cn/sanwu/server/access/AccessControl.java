package cn.sanwu.server.access;

import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: looks the route up in {@link RoutePolicy}, authenticates the
 * caller if the route is not public, and refuses what the table does not allow. Thread-safe.
 */
public final class AccessControl {

    private static final String DEVICE_ATTRIBUTE = "sanwu.device";

    private final DeviceService devices;

    public AccessControl(DeviceService devices) {
        this.devices = devices;
    }

    public void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return; // 404s and 405s: no route, nothing to protect
        }
        Set<Role> allowed = RoutePolicy.allowed(endpoint.method.name(), endpoint.path)
                .orElseThrow(() -> new ApiException(403, "NO_POLICY", "此功能未开放。"));
        if (allowed.contains(Role.PUBLIC)) {
            return;
        }
        Device device = bearerToken(ctx).flatMap(devices::authenticate)
                .orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "设备未登记或已被停用，请重新登记本机。"));
        if (!allowed.contains(Role.VILLAGE_DEVICE)) {
            throw new ApiException(403, "FORBIDDEN", "本设备无权使用此功能。");
        }
        ctx.attribute(DEVICE_ATTRIBUTE, device);
    }

    /** The authenticated device of this request; only on routes that require one. */
    public static Device device(Context ctx) {
        Device device = ctx.attribute(DEVICE_ATTRIBUTE);
        if (device == null) {
            throw new IllegalStateException("route reached without an authenticated device: " + ctx.path());
        }
        return device;
    }

    /** The device id for the request log, or "-". */
    public static String deviceIdForLog(Context ctx) {
        Device device = ctx.attribute(DEVICE_ATTRIBUTE);
        return device == null ? "-" : device.id().toString();
    }

    private static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
