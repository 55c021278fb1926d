package cn.sanwu.client.sync.simulation;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.model.hash.ContentHash;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.StateHash;
import cn.sanwu.model.sync.SyncProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The invariants of the simulation (docs/sync-client.md, "Tests"; QUALITY.md I1–I3). Cheap ones
 * run after every server call and every action, the convergence ones after the final heal. A
 * violation is an {@link AssertionError} naming the step, so jqwik shrinks the history to it.
 */
final class SimChecks {

    private static final NoticeHasher HASHER = NoticeHasher.sha256();
    private final Simulation sim;

    SimChecks(Simulation sim) {
        this.sim = sim;
    }

    private static AssertionError violated(String where, String what) {
        return new AssertionError(where + ": " + what);
    }

    /**
     * Every answer, before any client sees it: APPLIED only once per mutation id (stored exactly
     * once), DUPLICATE only for a mutation applied before and with its revision, never REJECTED,
     * and never a CONFLICT whose server version holds no edit that the sent version lacks (the
     * server treating a device's own change as someone else's). Then the stored feed.
     */
    void serverAnswered(int client, SyncProtocol.Request request, SyncProtocol.Response response, String where) {
        SimModel model = sim.model;
        // Results come in request order; only a later mutation of an entity whose earlier one in
        // this request was not applied may be without one (docs/sync-protocol.md "Outcomes").
        Map<UUID, SyncProtocol.MutationResult> byId = new java.util.HashMap<>();
        response.results().forEach(r -> byId.put(r.mutationId(), r));
        if (!response.results().stream().map(SyncProtocol.MutationResult::mutationId).toList().equals(
                request.mutations().stream().map(SyncProtocol.Mutation::mutationId).filter(byId::containsKey).toList())) {
            throw violated(where, "client " + client + " got results out of request order or for mutations it did not send");
        }
        Set<UUID> notApplied = new HashSet<>();
        for (int i = 0; i < request.mutations().size(); i++) {
            SyncProtocol.Mutation m = request.mutations().get(i);
            SyncProtocol.MutationResult r = byId.get(m.mutationId());
            if (r == null) {
                if (!notApplied.contains(m.entityId())) {
                    throw violated(where, "client " + client + " sent " + request.mutations().size() + " mutations, got "
                            + response.results().size() + " results; mutation " + m.mutationId()
                            + " has none although no earlier mutation of its notice failed");
                }
                continue;
            }
            if (r.outcome() != SyncProtocol.Outcome.APPLIED && r.outcome() != SyncProtocol.Outcome.DUPLICATE) {
                notApplied.add(m.entityId());
            } else if (notApplied.contains(m.entityId())) {
                throw violated(where, "mutation " + m.mutationId() + " applied after an earlier mutation of its notice failed:"
                        + " it lands on another device's version");
            }
            int revision = m.payload().path("revision").asInt();
            String which = "mutation " + m.mutationId() + " of client " + client + " (base " + m.baseRevision() + " -> "
                    + revision + ", body '" + m.payload().path("content").path("body").asText() + "')";
            switch (r.outcome()) {
                case APPLIED -> {
                    if (model.acknowledged.containsKey(m.mutationId())) {
                        throw violated(where, which + " answered APPLIED a second time: stored twice");
                    }
                    if (r.serverRevision() != revision) {
                        throw violated(where, which + " APPLIED at revision " + r.serverRevision());
                    }
                    model.acknowledged.put(m.mutationId(), new SimModel.Acknowledged(m.entityId(), revision, m.payload()));
                }
                case DUPLICATE -> {
                    model.duplicateAnswers++;
                    SimModel.Acknowledged before = model.acknowledged.get(m.mutationId());
                    if (before == null || before.revision() != r.serverRevision()) {
                        throw violated(where, which + " answered DUPLICATE (revision " + r.serverRevision()
                                + ") but the server acknowledged it as " + before);
                    }
                }
                case CONFLICT -> {
                    model.conflictAnswers++;
                    if (r.current() == null) {
                        throw violated(where, which + " answered CONFLICT without a server version");
                    }
                    Set<String> extra = new HashSet<>(SimModel.tokens(r.current()));
                    extra.removeAll(SimModel.tokens(m.payload()));
                    if (extra.isEmpty()) {
                        throw violated(where, which + " answered CONFLICT with server revision " + r.serverRevision()
                                + " '" + r.current().path("content").path("body").asText()
                                + "', which holds no edit the sent version lacks: the device's own change came back"
                                + " as a conflict");
                    }
                }
                case REJECTED -> throw violated(where, which + " REJECTED: " + r.message());
            }
        }
        feedIsTheAcknowledgedMutations(where);
    }

