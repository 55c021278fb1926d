package cn.sanwu.client.sync.simulation;

import cn.sanwu.client.sync.ConflictService;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.notice.NoticeContent;
import cn.sanwu.model.period.Period;
import cn.sanwu.model.sync.SyncProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Plays one history of {@link SimAction}s on three {@link SimClient}s and the {@link SimServer},
 * and keeps the model the checks need ({@link SimModel}): which edits were made, which a person
 * discarded, what the server acknowledged, which feed changes each client received. The checks
 * themselves are in {@link SimChecks}; they run after every server call, after every action, and
 * after the final heal. Not thread-safe.
 */
final class Simulation {

    /** Passes of "every client syncs" a heal may need before it counts as not converging. */
    private static final int MAX_HEAL_PASSES = 20;
    /** Requests one client may need in one heal pass (paging one change per page included). */
    private static final int MAX_ROUNDS_PER_PASS = 200;

    final SimClient[] clients;
    final SimServer server;
    final SimModel model = new SimModel();
    final SimChecks checks;
    /** Requests their clients gave up on that are still on their way to the server. */
    private final List<Delayed> delayed = new ArrayList<>();
    private final Map<Integer, UUID> slots = new HashMap<>();
    private int step;

    private record Delayed(int client, SyncProtocol.Request request) {
    }

    Simulation(SimClient[] clients, SimServer server) {
        this.clients = clients;
        this.server = server;
        this.checks = new SimChecks(this);
    }

    /** Notices every history starts with: created on PC 0 and synced to all, so PCs meet on them at once. */
    static final int SHARED_SLOTS = 2;

    /**
     * Sets the village up (PC 0 creates {@link #SHARED_SLOTS} notices, every PC syncs once), plays every
     * action (cheap checks after each), heals with {@code finalDecision}, and checks everything.
     */
    void play(List<SimAction> history, SimAction.Decision finalDecision) {
        for (int slot = 0; slot < SHARED_SLOTS; slot++) {
            edit(clients[0], slot);
        }
        for (SimClient c : clients) {
            act(new SimAction.Sync(c.index, SimAction.Fate.OK));
        }
        for (SimAction action : history) {
            step++;
            act(action);
            checks.afterStep(where(action));
        }
        step++;
        heal(finalDecision);
        checks.afterHeal("after the final heal (" + finalDecision + ")");
    }

    private String where(SimAction action) {
        return "step " + step + " " + action;
    }

    private void act(SimAction action) {
        switch (action) {
            case SimAction.Edit e -> edit(clients[e.client()], e.slot());
            case SimAction.Sync s -> {
                SimClient c = clients[s.client()];
                if (c.inFlight == null) {
                    c.inFlight = c.engine.prepare();
                }
                deliver(c, s.fate());
            }
            case SimAction.Send s -> {
                SimClient c = clients[s.client()];
                if (c.inFlight == null) {
                    c.inFlight = c.engine.prepare();
                }
            }
            case SimAction.Deliver d -> deliver(clients[d.client()], d.fate());
            case SimAction.DeliverSwapped d -> deliverSwapped(clients[d.first()], clients[d.second()]);
            case SimAction.LateArrival l -> {
                if (!delayed.isEmpty()) {
                    Delayed late = delayed.remove(l.index() % delayed.size());
                    serve(late.client(), late.request()); // its client stopped waiting: the answer goes nowhere
                }
            }
            case SimAction.Crash c -> {
                SimClient client = clients[c.client()];
                if (client.inFlight != null && c.requestReachesServer()) {
                    serve(client.index, client.inFlight);
                }
                model.crashes++;
                client.crash();
            }
            case SimAction.Decide d -> {
                SimClient c = clients[d.client()];
                List<ConflictService.Details> open = c.conflicts.open();
                if (!open.isEmpty()) {
                    decide(c, open.getFirst(), d.decision());
                }
            }
            case SimAction.Heal h -> heal(h.decision());
        }
    }

