package cn.sanwu.client.sync.simulation;

/**
 * One step of a simulated history: three village PCs (clients 0–2) and the sync server. Actions
 * are plain records of small numbers so jqwik can shrink a failing history to a short one and
 * print it readably. An action that does not apply in the current state (deliver with nothing in
 * flight, decide with no open conflict) does nothing; the shrinker then removes it.
 */
sealed interface SimAction {

    /** What happens to a request on the wire. */
    enum Fate {
        /** Delivered, answered, answer applied. */
        OK,
        /** Lost before the server: the client times out ({@code failed}). */
        REQUEST_LOST,
        /** The server committed, the answer was lost: the client times out. */
        RESPONSE_LOST,
        /** The network delivered the request twice; the client applies the second answer. */
        TWICE,
        /** The client times out, but the request is still on its way and reaches the server later ({@link LateArrival}). */
        DELAYED
    }

    /** A person's decision on a conflict (保留我的 / 采用对方 / 编辑合并). */
    enum Decision {
        KEEP_MINE, TAKE_THEIRS, MERGE
    }

    /**
     * A clerk on {@code client} saves notice {@code slot}: creates it if no PC has created that slot
     * yet, edits it if this PC has it, does nothing otherwise (it has not reached this PC). Every
     * save appends a unique token to the body, so the model can tell later which edits survived.
     */
    record Edit(int client, int slot) implements SimAction {
    }

    /** The client syncs once: its in-flight request, else a new one, meets {@code fate}. */
    record Sync(int client, Fate fate) implements SimAction {
    }

    /** The client prepares a request and puts it on the wire (no-op if it already has one in flight). */
    record Send(int client) implements SimAction {
    }

    /** The client's in-flight request meets its fate. */
    record Deliver(int client, Fate fate) implements SimAction {
    }

    /** Both clients have a request in flight: the server gets {@code second}'s before {@code first}'s (reordering). */
    record DeliverSwapped(int first, int second) implements SimAction {
    }

    /** A request that its client gave up on (DELAYED) reaches the server now; nobody reads the answer. */
    record LateArrival(int index) implements SimAction {
    }

    /**
     * The app on {@code client} stops abruptly (H2 {@code SHUTDOWN IMMEDIATELY}) and starts again
     * from its files. A request in flight reaches the server anyway if {@code requestReachesServer}.
     */
    record Crash(int client, boolean requestReachesServer) implements SimAction {
    }

    /** A person on {@code client} decides its oldest open conflict. */
    record Decide(int client, Decision decision) implements SimAction {
    }

    /** In-flight and delayed requests are delivered, then every client syncs until all is quiet, deciding conflicts so. */
    record Heal(Decision decision) implements SimAction {
    }
}
