package cn.sanwu.server.kill;

import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.sync.StateHash;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.testing.Notices;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parent half of the server kill test (QUALITY.md "server killed mid-batch"). The real server
 * ({@code Main serve --config FILE}) runs in a child JVM on H2 or PostgreSQL; three devices (two
 * of one village, sharing its feed, one of another) push batches of 1-20 mutations concurrently
 * over HTTP. The server is SIGKILLed, after each start, either 100-900 ms later or right after
 * the next answer that acknowledged mutations — mostly with requests in flight — and restarted; the devices resend unanswered batches with the same mutation ids.
 * After every kill, before the next start, the database is opened here, straight from disk, and
 * checked: every acknowledged mutation has its idempotency record and exactly one feed row
 * with its payload; per village the feed has no gap and as many rows as idempotency records and
 * as the counter says (so nothing is half-applied); every revision of an entity is stored once
 * and the entity equals its last feed row; nothing unknown was stored. At the end every device
 * drains and pulls, and per village the state hash of the server, of what the devices had
 * acknowledged, and of what each device pulled must be equal.
 */
final class ServerKillHarness {

    record Result(String database, String mode, long seed, int kills, int killsWithRequestsInFlight, long acked,
            long requests, long unanswered, int lossKills, long problems, List<String> examples, long elapsedMillis) {

        String summary() {
            return String.format("SERVER-KILL-TEST db=%s mode=%s seed=%d kills=%d (with requests in flight: %d)"
                    + " acknowledged mutations=%d requests=%d unanswered=%d problems=%d (in %d kills)"
                    + " runtime=%.1fs (%.0f ms/kill)", database, mode, seed, kills, killsWithRequestsInFlight, acked,
                    requests, unanswered, problems, lossKills, elapsedMillis / 1000.0,
                    (double) elapsedMillis / Math.max(1, kills));
        }
    }

    private record FeedRow(long seq, UUID entityId, int revision, String payload) {
    }

    /** Kills (from the first) whose server runs on the exact production H2 URL, stale-lock wait included. */
    private static final int PRODUCTION_LOCK_KILLS = 3;

    private final Path workDir;
    private final ServerConfig config;
    private final boolean safe;
    private final long seed;
    private final Random random;
    private final PrintStream log;
    private final Path configFile;
    private final Path childLog;
    private final List<PushClient> clients = new ArrayList<>();
    private final Map<UUID, PushClient.Sent> allAcked = new HashMap<>();
    private final List<String> examples = new ArrayList<>();
    private final AtomicLong acknowledgements = new AtomicLong();
    private final Set<UUID> reportedLost = new HashSet<>();
    private volatile URI server;
    private int lossKills;
    private long problems;
    private int inFlightKills;
    private long startNanos;
    private long serveNanos;
    private long checkNanos;

    /**
     * @param safe false: the broken variant — H2 with its default write delay and no
     *             {@code CHECKPOINT SYNC} before the answer
     */
    ServerKillHarness(Path workDir, ServerConfig config, boolean safe, long seed, PrintStream log) {
        this.workDir = workDir;
        this.config = config;
        this.safe = safe;
        this.seed = seed;
        this.random = new Random(seed);
        this.log = log;
        this.configFile = workDir.resolve("server.properties");
        this.childLog = workDir.resolve("server-children.log");
    }

