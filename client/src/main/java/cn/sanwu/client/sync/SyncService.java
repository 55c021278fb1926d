package cn.sanwu.client.sync;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.SettingsRepository;
import cn.sanwu.client.store.StoreException;
import cn.sanwu.model.sync.SyncProtocol;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs sync rounds against the enrolled server until nothing is left to send or pull: each round
 * is {@link SyncEngine#prepare} → one HTTP request ({@link SyncTransport}) → {@link SyncEngine#apply},
 * or {@link SyncEngine#failed} when no answer came. Never throws for network trouble: the result
 * and the status bar say what happened. One sync at a time (synchronized).
 */
public final class SyncService {

    public static final String SERVER_URL = "sync.serverUrl";
    public static final String TOKEN = "sync.token";
    public static final String DEVICE_ID = "sync.deviceId";
    /** Demo: the local server started by the README's run command, and its fixed enrollment code. */
    public static final String DEMO_SERVER = "http://127.0.0.1:8686";
    public static final String DEMO_CODE = "DEMO-2199";

    /** Rounds per sync before yielding (each pages at most the server's page size). */
    static final int MAX_ROUNDS = 100;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How often the transparency log is checked when all is well (LogWatch). */
    static final Duration LOG_CHECK_INTERVAL = Duration.ofHours(1);

    /**
     * @param rounds  requests made
     * @param sent    mutations answered
     * @param pulled  changes received
     * @param ok      the last round got an answer and nothing failed
     * @param message Chinese summary for the clerk
     * @param updatedNotices notices the pulls wrote here (screens open on them reload)
     */
    public record Result(int rounds, int sent, int pulled, boolean ok, String message, List<UUID> updatedNotices) {
        public Result {
            updatedNotices = List.copyOf(updatedNotices);
        }

        public Result(int rounds, int sent, int pulled, boolean ok, String message) {
            this(rounds, sent, pulled, ok, message, List.of());
        }
    }

    private final Database db;
    private final SettingsRepository settings;
    private final SyncEngine engine;
    private final DeviceKeys keys;
    private final LogWatch log;
    private volatile SyncSteps steps = SyncSteps.NONE;
    private volatile Duration timeout = TIMEOUT;
    private volatile Duration logCheckInterval = LOG_CHECK_INTERVAL;

    public SyncService(Database db, SettingsRepository settings, SyncEngine engine) {
        this.db = db;
        this.settings = settings;
        this.engine = engine;
        this.keys = new DeviceKeys(db, settings);
        this.log = new LogWatch(db, settings);
    }

    /** For the kill test only (ADR 0014): reports each named step of a round to {@code listener}. */
    void observeSteps(SyncSteps listener) {
        this.steps = listener;
        engine.observeSteps(listener);
    }

    /** For the fault-proxy test only (ADR 0013): a blackholed request times out in this instead of a minute. */
    void useTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** For tests: check the transparency log on every sync ({@code Duration.ZERO}) or at another interval. */
    public void checkLogEvery(Duration interval) {
        this.logCheckInterval = interval;
    }

    public boolean enrolled() {
        return settings.get(TOKEN).isPresent() && settings.get(SERVER_URL).isPresent();
    }

    public Optional<String> serverUrl() {
        return settings.get(SERVER_URL);
    }

    /** Enrolls this PC with a one-time code from the township; stores the server address and token. */
    public synchronized SyncTransport.Enrollment enroll(String serverUrl, String code, String deviceName, String villageCode)
            throws IOException, SyncTransport.Refused {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("请填写乡镇发给本村的一次性登记码");
        }
        SyncTransport.Enrollment e = new SyncTransport(serverUrl, timeout).enroll(code, deviceName, keys.publicKeyText());
        if (villageCode != null && !villageCode.equals(e.villageCode())) {
            throw new SyncTransport.Refused(409, "wrong-village", "这个登记码属于村代码 " + e.villageCode()
                    + "，而本机管理的是 " + villageCode + "。请向乡镇核对登记码。");
        }
        db.inTransaction(c -> {
            SettingsRepository.put(c, SERVER_URL, serverUrl.strip().replaceAll("/+$", ""));
            SettingsRepository.put(c, TOKEN, e.token());
            SettingsRepository.put(c, DEVICE_ID, e.deviceId());
            BundleService.forgetFileEnrollment(c);
            if (e.serverPublicKey() != null && !e.serverPublicKey().isBlank()) {
                DeviceKeys.recordRegistered(c, e.serverPublicKey());
            }
            return null;
        });
        db.forceToDisk();
        return e;
    }

    /** Sends everything waiting and pulls everything new. */
    public synchronized Result syncNow() {
        if (!enrolled()) {
            return new Result(0, 0, 0, false, "本机尚未登记到同步服务器（离线工作不受影响）。");
        }
        SyncTransport transport = new SyncTransport(settings.get(SERVER_URL).orElseThrow(), timeout);
        String token = settings.get(TOKEN).orElseThrow();
        registerKeyIfNeeded(transport, token);
        int rounds = 0;
        int sent = 0;
        int pulled = 0;
        java.util.LinkedHashSet<UUID> updated = new java.util.LinkedHashSet<>();
        while (rounds < MAX_ROUNDS) {
            SyncProtocol.Request request = engine.prepare();
            steps.reached(SyncSteps.Step.PREPARED);
            SyncProtocol.Response response;
            rounds++;
            try {
                response = transport.sync(token, request);
                steps.reached(SyncSteps.Step.RESPONSE_RECEIVED);
            } catch (IOException e) {
                engine.failed(request, "离线：无法连接同步服务器（" + e.getMessage() + "）");
                return new Result(rounds, sent, pulled, false, "离线：无法连接同步服务器，稍后自动重试。", List.copyOf(updated));
            } catch (SyncTransport.Refused e) {
                engine.failed(request, e.getMessage());
                return new Result(rounds, sent, pulled, false, e.getMessage(), List.copyOf(updated));
            }
            try {
                engine.apply(request, response).forEach(n -> updated.add(n.id()));
                steps.reached(response.hasMore() ? SyncSteps.Step.BETWEEN_PAGES : SyncSteps.Step.APPLIED);
            } catch (StoreException e) {
                engine.failed(request, e.userMessage());
                return new Result(rounds, sent, pulled, false, e.userMessage(), List.copyOf(updated));
            }
            sent += response.results().size();
            pulled += response.changes().size();
            if (!response.hasMore() && !response.rebootstrap() && engine.status().waiting() == 0 && !engine.reloading()) {
                break;
            }
        }
        // This PC keeps the log honest: a rewritten or forked log is a warning in the status bar.
        Optional<String> logProblem = log.checkIfDue(transport::getText, java.time.Instant.now(), logCheckInterval);
        return new Result(rounds, sent, pulled, true, logProblem.orElse("已同步：上传 " + sent + " 项，收到 " + pulled + " 项。"),
                List.copyOf(updated));
    }

    /**
     * A device enrolled before bundle files registers its signing key on its next online sync and
     * pins the server's. Failing here never fails the sync: an older server has no such route, and
     * a refusal shows up clearly when a bundle file is imported.
     */
    private void registerKeyIfNeeded(SyncTransport transport, String token) {
        if (keys.registered()) {
            return;
        }
        try {
            String serverKey = transport.registerKey(token, keys.publicKeyText());
            db.inTransaction(c -> {
                DeviceKeys.recordRegistered(c, serverKey);
                return null;
            });
        } catch (IOException | SyncTransport.Refused | IllegalArgumentException e) {
            // see above: the sync goes on; export-bundle will say what is missing
        }
    }
}