    /**
     * The server's feed is seq 1..n without a gap and holds exactly the acknowledged mutations, one
     * change each, in the order they were applied, with the payload sent; each entity's current
     * version is its last change.
     */
    private void feedIsTheAcknowledgedMutations(String where) {
        List<SimServer.FeedRow> feed = sim.server.feed();
        List<SimModel.Acknowledged> acked = new ArrayList<>(sim.model.acknowledged.values());
        if (feed.size() != acked.size()) {
            throw violated(where, "the feed holds " + feed.size() + " changes for " + acked.size()
                    + " acknowledged mutations");
        }
        for (int i = 0; i < feed.size(); i++) {
            SimServer.FeedRow row = feed.get(i);
            SimModel.Acknowledged a = acked.get(i);
            if (row.seq() != i + 1) {
                throw violated(where, "feed seq " + row.seq() + " where " + (i + 1) + " belongs: a gap");
            }
            if (!row.entityId().equals(a.entityId()) || row.revision() != a.revision()
                    || !notice(row.payload()).equals(notice(a.payload()))) {
                throw violated(where, "feed change " + row.seq() + " is not the mutation acknowledged in that place");
            }
        }
        for (SimServer.FeedRow entity : sim.server.entities()) {
            SimServer.FeedRow last = feed.reversed().stream().filter(r -> r.entityId().equals(entity.entityId()))
                    .findFirst().orElseThrow(() -> violated(where, "entity " + entity.entityId() + " without a change"));
            if (last.revision() != entity.revision() || !notice(last.payload()).equals(notice(entity.payload()))) {
                throw violated(where, "entity " + entity.entityId() + " is not its last feed change");
            }
        }
    }

    /**
     * A page of the feed continues where the request's cursor stood and skips nothing that
     * matters: the feed is compacted on read (docs/sync-protocol.md), so a change may be left out
     * only when a later change of the same entity supersedes it (that one comes in this page or a
     * later one). Every other change between the two cursors must be in the page, in seq order.
     */
    void pageIsComplete(int client, SyncProtocol.Request request, SyncProtocol.Response response, String where) {
        if (response.rebootstrap()) {
            throw violated(where, "client " + client + " was told to re-bootstrap at cursor " + request.cursor());
        }
        Set<Long> delivered = new HashSet<>();
        long previous = request.cursor();
        for (SyncProtocol.Change change : response.changes()) {
            if (change.seq() <= previous) {
                throw violated(where, "client " + client + " got seq " + change.seq() + " after " + previous);
            }
            previous = change.seq();
            delivered.add(change.seq());
        }
        if (response.cursor() != previous) {
            throw violated(where, "client " + client + " got cursor " + response.cursor() + " after seq " + previous);
        }
        List<SimServer.FeedRow> feed = sim.server.feed();
        for (SimServer.FeedRow row : feed) {
            if (row.seq() <= request.cursor() || row.seq() > response.cursor() || delivered.contains(row.seq())) {
                continue;
            }
            boolean superseded = feed.stream().anyMatch(later -> later.entityId().equals(row.entityId()) && later.seq() > row.seq());
            if (!superseded) {
                throw violated(where, "client " + client + " did not get seq " + row.seq()
                        + ", which no later change supersedes: the feed skipped a change");
            }
        }
    }