    Result run(int kills) throws Exception {
        long start = System.nanoTime();
        writeConfig(databaseUrl(0));
        enrollDevices();
        List<Thread> threads = new ArrayList<>();
        for (PushClient c : clients) {
            Thread t = new Thread(c, "push-client");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        ServerProcess next = ServerProcess.start(configFile, safe, childLog);
        try {
            for (int i = 0; i < kills; i++) {
                ServerProcess current = next;
                long t0 = System.nanoTime();
                writeConfig(databaseUrl(i));
                server = current.go();
                long t1 = System.nanoTime();
                next = ServerProcess.start(configFile, safe, childLog);
                if (random.nextBoolean()) {
                    Thread.sleep(100 + random.nextInt(801));
                } else {
                    killRightAfterAnAcknowledgement();
                }
                boolean inFlight = clients.stream().anyMatch(PushClient::inFlight);
                current.kill();
                server = null;
                inFlightKills += inFlight ? 1 : 0;
                long t2 = System.nanoTime();
                Thread.sleep(30); // answers already on the wire reach the devices before the snapshot
                check("kill " + i, databaseUrl(i));
                startNanos += t1 - t0;
                serveNanos += t2 - t1;
                checkNanos += System.nanoTime() - t2;
            }
            // Heal: one more start, every device sends what waits and pulls to the end.
            ServerProcess last = next;
            next = null;
            writeConfig(databaseUrl(kills));
            server = last.go();
            clients.forEach(PushClient::finishUp);
            if (awaitDrained()) {
                clients.forEach(PushClient::pullAgain);
                awaitDrained();
            }
            clients.forEach(PushClient::stop);
            for (Thread t : threads) {
                t.join(30_000);
            }
            last.kill();
            server = null;
            List<String> found = check("final", databaseUrl(kills));
            if (found.isEmpty()) {
                compareStateHashes(databaseUrl(kills));
            }
        } finally {
            clients.forEach(PushClient::stop);
            if (next != null) {
                next.kill();
            }
        }
        log.printf("server-kill phases, ms per kill: start after GO %.0f, serving until the kill %.0f, check %.0f%n",
                startNanos / 1e6 / kills, serveNanos / 1e6 / kills, checkNanos / 1e6 / kills);
        long requests = clients.stream().mapToLong(PushClient::requests).sum();
        long unanswered = clients.stream().mapToLong(PushClient::unanswered).sum();
        return new Result(config.databaseUrl().startsWith("jdbc:h2:") ? "H2" : "PostgreSQL", safe ? "SAFE" : "NO_FORCE_TO_DISK", seed, kills, inFlightKills,
                allAcked.size(), requests, unanswered, lossKills, problems, List.copyOf(examples),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The database URL for the server started before kill {@code kill}. PostgreSQL: as configured.
     * H2: the production URL for the first {@link #PRODUCTION_LOCK_KILLS} kills; after that the
     * same durability settings with {@code FILE_LOCK=FS} instead of {@code AUTO_SERVER=TRUE}.
     * H2's FILE lock (which AUTO_SERVER needs) makes every open after a crash wait for the stale
     * lock file — measured 2-4 s — which would dominate the test's time (ADR 0014).
     */
    private String databaseUrl(int kill) {
        String url = config.databaseUrl();
        if (!url.startsWith("jdbc:h2:") || kill < PRODUCTION_LOCK_KILLS) {
            return url;
        }
        return url.replace(";AUTO_SERVER=TRUE", "") + ";FILE_LOCK=FS";
    }

    /**
     * Waits (up to 5 s) for the next answer that acknowledged something and returns at once: the
     * moment a lazy write-back loses most, as the client's kill test found.
     */
    private void killRightAfterAnAcknowledgement() throws InterruptedException {
        long before = acknowledgements.get();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (acknowledgements.get() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
    }

    private void writeConfig(String databaseUrl) throws IOException {
        Properties p = new Properties();
        p.setProperty("sanwu.server.bind", "127.0.0.1");
        p.setProperty("sanwu.server.port", "0");
        p.setProperty("sanwu.server.dataDir", config.dataDir().toString());
        p.setProperty("sanwu.server.db.url", databaseUrl);
        p.setProperty("sanwu.server.db.user", config.databaseUser());
        p.setProperty("sanwu.server.db.password", config.databasePassword());
        try (Writer w = Files.newBufferedWriter(configFile)) {
            p.store(w, "server kill test");
        }
    }

    private void enrollDevices() {
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            DeviceService devices = new DeviceService(db, Clock.systemUTC());
            String[][] plan = {{"村部电脑", Notices.VILLAGE}, {"会计电脑", Notices.VILLAGE}, {"邻村电脑", Notices.OTHER_VILLAGE}};
            for (String[] d : plan) {
                DeviceService.Enrollment e = devices.enroll(devices.issueCode(d[1]), d[0]).orElseThrow();
                clients.add(new PushClient(d[0], d[1], e.token(), () -> server, random.nextLong(), 20, acknowledgements));
            }
        }
    }

    /**
     * Waits until every device has sent and pulled everything. Devices that cannot finish within
     * 120 s (for example because the store lost what they hold) are a problem found, counted like
     * any other: the safe run fails on it, the broken variant's run has detected loss.
     */
    private boolean awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!clients.stream().allMatch(PushClient::drained)) {
            if (System.nanoTime() > deadline) {
                String what = "devices did not finish syncing within 120 s: "
                        + clients.stream().map(PushClient::problems).toList();
                problems++;
                lossKills++;
                log.println("final: " + what);
                examples.add("final: " + what);
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Opens the stopped server's database and checks it; returns (and counts) what it found. */
    private List<String> check(String when, String databaseUrl) throws SQLException {
        List<PushClient.Sent> fresh = new ArrayList<>();
        Set<UUID> sent = new HashSet<>();
        List<String> found = new ArrayList<>();
        for (PushClient c : clients) {
            fresh.addAll(c.takeNewlyAcked());
            sent.addAll(c.sentIds());
            found.addAll(c.problems());
        }
        fresh.forEach(s -> allAcked.put(s.mutationId(), s));
        try (Connection c = DriverManager.getConnection(databaseUrl, config.databaseUser(), config.databasePassword())) {
            checkStore(c, fresh, sent, found);
        }
        if (!found.isEmpty()) {
            lossKills++;
            problems += found.size();
            log.printf("%s: %d problem(s), e.g.%n    %s%n", when, found.size(),
                    String.join("\n    ", found.subList(0, Math.min(5, found.size()))));
            if (examples.size() < 10) {
                examples.add(when + ": " + found.getFirst());
            }
            // Each device's problems are reported once.
            clients.forEach(PushClient::clearProblems);
        }
        return found;
    }

    private void checkStore(Connection c, List<PushClient.Sent> fresh, Set<UUID> sent, List<String> found) throws SQLException {
        Map<UUID, Integer> applied = new HashMap<>();
        Map<String, Integer> appliedPerScope = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT mutation_id, scope, server_revision FROM applied_mutation")) {
            while (rs.next()) {
                applied.put(rs.getObject(1, UUID.class), rs.getInt(3));
                appliedPerScope.merge(rs.getString(2), 1, Integer::sum);
            }
        }
        Map<String, Long> counters = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT scope, last_seq FROM feed_counter")) {
            while (rs.next()) {
                counters.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, FeedRow> byRevision = new HashMap<>();
        Map<UUID, FeedRow> latest = new HashMap<>();
        for (String scope : counters.keySet()) {
            List<FeedRow> feed = feed(c, scope);
            for (int k = 0; k < feed.size(); k++) {
                FeedRow f = feed.get(k);
                if (f.seq() != k + 1) {
                    found.add(scope + ": feed gap, row " + (k + 1) + " has seq " + f.seq());
                    break;
                }
                if (byRevision.put(f.entityId() + "@" + f.revision(), f) != null) {
                    found.add(scope + ": revision stored twice: " + f.entityId() + " r" + f.revision());
                }
                FeedRow before = latest.put(f.entityId(), f);
                if (before != null && before.revision() >= f.revision()) {
                    found.add(scope + ": revision went back: " + f.entityId() + " r" + before.revision() + " then r" + f.revision());
                }
            }
            long idempotency = appliedPerScope.getOrDefault(scope, 0);
            if (counters.get(scope) != feed.size() || idempotency != feed.size()) {
                found.add(scope + ": half-applied: feed rows " + feed.size() + ", counter " + counters.get(scope)
                        + ", idempotency records " + idempotency);
            }
        }
        Map<UUID, String> entities = entities(c);
        if (!entities.keySet().equals(latest.keySet())) {
            found.add("entities and feed disagree: " + entities.size() + " entities, " + latest.size() + " in the feeds");
        }
        entities.forEach((id, payload) -> {
            FeedRow last = latest.get(id);
            if (last != null && !last.payload().equals(payload)) {
                found.add("entity is not its last feed row: " + id);
            }
        });
        for (UUID id : applied.keySet()) {
            if (!sent.contains(id)) {
                found.add("stored a mutation nobody sent: " + id);
            }
        }
        for (PushClient.Sent a : allAcked.values()) {
            if ((!applied.containsKey(a.mutationId()) || !byRevision.containsKey(a.entityId() + "@" + a.revision()))
                    && reportedLost.add(a.mutationId())) { // each loss is reported once
                found.add("acknowledged mutation lost: " + a.entityId() + " r" + a.revision()
                        + (applied.containsKey(a.mutationId()) ? " (idempotency record without feed row)" : ""));
            }
        }
        for (PushClient.Sent a : fresh) {
            FeedRow f = byRevision.get(a.entityId() + "@" + a.revision());
            Integer appliedRevision = applied.get(a.mutationId()); // null: its idempotency record was lost (reported above)
            if (f != null && appliedRevision != null
                    && (appliedRevision != a.revision() || !parse(f.payload()).equals(a.payload()))) {
                found.add("stored version differs from the acknowledged one: " + a.entityId() + " r" + a.revision());
            }
        }
    }

    private void compareStateHashes(String databaseUrl) throws SQLException {
        Map<UUID, String> stored;
        try (Connection c = DriverManager.getConnection(databaseUrl, config.databaseUser(), config.databasePassword())) {
            stored = entities(c);
        }
        List<String> found = new ArrayList<>();
        for (String village : List.of(Notices.VILLAGE, Notices.OTHER_VILLAGE)) {
            Map<UUID, JsonNode> onServer = new HashMap<>();
            stored.forEach((id, payload) -> {
                JsonNode p = parse(payload);
                if (village.equals(p.path("content").path("villageCode").asText())) {
                    onServer.put(id, p);
                }
            });
            Map<UUID, JsonNode> acknowledged = new HashMap<>();
            clients.stream().filter(c -> c.village().equals(village)).forEach(c -> acknowledged.putAll(c.ackedState()));
            ContentHash server = stateHash(onServer);
            if (!stateHash(acknowledged).equals(server)) {
                found.add(village + ": state hash of what the devices had acknowledged differs from the server's");
            }
            for (PushClient c : clients) {
                if (c.village().equals(village) && !stateHash(c.pulledState()).equals(server)) {
                    found.add(village + ": state hash of what a device pulled differs from the server's");
                }
            }
        }
        if (!found.isEmpty()) {
            lossKills++;
            problems += found.size();
            found.forEach(f -> log.println("final: " + f));
            examples.add("final: " + found.getFirst());
        }
    }

    /** The canonical state hash of notice payloads ({@link StateHash}, as the client computes it). */
    static ContentHash stateHash(Map<UUID, JsonNode> payloads) {
        NoticeHasher hasher = NoticeHasher.sha256();
        List<StateHash.Entry> entries = new ArrayList<>();
        payloads.forEach((id, p) -> {
            try {
                NoticeContent content = ModelJson.mapper().treeToValue(p.get("content"), NoticeContent.class);
                entries.add(new StateHash.Entry(SyncProtocol.ENTITY_NOTICE, id, p.path("revision").asInt(),
                        p.path("status").asText(), hasher.hash(id, content)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored payload is not a notice: " + id, e);
            }
        });
        return StateHash.of(entries);
    }

    private static List<FeedRow> feed(Connection c, String scope) throws SQLException {
        List<FeedRow> rows = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT seq, entity_id, revision, payload FROM change_feed WHERE scope = ? ORDER BY seq")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new FeedRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    private static Map<UUID, String> entities(Connection c) throws SQLException {
        Map<UUID, String> rows = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT entity_id, payload FROM synced_entity")) {
            while (rs.next()) {
                rows.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return rows;
    }

    private static JsonNode parse(String json) {
        try {
            return ModelJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }
}