    /** A save as the editor makes it: loads the stored notice, appends a new token to the body. */
    private void edit(SimClient c, int slot) {
        String token = model.newToken(c.index);
        UUID id = slots.get(slot);
        if (id == null) {
            var item = TestStores.CATALOG.find("V13").orElseThrow();
            Notice saved = c.notices.save(c.notices.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 3),
                    "公告" + slot, token));
            slots.put(slot, saved.id());
            model.made(saved.id(), token);
            return;
        }
        Optional<Notice> local = c.notices.find(id);
        if (local.isEmpty()) {
            return; // not on this PC yet
        }
        c.notices.save(local.get().withContent(withBody(local.get(), local.get().content().body() + " " + token)));
        model.made(id, token);
    }

    private void deliver(SimClient c, SimAction.Fate fate) {
        SyncProtocol.Request request = c.inFlight;
        if (request == null) {
            return;
        }
        c.inFlight = null;
        switch (fate) {
            case OK -> answer(c, request, serve(c.index, request));
            case REQUEST_LOST -> c.engine.failed(request, "连接失败");
            case RESPONSE_LOST -> {
                serve(c.index, request);
                c.engine.failed(request, "读取响应超时");
            }
            case TWICE -> {
                serve(c.index, request);
                answer(c, request, serve(c.index, request));
            }
            case DELAYED -> {
                delayed.add(new Delayed(c.index, request));
                c.engine.failed(request, "等待响应超时");
            }
        }
    }

    private void deliverSwapped(SimClient first, SimClient second) {
        if (first == second || first.inFlight == null || second.inFlight == null) {
            return;
        }
        SyncProtocol.Request a = first.inFlight;
        SyncProtocol.Request b = second.inFlight;
        first.inFlight = null;
        second.inFlight = null;
        SyncProtocol.Response answerB = serve(second.index, b);
        SyncProtocol.Response answerA = serve(first.index, a);
        answer(first, a, answerA);
        answer(second, b, answerB);
    }

    /** The server handles a request; what it answered is recorded and checked before anyone sees it. */
    private SyncProtocol.Response serve(int client, SyncProtocol.Request request) {
        SyncProtocol.Response response = server.handle(client, request);
        model.requests++;
        checks.serverAnswered(client, request, response, "step " + step);
        return response;
    }

    private void answer(SimClient c, SyncProtocol.Request request, SyncProtocol.Response response) {
        checks.pageIsComplete(c.index, request, response, "step " + step);
        c.engine.apply(request, response);
        for (SyncProtocol.Change change : response.changes()) {
            model.received(c.index, change.seq());
        }
    }

    /**
     * A person decides: 保留我的 discards the server's version (its edits that mine lacks), 采用对方
     * discards mine, 编辑合并 keeps both (the merged body holds every token of both) plus a new edit.
     */
    private void decide(SimClient c, ConflictService.Details d, SimAction.Decision decision) {
        model.decisions++;
        UUID conflict = d.conflict().id();
        Set<String> mine = SimModel.tokens(d.mine());
        Set<String> theirs = d.theirs() == null ? Set.of() : SimModel.tokens(d.theirs());
        if (decision == SimAction.Decision.TAKE_THEIRS && d.theirs() != null) {
            model.discard(mine, theirs);
            c.conflicts.takeTheirs(conflict);
        } else if (decision == SimAction.Decision.MERGE) {
            Notice merged = c.conflicts.editMerge(conflict);
            Set<String> union = new LinkedHashSet<>(mine);
            union.addAll(theirs);
            String token = model.newToken(c.index);
            c.notices.save(merged.withContent(withBody(merged, String.join(" ", union) + " " + token)));
            model.made(merged.id(), token);
        } else {
            // KEEP_MINE, or TAKE_THEIRS where the server holds no version (the screen offers only this then).
            model.discard(theirs, mine);
            c.conflicts.keepMine(conflict);
        }
    }

    /**
     * Delayed requests arrive, in-flight ones are delivered, then every client syncs with a clean
     * network, deciding its conflicts with {@code decision}, until a whole pass sends nothing and
     * decides nothing.
     */
    void heal(SimAction.Decision decision) {
        model.heals++;
        for (Delayed late : delayed) {
            serve(late.client(), late.request());
        }
        delayed.clear();
        for (SimClient c : clients) {
            deliver(c, SimAction.Fate.OK);
        }
        for (int pass = 0; pass < MAX_HEAL_PASSES; pass++) {
            boolean busy = false;
            for (SimClient c : clients) {
                busy |= syncUntilQuiet(c, decision);
            }
            if (!busy) {
                return;
            }
        }
        throw new AssertionError("step " + step + ": heal did not converge in " + MAX_HEAL_PASSES + " passes");
    }

    private boolean syncUntilQuiet(SimClient c, SimAction.Decision decision) {
        boolean busy = false;
        for (int round = 0; round < MAX_ROUNDS_PER_PASS; round++) {
            List<ConflictService.Details> open = c.conflicts.open();
            for (ConflictService.Details d : open) {
                decide(c, d, decision);
                busy = true;
            }
            SyncProtocol.Request request = c.engine.prepare();
            SyncProtocol.Response response = serve(c.index, request);
            answer(c, request, response);
            busy |= !request.mutations().isEmpty();
            if (request.mutations().isEmpty() && !response.hasMore() && c.conflicts.openCount() == 0) {
                return busy;
            }
        }
        throw new AssertionError("step " + step + ": client " + c.index + " still busy after " + MAX_ROUNDS_PER_PASS
                + " requests");
    }

    static NoticeContent withBody(Notice n, String body) {
        NoticeContent c = n.content();
        return new NoticeContent(c.villageCode(), c.itemCode(), c.period(), c.title(), body, c.tables(), c.journal(),
                c.recipients());
    }
}