    /**
     * No edit lost so far: each token is in the server's version of its notice, or in some PC's
     * local copy (not synced yet), or a person discarded it.
     */
    void afterStep(String where) {
        Map<UUID, SimServer.FeedRow> onServer = serverEntities();
        for (Map.Entry<UUID, Set<String>> e : sim.model.made.entrySet()) {
            Set<String> present = new HashSet<>();
            SimServer.FeedRow stored = onServer.get(e.getKey());
            if (stored != null) {
                present.addAll(SimModel.tokens(stored.payload()));
            }
            for (SimClient c : sim.clients) {
                c.notices.find(e.getKey()).ifPresent(n -> present.addAll(SimModel.tokens(n)));
            }
            for (String token : e.getValue()) {
                if (!present.contains(token) && !sim.model.discarded.contains(token)) {
                    throw violated(where, "edit " + token + " of notice " + e.getKey()
                            + " is on no PC and not on the server, and no person discarded it");
                }
            }
        }
    }

    /**
     * After the heal: nothing waits or is open on any PC (only finished CONFLICT rows may stay in
     * an outbox); every PC's state hash equals the server's; every PC received every seq (or a later change of its notice) of the
     * feed; every edit is in the server's version unless a person discarded it.
     */
    void afterHeal(String where) {
        afterStep(where);
        ContentHash serverHash = StateHash.of(serverEntities().values().stream()
                .map(r -> entry(notice(r.payload()))).toList());
        long head = sim.server.head();
        for (SimClient c : sim.clients) {
            String who = "client " + c.index;
            if (c.conflicts.openCount() != 0) {
                throw violated(where, who + " still has " + c.conflicts.openCount() + " open conflicts");
            }
            List<String> rows = c.outboxRows();
            if (!rows.stream().allMatch(row -> row.startsWith("CONFLICT "))) {
                throw violated(where, who + " outbox not drained: " + rows);
            }
            ContentHash hash = StateHash.of(c.allNotices().stream().map(SimChecks::entry).toList());
            if (!hash.equals(serverHash)) {
                throw violated(where, who + " state hash " + hash + " differs from the server's " + serverHash
                        + "; PC holds " + describe(c.allNotices()) + ", server holds "
                        + describe(serverEntities().values().stream().map(r -> notice(r.payload())).toList()));
            }
            if (c.engine.cursor() != head) {
                throw violated(where, who + " cursor " + c.engine.cursor() + " but the feed head is " + head);
            }
            // The feed is compacted on read: a change may be missed only when the PC received a
            // later change of the same entity.
            Set<Long> got = sim.model.received.getOrDefault(c.index, Set.of());
            List<SimServer.FeedRow> feed = sim.server.feed();
            for (SimServer.FeedRow row : feed) {
                if (row.seq() > head || got.contains(row.seq())) {
                    continue;
                }
                boolean laterReceived = feed.stream().anyMatch(later -> later.entityId().equals(row.entityId())
                        && later.seq() > row.seq() && later.seq() <= head && got.contains(later.seq()));
                if (!laterReceived) {
                    throw violated(where, who + " never received seq " + row.seq() + " nor a later change of its notice");
                }
            }
        }
        Map<UUID, SimServer.FeedRow> onServer = serverEntities();
        for (Map.Entry<UUID, Set<String>> e : sim.model.made.entrySet()) {
            SimServer.FeedRow stored = onServer.get(e.getKey());
            Set<String> final_ = stored == null ? Set.of() : SimModel.tokens(stored.payload());
            for (String token : e.getValue()) {
                if (!final_.contains(token) && !sim.model.discarded.contains(token)) {
                    throw violated(where, "edit " + token + " of notice " + e.getKey()
                            + " did not reach the server's final version, and no person discarded it");
                }
            }
        }
    }

    private Map<UUID, SimServer.FeedRow> serverEntities() {
        Map<UUID, SimServer.FeedRow> byId = new java.util.HashMap<>();
        sim.server.entities().forEach(r -> byId.put(r.entityId(), r));
        return byId;
    }

    private static Notice notice(com.fasterxml.jackson.databind.JsonNode payload) {
        return NoticePayload.fromTree(payload, Instant.EPOCH);
    }

    private static StateHash.Entry entry(Notice n) {
        return new StateHash.Entry(SyncProtocol.ENTITY_NOTICE, n.id(), n.revision(), n.status().name(),
                HASHER.hash(n.id(), n.content()));
    }

    private static String describe(List<Notice> notices) {
        return notices.stream().map(n -> n.id().toString().substring(30) + " r" + n.revision() + " '" + n.content().body()
                + "'").toList().toString();
    }
}
