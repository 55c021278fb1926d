package cn.sanwu.client.ticket;

import cn.sanwu.client.sync.SyncTransport;
import java.io.IOException;
import java.time.Clock;

/**
 * One ticket sync for the logged-in account: first the queued steps, oldest first, each with its
 * action id (a step whose answer was lost is sent again and the server applies it once); then a
 * pull that replaces the cache. A refusal (closed meanwhile, out of scope, bad text) settles the
 * step as a CONFLICT with the server's message, shown to the person, never dropped. No connection,
 * an expired session or a server error stop the sync and leave the rest queued.
 */
public final class TicketSync {

    /** What a sync did; {@code stoppedBy} is the reason it stopped early, or null. */
    public record Outcome(int sent, int conflicts, int tickets, String stoppedBy) {
        public boolean complete() {
            return stoppedBy == null;
        }
    }

    private final TicketClient client;
    private final TicketStore store;
    private final Clock clock;

    public TicketSync(TicketClient client, TicketStore store, Clock clock) {
        this.client = client;
        this.store = store;
        this.clock = clock;
    }

    public Outcome sync() {
        String owner = client.staff().username();
        int sent = 0;
        int conflicts = 0;
        for (TicketStore.Action a : store.actions(owner, TicketStore.QUEUED)) {
            try {
                client.send(a.ticketCode(), a.step(), a.payload());
                store.settle(a.actionId(), TicketStore.DONE, null, clock.instant());
                sent++;
            } catch (SyncTransport.Refused r) {
                if (r.status() == 401 || r.status() == 403 || r.status() >= 500) {
                    return new Outcome(sent, conflicts, -1, r.getMessage());
                }
                store.settle(a.actionId(), TicketStore.CONFLICT, r.getMessage(), clock.instant());
                conflicts++;
            } catch (IOException e) {
                return new Outcome(sent, conflicts, -1, offline(e));
            }
        }
        try {
            var pull = client.pull();
            store.replaceCache(owner, pull, clock.instant());
            return new Outcome(sent, conflicts, pull.path("tickets").size(), null);
        } catch (SyncTransport.Refused r) {
            return new Outcome(sent, conflicts, -1, r.getMessage());
        } catch (IOException e) {
            return new Outcome(sent, conflicts, -1, offline(e));
        }
    }

    private static String offline(IOException e) {
        return "连接服务器失败：" + (e.getMessage() == null ? "网络不通" : e.getMessage());
    }
}
