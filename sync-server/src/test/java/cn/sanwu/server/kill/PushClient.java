package cn.sanwu.server.kill;

import cn.sanwu.model.json.ModelJson;
import cn.sanwu.model.sync.SyncProtocol;
import cn.sanwu.server.testing.Notices;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One enrolled device of the server kill test, speaking SyncProtocol over plain HTTP: pushes
 * batches of new notices and edits of its own notices, and when no answer comes (the server was
 * killed, or refused with 5xx) sends the <em>same</em> batch again — same mutation ids, same
 * payloads — until it is answered. A mutation counts as acknowledged only when an answer said
 * APPLIED or DUPLICATE for it. Every answer's pulled changes must come in seq order above its
 * cursor (the feed is compacted, so seqs may skip). Runs on its own thread until {@link #stop()}.
 */
final class PushClient implements Runnable {

    /** A mutation as sent: what the server must hold once it is acknowledged. */
    record Sent(UUID mutationId, UUID entityId, int revision, JsonNode payload, String scope) {
    }

    private final String name;
    private final String village;
    private final String token;
    private final Supplier<URI> server;
    private final Random random;
    private final int maxBatch;
    /** Shared by all devices: counts answers that acknowledged something, so the parent can kill right after one. */
    private final AtomicLong acknowledgements;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Entity -> the revision and payload the server acknowledged last. */
    private final Map<UUID, Sent> acked = new HashMap<>();
    private final List<Sent> newlyAcked = new ArrayList<>();
    private final Set<UUID> sentIds = ConcurrentHashMap.newKeySet();
    /** Entity -> the newest version this device pulled from the feed. */
    private final Map<UUID, JsonNode> pulled = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private List<Sent> batch = List.of();
    private long cursor;
    private volatile boolean inFlight;
    private volatile boolean creating = true;
    private volatile boolean drained;
    private volatile boolean stopped;
    private volatile int requests;
    private volatile int unanswered;
    private int counter;

    PushClient(String name, String village, String token, Supplier<URI> server, long seed, int maxBatch,
            AtomicLong acknowledgements) {
        this.acknowledgements = acknowledgements;
        this.name = name;
        this.village = village;
        this.token = token;
        this.server = server;
        this.random = new Random(seed);
        this.maxBatch = maxBatch;
    }

    @Override
    public void run() {
        while (!stopped) {
            if (batch.isEmpty() && creating) {
                batch = nextBatch();
            }
            URI base = server.get();
            if (base == null) {
                pause(10); // server down: wait for the restart, then resend the same batch
                continue;
            }
            SyncProtocol.Request request = new SyncProtocol.Request(SyncProtocol.VERSION, cursor,
                    batch.stream().map(s -> new SyncProtocol.Mutation(s.mutationId(), SyncProtocol.ENTITY_NOTICE, s.entityId(),
                            s.revision() - 1, s.payload())).toList());
            batch.forEach(s -> sentIds.add(s.mutationId()));
            SyncProtocol.Response response = send(base, request);
            if (response == null) {
                unanswered++;
                pause(10);
                continue;
            }
            answered(request, response);
            if (!creating && batch.isEmpty() && !response.hasMore()) {
                drained = true;
                pause(20);
            }
        }
    }

    private List<Sent> nextBatch() {
        List<Sent> next = new ArrayList<>();
        Set<UUID> inBatch = new HashSet<>();
        List<UUID> mine = new ArrayList<>(acked.keySet());
        for (int k = 1 + random.nextInt(maxBatch); k > 0; k--) {
            UUID entity;
            int revision;
            if (mine.isEmpty() || random.nextInt(100) < 40) {
                entity = UUID.randomUUID();
                revision = 1;
            } else {
                entity = mine.get(random.nextInt(mine.size()));
                if (!inBatch.add(entity)) {
                    continue; // one change per notice and batch, so each is based on an acknowledged revision
                }
                revision = acked.get(entity).revision() + 1;
            }
            inBatch.add(entity);
            String body = "本村" + name + "第" + (++counter) + "次提交。".repeat(1 + random.nextInt(200));
            next.add(new Sent(UUID.randomUUID(), entity, revision,
                    Notices.payload(entity, revision, village, name + " 公告 " + counter, body), village));
        }
        return next;
    }

    private SyncProtocol.Response send(URI base, SyncProtocol.Request request) {
        inFlight = true;
        requests++;
        try {
            HttpRequest http = HttpRequest.newBuilder(base.resolve(SyncProtocol.PATH)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .header("X-Sanwu-Protocol", String.valueOf(SyncProtocol.VERSION))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ModelJson.mapper().writeValueAsBytes(request))).build();
            HttpResponse<byte[]> response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return ModelJson.mapper().readValue(response.body(), SyncProtocol.Response.class);
            }
            if (response.statusCode() < 500) {
                problem("refused with " + response.statusCode() + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return null; // 5xx: the server failed mid-request; retry later with the same ids
        } catch (IOException e) {
            return null; // killed or restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return null;
        } finally {
            inFlight = false;
        }
    }

    private synchronized void answered(SyncProtocol.Request request, SyncProtocol.Response response) {
        Map<UUID, SyncProtocol.MutationResult> results = new HashMap<>();
        response.results().forEach(r -> results.put(r.mutationId(), r));
        for (Sent s : batch) {
            SyncProtocol.MutationResult r = results.get(s.mutationId());
            if (r == null) {
                problem("no result for " + s.mutationId());
            } else if (r.outcome() != SyncProtocol.Outcome.APPLIED && r.outcome() != SyncProtocol.Outcome.DUPLICATE) {
                problem(r.outcome() + " for " + s.entityId() + " r" + s.revision() + ": " + r.message());
            } else if (r.serverRevision() != s.revision()) {
                problem(r.outcome() + " with server revision " + r.serverRevision() + " for r" + s.revision());
            } else {
                acked.put(s.entityId(), s);
                newlyAcked.add(s);
            }
        }
        if (!batch.isEmpty()) {
            acknowledgements.incrementAndGet();
        }
        batch = List.of();
        if (response.rebootstrap()) {
            problem("rebootstrap at cursor " + request.cursor());
            return;
        }
        // The feed is compacted on read (docs/sync-protocol.md): a change superseded by a later
        // one of the same entity is not sent, so seqs may skip. What must hold per answer is
        // order and staying above the cursor; a change truly skipped shows at the end, when the
        // state hash of what this device pulled is compared with the server's.
        long previous = request.cursor();
        for (SyncProtocol.Change change : response.changes()) {
            if (change.seq() <= previous) {
                problem("feed out of order: seq " + change.seq() + " after " + previous);
            }
            if (change.seq() > response.cursor()) {
                problem("feed change seq " + change.seq() + " above the answer's cursor " + response.cursor());
            }
            previous = change.seq();
            JsonNode before = pulled.get(change.entityId());
            if (before == null || before.path("revision").asInt() < change.revision()) {
                pulled.put(change.entityId(), change.payload());
            }
        }
        cursor = response.cursor();
    }

    private void problem(String what) {
        synchronized (problems) {
            problems.add(name + ": " + what);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mutations acknowledged since the last call. */
    synchronized List<Sent> takeNewlyAcked() {
        List<Sent> taken = List.copyOf(newlyAcked);
        newlyAcked.clear();
        return taken;
    }

    /** The latest acknowledged version of each of this device's notices. */
    synchronized Map<UUID, JsonNode> ackedState() {
        Map<UUID, JsonNode> state = new HashMap<>();
        acked.forEach((id, s) -> state.put(id, s.payload()));
        return state;
    }

    synchronized Map<UUID, JsonNode> pulledState() {
        return Map.copyOf(pulled);
    }

    Set<UUID> sentIds() {
        return sentIds;
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    void clearProblems() {
        synchronized (problems) {
            problems.clear();
        }
    }

    String village() {
        return village;
    }

    boolean inFlight() {
        return inFlight;
    }

    int requests() {
        return requests;
    }

    int unanswered() {
        return unanswered;
    }

    /** No new mutations from now on; {@link #drained()} once everything is acknowledged and pulled. */
    void finishUp() {
        creating = false;
    }

    boolean drained() {
        return drained;
    }

    /** Asks for one more pull that ends with nothing more (after every client has stopped pushing). */
    void pullAgain() {
        drained = false;
    }

    void stop() {
        stopped = true;
    }
}
