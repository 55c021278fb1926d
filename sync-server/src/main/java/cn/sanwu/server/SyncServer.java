package cn.sanwu.server;

import cn.sanwu.server.bundle.BundleService;
import cn.sanwu.server.bundle.ServerSigningKey;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.feedback.FormToken;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.throttle.KeyedHash;
import cn.sanwu.server.http.ServerApp;
import cn.sanwu.server.http.SourceResolver;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.TransparencyLog;
import cn.sanwu.server.notices.PublicNotices;
import cn.sanwu.model.log.MerkleHasher;
import cn.sanwu.server.review.ReviewQueue;
import cn.sanwu.server.review.ReviewService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.sync.SyncService;
import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: store → services → HTTP. {@link #close()} stops the way an operator
 * expects: stop accepting, let in-flight requests finish (up to 10 s), then close the database.
 * Thread-safe for start/close from one owner.
 */
public final class SyncServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);

    private final Database db;
    private final DeviceService devices;
    private final Accounts accounts;
    private final TransparencyLog log;
    private final Javalin app;
    private final ReviewService review;

    private SyncServer(Database db, DeviceService devices, Accounts accounts, TransparencyLog log, Javalin app, ReviewService review) {
        this.db = db;
        this.log = log;
        this.devices = devices;
        this.accounts = accounts;
        this.app = app;
        this.review = review;
    }

    /** Opens (and migrates) the database and builds the server; {@link #start()} begins listening. */
    public static SyncServer create(ServerConfig config, Clock clock) {
        return create(config, clock, true);
    }

    /** {@code forceToDisk = false}: the kill test's broken variant only ({@link Database#open(String, String, String, boolean)}). */
    static SyncServer create(ServerConfig config, Clock clock, boolean forceToDisk) {
        return create(config, clock, forceToDisk, SourceResolver.trusting(config.security().trustedProxies()));
    }

    /** {@code sources} other than {@link SourceResolver#trusting}: the forged-header tests' broken variant only. */
    static SyncServer create(ServerConfig config, Clock clock, boolean forceToDisk, SourceResolver sources) {
        Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(), forceToDisk);
        try {
            DeviceService devices = new DeviceService(db, clock);
            Accounts accounts = Accounts.create(db, clock, config.security(), devices);
            ReviewService review = reviewService(db, clock, accounts.regions());
            SyncService sync = new SyncService(db, clock, SyncService.DEFAULT_PAGE_BYTES, review.pushRules());
            TransparencyLog log = transparencyLog(db, config, clock);
            BundleService bundles = bundleService(db, devices, sync, config, clock, log);
            ServerApp.Residents residents = new ServerApp.Residents(new TicketService(db, clock, accounts.regions()),
                    new FormToken(KeyedHash.load(db, config.security().throttleKey()), clock),
                    new PublicNotices(db, log, accounts.regions()));
            Javalin app = ServerApp.create(config, new ServerApp.Services(devices, sync, bundles, db::isHealthy,
                    accounts.http(), log, new ServerApp.Review(review, new ReviewQueue(review)), residents), clock, sources);
            return new SyncServer(db, devices, accounts, log, app, review);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The review workflow over {@code db}; every action also lands in the audit chain, every publication in the transparency log. */
    static ReviewService reviewService(Database db, Clock clock, cn.sanwu.server.account.RegionService regions) {
        return new ReviewService(db, clock, regions);
    }

    /** Bundle import against {@code db}: for the server and for {@code admin import-bundle} alike. */
    static BundleService bundleService(Database db, DeviceService devices, SyncService sync, ServerConfig config, Clock clock,
            TransparencyLog log) {
        // The same bound as an online request's body, for the file and for its unpacked body.
        return new BundleService(db, devices, sync, ServerSigningKey.loadOrCreate(db, clock), clock, config.maxBodyBytes(), log);
    }

    /** The transparency log over {@code db}, signing with the configured key file (created on first use). */
    static TransparencyLog transparencyLog(Database db, ServerConfig config, Clock clock) {
        return new TransparencyLog(db, MerkleHasher.sha256(), config.log(), LogSigningKeys.loadOrCreate(config.log()), clock);
    }

    public SyncServer start() {
        app.start();
        if (accounts.users().countActiveAdmins() == 0) {
            LOG.warn("event=no-admin hint=\"no administrator account yet; create the first one with:"
                    + " Main admin create-user --username admin --role admin (the password is read from the console"
                    + " or stdin); see docs/accounts.md\"");
        }
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public DeviceService devices() {
        return devices;
    }

    public Accounts accounts() {
        return accounts;
    }

    public TransparencyLog log() {
        return log;
    }

    /** The review workflow's service (tests set notices up in a given state through it). */
    public ReviewService review() {
        return review;
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
            db.closeAndCompact();
        }
    }
}
