package cn.sanwu.server.access;

import cn.sanwu.server.account.AccountService;
import cn.sanwu.server.account.User;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: looks the route up in {@link RoutePolicy}, authenticates the
 * caller if the route is not public — a bearer token is either a device's or a user session's —
 * and refuses a role the table does not allow. Scope (which village) is the service's to check,
 * from the authenticated device or user. Thread-safe.
 */
public final class AccessControl {

    private static final String DEVICE_ATTRIBUTE = "sanwu.device";
    private static final String CALLER_ATTRIBUTE = "sanwu.user";

    /** A person logged in with a session. */
    public record Caller(User user, Instant sessionExpiresAt) {
    }

    private final DeviceService devices;
    private final AccountService accounts;

    public AccessControl(DeviceService devices, AccountService accounts) {
        this.devices = devices;
        this.accounts = accounts;
    }

    public void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null && ctx.method() == HandlerType.HEAD) {
            // Javalin 7 answers HEAD on any GET route with an empty 200 of its own, with no endpoint
            // here and neither the route nor this check run: a staff route would answer 200 to
            // anyone and show that it exists. HEAD is not part of the API or the pages; refuse it.
            ctx.header("Allow", "GET");
            throw new ApiException(405, "METHOD_NOT_ALLOWED", "不支持 HEAD 请求，请使用 GET。");
        }
        if (endpoint == null) {
            return; // 404s and 405s: no route, nothing to protect
        }
        Set<Role> allowed = RoutePolicy.allowed(endpoint.method.name(), endpoint.path)
                .orElseThrow(() -> new ApiException(403, "NO_POLICY", "此功能未开放。"));
        if (allowed.contains(Role.PUBLIC)) {
            return;
        }
        boolean deviceRoute = allowed.contains(Role.VILLAGE_DEVICE);
        String token = bearerToken(ctx).orElseThrow(() -> unauthorized(deviceRoute));
        Optional<Device> device = devices.authenticate(token);
        if (device.isPresent()) {
            if (!deviceRoute) {
                throw new ApiException(403, "FORBIDDEN", "本设备无权使用此功能。");
            }
            ctx.attribute(DEVICE_ATTRIBUTE, device.get());
            return;
        }
        switch (accounts.authenticate(token)) {
            case AccountService.SessionCheck.Valid v -> {
                if (!allowed.contains(v.user().role())) {
                    throw new ApiException(403, "FORBIDDEN", "您的角色无权使用此功能。");
                }
                ctx.attribute(CALLER_ATTRIBUTE, new Caller(v.user(), v.expiresAt()));
            }
            case AccountService.SessionCheck.Expired e ->
                    throw new ApiException(401, "SESSION_EXPIRED", "登录已过期，请重新登录。");
            case AccountService.SessionCheck.Invalid i -> throw unauthorized(deviceRoute);
        }
    }

    private static ApiException unauthorized(boolean deviceRoute) {
        return deviceRoute
                ? new ApiException(401, "UNAUTHORIZED", "设备未登记或已被停用，请重新登记本机。")
                : new ApiException(401, "UNAUTHORIZED", "请先登录（登录已退出、被撤销或账号已停用）。");
    }

    /** The authenticated device of this request; only on routes that require one. */
    public static Device device(Context ctx) {
        Device device = ctx.attribute(DEVICE_ATTRIBUTE);
        if (device == null) {
            throw new IllegalStateException("route reached without an authenticated device: " + ctx.path());
        }
        return device;
    }

    /** The logged-in person of this request; only on routes for user roles. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("route reached without a logged-in user: " + ctx.path());
        }
        return caller;
    }

    /** The logged-in person of this request, if it is one (a route open to devices and people). */
    public static Optional<Caller> callerIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER_ATTRIBUTE));
    }

    /** The device id for the request log, or "-". */
    public static String deviceIdForLog(Context ctx) {
        Device device = ctx.attribute(DEVICE_ATTRIBUTE);
        return device == null ? "-" : device.id().toString();
    }

    /** The user id (never the token) for the request log, or "-". */
    public static String userIdForLog(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        return caller == null ? "-" : caller.user().id().toString();
    }

    /** The token of an {@code Authorization: Bearer} header, if any. */
    public static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
