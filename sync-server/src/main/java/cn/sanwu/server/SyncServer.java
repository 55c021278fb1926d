package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.http.ServerApp;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * The composition root: store → services → HTTP. {@link #close()} stops the way an operator
 * expects: stop accepting, let in-flight requests finish (up to 10 s), then close the database.
 * Thread-safe for start/close from one owner.
 */
public final class SyncServer implements AutoCloseable {

    private final Database db;
    private final DeviceService devices;
    private final Javalin app;

    private SyncServer(Database db, DeviceService devices, Javalin app) {
        this.db = db;
        this.devices = devices;
        this.app = app;
    }

    /** Opens (and migrates) the database and builds the server; {@link #start()} begins listening. */
    public static SyncServer create(ServerConfig config, Clock clock) {
        return create(config, clock, true);
    }

    /** {@code forceToDisk = false}: the kill test's broken variant only ({@link Database#open(String, String, String, boolean)}). */
    static SyncServer create(ServerConfig config, Clock clock, boolean forceToDisk) {
        Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(), forceToDisk);
        try {
            DeviceService devices = new DeviceService(db, clock);
            SyncService sync = new SyncService(db, clock, SyncService.DEFAULT_PAGE_BYTES);
            Javalin app = ServerApp.create(config, new ServerApp.Services(devices, sync, db::isHealthy));
            return new SyncServer(db, devices, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public SyncServer start() {
        app.start();
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public DeviceService devices() {
        return devices;
    }

    public Database database() {
        return db;
    }

    /** Javalin's routes, for the policy-table test. */
    public Javalin javalin() {
        return app;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            db.close();
        }
    }
}
