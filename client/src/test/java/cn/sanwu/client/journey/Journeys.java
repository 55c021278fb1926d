package cn.sanwu.client.journey;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.AppWindow;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.task.BackgroundRunner;
import cn.sanwu.model.region.Region;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.config.SecurityConfig;
import cn.sanwu.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The set-up journeys share: the real
 * sync server on loopback with the demo regions, and the main window on a PC's context.
 */
final class Journeys {

    private Journeys() {
    }

    /** The sync server in {@code dir} with the demo regions and a cheap password hash for tests. */
    static SyncServer server(Path dir) {
        SyncServer server = SyncServer.create(ServerConfig.local(dir, 0).withSecurity(
                SecurityConfig.DEFAULTS.withPasswordCost(new cn.sanwu.server.account.PasswordHasher.Cost(1024, 1, 1))),
                Clock.systemUTC()).start();
        for (Region r : DemoData.regions()) {
            server.accounts().regions().create(r);
        }
        return server;
    }

    /** A village PC's real store in {@code pcDir} with the demo data, enrolled with {@code server}. */
    static AppContext enrolledVillagePc(Path pcDir, SyncServer server, Clock clock) throws Exception {
        AppContext ctx = new AppContext(pcDir, clock);
        DemoData.seedIfEmpty(ctx.villages(), ctx.notices(), ctx.catalog(), ctx.checklist().today());
        ctx.syncService().enroll("http://127.0.0.1:" + server.port(), server.devices().issueCode(DemoData.VILLAGE),
                "村委会电脑", DemoData.VILLAGE);
        return ctx;
    }

    /** Shows the main window on {@code ctx} (background work run directly), 1100 × 760. */
    static void showMainWindow(AppContext ctx) throws Exception {
        showMainWindow(ctx, 1100);
    }

    /** Shows the main window on {@code ctx} (background work run directly), {@code width} × 760. */
    static void showMainWindow(AppContext ctx, int width) throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            AppWindow.install(stage, ctx, BackgroundRunner.direct(), vm -> { });
            stage.setWidth(width);
            stage.setHeight(760);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
