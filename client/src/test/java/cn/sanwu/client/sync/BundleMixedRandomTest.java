package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.outbox.OutboxRepository;
import cn.sanwu.model.notice.Notice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Some rounds online, some by USB stick, in random order against the real server: sticks get lost,
 * carried twice, forwarded twice, and replies come home late, twice or out of order, while another
 * PC of the village works online. After healing, nothing is lost (the village PC, the server and
 * the other PC have the same StateHash, and the village holds every local edit it made) and nothing
 * is duplicated (no revision stored twice, no conflict or rejection). Seed printed, {@code -Dseed=};
 * {@code -Dsanwu.bundle.steps=} for longer runs (40 by default).
 */
class BundleMixedRandomTest {

    @TempDir
    Path dir;

    @Test
    void onlineAndFileRoundsMixedLoseNothingAndDuplicateNothing() throws Exception {
        long seed = Long.getLong("seed", System.nanoTime());
        int steps = Integer.getInteger("sanwu.bundle.steps", 40);
        System.out.println("BundleMixedRandomTest seed=" + seed + " steps=" + steps);
        Random random = new Random(seed);
        try (BundleWorld world = new BundleWorld(dir)) {
            AppContext township = world.townshipPc();
            AppContext village = world.villagePc("shancun");
            AppContext office = world.villagePc("office");
            world.enrollOnline(village, "山村电脑");
            world.enrollOnline(office, "村部电脑");
            assertThat(office.syncService().syncNow().ok()).isTrue();
            // Each PC edits only the notices it created: the test is about transport, not conflicts.
            List<UUID> villageOwn = ids(village);
            List<UUID> officeOwn = new ArrayList<>(ids(office));
            officeOwn.removeAll(villageOwn);
            Map<UUID, String> lastSaved = new HashMap<>();
            List<Path> sticks = new ArrayList<>();
            List<Path> replies = new ArrayList<>();
            int online = 0;
            int exported = 0;
            int forwarded = 0;
            int imported = 0;
            int lost = 0;
            for (int step = 0; step < steps; step++) {
                int action = random.nextInt(100);
                if (action < 25) {
                    edit(village, villageOwn, random, "村里第" + step + "步", lastSaved);
                } else if (action < 35) {
                    edit(office, officeOwn, random, "村部第" + step + "步", lastSaved);
                    office.syncService().syncNow();
                } else if (action < 47) {
                    assertThat(village.syncService().syncNow().ok()).isTrue();
                    online++;
                } else if (action < 65) {
                    Path stick = BundleWorld.Files2.fresh(dir, "stick");
                    village.bundles().export(stick, null, null);
                    sticks.add(stick);
                    exported++;
                } else if (action < 80 && !sticks.isEmpty()) {
                    // Forward a random stick (it stays on the list: it may be carried again).
                    Path reply = BundleWorld.Files2.fresh(dir, "reply");
                    township.bundles().forward(sticks.get(random.nextInt(sticks.size())), reply);
                    replies.add(reply);
                    forwarded++;
                } else if (action < 95 && !replies.isEmpty()) {
                    village.bundles().importReply(replies.get(random.nextInt(replies.size())));
                    imported++;
                } else if (!sticks.isEmpty()) {
                    sticks.remove(random.nextInt(sticks.size())); // lost on the way
                    lost++;
                }
            }
            // Heal: one more file round, then everyone online.
            world.fileRound(village, township, null);
            for (Path reply : replies) {
                village.bundles().importReply(reply); // late replies: answered or ignored, never harmful
            }
            assertThat(village.syncService().syncNow().ok()).isTrue();
            assertThat(office.syncService().syncNow().ok()).isTrue();
            System.out.printf("BundleMixedRandomTest online=%d exported=%d forwarded=%d imported=%d lost=%d%n", online,
                    exported, forwarded, imported, lost);

            lastSaved.forEach((id, body) -> {
                assertThat(village.notices().find(id).orElseThrow().content().body()).as("edit of %s (seed %d)", id, seed)
                        .isEqualTo(body);
                assertThat(office.notices().find(id).orElseThrow().content().body()).isEqualTo(body);
            });
            assertThat(BundleWorld.clientState(village)).as("seed %d", seed).isEqualTo(world.serverState())
                    .isEqualTo(BundleWorld.clientState(office));
            assertThat(world.serverRevisionsStoredTwice()).as("seed %d", seed).isZero();
            assertThat(village.sync().status().waiting()).as("outbox drained").isZero();
            assertThat(village.sync().status().conflicts()).isZero();
            assertThat(outboxRows(village)).as("no CONFLICT or REJECTED entries").isZero();
        }
    }

    private static List<UUID> ids(AppContext pc) {
        return pc.notices().search(NoticeQuery.all(DemoData.VILLAGE)).stream().filter(s -> s.status().isEditable())
                .map(s -> s.id()).toList();
    }

    private static void edit(AppContext pc, List<UUID> own, Random random, String body, Map<UUID, String> lastSaved) {
        Notice n = pc.notices().find(own.get(random.nextInt(own.size()))).orElseThrow();
        pc.notices().save(n.withContent(SyncFixture.withBody(n, body)));
        lastSaved.put(n.id(), body);
    }

    private static int outboxRows(AppContext pc) {
        return pc.database().read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE state IN ('"
                    + OutboxRepository.CONFLICT + "', '" + OutboxRepository.REJECTED + "')")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
