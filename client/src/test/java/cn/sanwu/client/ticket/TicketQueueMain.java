package cn.sanwu.client.ticket;

import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.JsonMapping;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Child JVM for the kill test: {@code durable|memory <dir> <owner> <code> <n>} queues n replies
 * and prints {@code QUEUED <actionId>} once each has returned, then waits to be killed. The
 * {@code memory} variant is the broken one: it only keeps them in a list, and the parent's loss
 * check must catch it.
 */
public final class TicketQueueMain {

    private TicketQueueMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        int n = Integer.parseInt(args[4]);
        Database db = Database.open(dir, Durability.SAFE);
        TicketStore store = new TicketStore(db);
        List<UUID> memory = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var payload = JsonMapping.mapper().createObjectNode().put("text", "离线答复 " + i);
            UUID id = args[0].equals("durable") ? store.queue(args[2], args[3], "reply", payload, Instant.now())
                    : UUID.randomUUID();
            memory.add(id);
            System.out.println("QUEUED " + id);
            System.out.flush();
        }
        System.out.println("END");
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait(); // killed by the parent
        }
        db.close();
    }
}
