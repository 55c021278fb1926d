package cn.sanwu.server.http;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.server.access.AccessControl;
import cn.sanwu.server.account.AccountService;
import cn.sanwu.server.account.Credentials;
import cn.sanwu.server.account.LoginService;
import cn.sanwu.server.account.User;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Set;

/** POST /api/v1/login, POST /api/v1/logout, GET /api/v1/me: HTTP only; the work is the services'. */
final class AccountController {

    /** Login bodies are tiny; anything bigger is not a client of ours. */
    private static final long MAX_BODY_BYTES = 16 * 1024;

    record LoginRequest(String username, String password) {
    }

    record UserView(String username, String displayName, String role, String scopeCode) {
        static UserView of(User user) {
            return new UserView(user.username(), user.displayName(), user.role().id(), user.scopeCode());
        }
    }

    record SessionView(String token, Instant expiresAt, UserView user) {
    }

    record MeView(UserView user, Instant expiresAt) {
    }

    private final LoginService logins;
    private final AccountService accounts;
    private final Set<String> trustedProxies;

    AccountController(LoginService logins, AccountService accounts, Set<String> trustedProxies) {
        this.logins = logins;
        this.accounts = accounts;
        this.trustedProxies = trustedProxies;
    }

    void login(Context ctx) {
        LoginRequest request = LimitedBody.readJson(ctx, ModelJson.mapper(), LoginRequest.class, MAX_BODY_BYTES);
        if (request.username() == null || request.username().isBlank() || request.password() == null
                || request.password().isEmpty()) {
            throw new ApiException(400, "CREDENTIALS_MISSING", "请输入用户名和密码。");
        }
        if (request.password().length() > Credentials.MAX_PASSWORD_LENGTH * 2) {
            throw new ApiException(400, "PASSWORD_TOO_LONG", "密码过长。");
        }
        ctx.header("Cache-Control", "no-store");
        switch (logins.login(request.username(), request.password(), ClientAddress.of(ctx, trustedProxies))) {
            case LoginService.Outcome.Success s -> Json.write(ctx, 200, new SessionView(s.session().token(),
                    s.session().expiresAt(), UserView.of(s.session().user())));
            case LoginService.Outcome.BadCredentials b ->
                    throw new ApiException(401, "LOGIN_FAILED", "用户名或密码错误。");
            case LoginService.Outcome.Disabled d ->
                    throw new ApiException(403, "ACCOUNT_DISABLED", "此账号已停用，请联系系统管理员。");
            case LoginService.Outcome.Throttled t -> throw TooManyRequests.refuse(ctx, t.retryAfter(), "TOO_MANY_ATTEMPTS", "登录失败");
        }
    }

    void logout(Context ctx) {
        accounts.logout(AccessControl.bearerToken(ctx).orElseThrow());
        ctx.status(204);
    }

    void me(Context ctx) {
        AccessControl.Caller caller = AccessControl.caller(ctx);
        Json.write(ctx, 200, new MeView(UserView.of(caller.user()), caller.sessionExpiresAt()));
    }
}
