package cn.sanwu.client.testsupport;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;

/** The real server on 127.0.0.1 (a free port) with the demo regions and a cheap password hash, for staff-side tests. */
public final class StaffServer {

    private StaffServer() {
    }

    public static SyncServer start(Path dataDir) {
        SyncServer server = SyncServer.create(ServerConfig.local(dataDir, 0).withSecurity(
                SecurityConfig.DEFAULTS.withPasswordCost(new cn.sanwu.server.account.PasswordHasher.Cost(1024, 1, 1))),
                Clock.systemUTC()).start();
        for (Region r : DemoData.regions()) {
            server.accounts().regions().create(r);
        }
        return server;
    }
}
