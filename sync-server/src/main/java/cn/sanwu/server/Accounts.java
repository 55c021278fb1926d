package cn.sanwu.server;

import cn.sanwu.server.account.AccountService;
import cn.sanwu.server.account.EnrollmentCodes;
import cn.sanwu.server.account.LoginService;
import cn.sanwu.server.account.PasswordHasher;
import cn.sanwu.server.account.RegionService;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.http.ServerApp;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.throttle.KeyedHash;
import cn.sanwu.server.throttle.Throttle;
import java.time.Clock;

/** The account services wired together, for the server, the admin commands and the demo. */
public record Accounts(RegionService regions, AccountService users, LoginService logins, EnrollmentCodes codes,
        Throttle throttle) {

    public static Accounts create(Database db, Clock clock, SecurityConfig security, DeviceService devices) {
        RegionService regions = new RegionService(db, clock);
        PasswordHasher hasher = new PasswordHasher(security.passwordCost());
        AccountService users = new AccountService(db, clock, regions, hasher, security.sessionLifetime());
        Throttle throttle = new Throttle(db, clock, KeyedHash.load(db, security.throttleKey()));
        return new Accounts(regions, users, new LoginService(users, hasher, throttle, security),
                new EnrollmentCodes(regions, devices), throttle);
    }

    ServerApp.Accounts http() {
        return new ServerApp.Accounts(users, logins, codes, throttle, regions);
    }
}
