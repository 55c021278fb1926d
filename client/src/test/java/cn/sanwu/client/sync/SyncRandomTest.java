package cn.sanwu.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.notice.NoticePayload;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.sync.SyncProtocol;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random local edits and sync rounds against {@link ModelServer} on a real H2 file, with requests
 * lost before the server, responses lost after it committed, the app stopping with a request in
 * flight (database closed and reopened, no {@code failed} call), edits typed while a request is in
 * flight, and small request and page sizes. At the end, after healing syncs: nothing waits in the
 * outbox, the server never rejected anything, it holds exactly the local state, and no notice was
 * stored twice at one revision. Seed printed; replay with {@code -Dseed=}.
 */
class SyncRandomTest {

    private static final int STEPS = Integer.getInteger("sanwu.sync.steps", 300);

    @TempDir
    Path dir;

    /** One device: no conflict may ever happen, so every local change reaches the server. */
    @Test
    void everyLocalChangeReachesTheModelServerExactlyOnceAndTheOutboxDrains() {
        Run run = new Run(dir, 0);
        run.play();
        assertThat(run.server.conflicts).as(run.why).isZero();
    }

    /**
     * Another device edits the same notices on the server meanwhile: conflicts happen and are
     * decided at random (保留我的 / 采用对方 / 编辑合并); everything still converges and drains.
     */
    @Test
    void withAnotherDeviceEditingConflictsAreDecidedAndEverythingConverges() {
        Run run = new Run(dir, 15);
        run.play();
        System.out.println("SyncRandomTest: " + run.decisions + " conflict decisions, " + run.server.conflicts
                + " CONFLICT answers");
    }

    private static final class Run {
        final long seed = Long.getLong("seed", System.nanoTime());
        final String why = "seed " + seed;
        final Random random = new Random(seed);
        final ModelServer server = new ModelServer(1 + random.nextInt(5));
        final int maxMutations = 1 + random.nextInt(4);
        final int otherDevicePercent;
        final Path dir;
        final List<UUID> ids = new ArrayList<>();
        int lostRequests;
        int lostResponses;
        int restarts;
        int delivered;
        int decisions;
        SyncFixture f;

        Run(Path dir, int otherDevicePercent) {
            this.dir = dir;
            this.otherDevicePercent = otherDevicePercent;
            System.out.println("SyncRandomTest seed=" + seed + " (replay with -Dseed=" + seed + ")");
        }

        void play() {
            f = new SyncFixture(dir, maxMutations);
            try {
                for (int step = 0; step < STEPS; step++) {
                    step(step);
                }
                int healing = heal();
                System.out.printf("SyncRandomTest: %d notices, %d delivered, %d requests lost, %d responses lost,"
                        + " %d restarts, %d healing syncs%n", ids.size(), delivered, lostRequests, lostResponses, restarts,
                        healing);
                check();
            } finally {
                f.close();
            }
        }

        private void step(int step) {
            int action = random.nextInt(100);
            if (action < 20 || ids.isEmpty()) {
                ids.add(f.newNotice("公告" + step, "正文" + step).id());
            } else if (action < 55) {
                f.edit(ids.get(random.nextInt(ids.size())), "修改" + step);
            } else if (action < 55 + otherDevicePercent) {
                editOnAnotherDevice(step);
            } else if (f.conflicts.openCount() > 0 && random.nextBoolean()) {
                decideOne(step);
            } else {
                syncRound(step);
            }
        }

        private void syncRound(int step) {
            SyncProtocol.Request request = f.engine.prepare();
            for (int typed = random.nextInt(3); typed > 0; typed--) {
                f.edit(ids.get(random.nextInt(ids.size())), "发送中修改" + step + "-" + typed);
            }
            int fate = random.nextInt(10);
            if (fate < 2) {
                lostRequests++;
                f.engine.failed(request, "连接失败");
            } else if (fate < 4) {
                lostResponses++;
                server.handle(request);
                f.engine.failed(request, "读取响应超时");
            } else if (fate < 5) {
                restarts++;
                if (random.nextBoolean()) {
                    server.handle(request);
                }
                f.close();
                f = new SyncFixture(dir, maxMutations);
            } else {
                delivered++;
                f.engine.apply(request, server.handle(request));
            }
        }

        private void editOnAnotherDevice(int step) {
            List<UUID> onServer = new ArrayList<>(server.entities().keySet());
            if (onServer.isEmpty()) {
                return;
            }
            UUID id = onServer.get(random.nextInt(onServer.size()));
            ModelServer.Stored current = server.entities().get(id);
            ObjectNode next = current.payload().deepCopy();
            next.put("revision", current.revision() + 1);
            ((ObjectNode) next.get("content")).put("body", "另一台电脑" + step);
            server.store(id, current.revision() + 1, next);
        }

        private void decideOne(int step) {
            decisions++;
            UUID conflict = f.conflicts.open().getFirst().conflict().id();
            switch (random.nextInt(3)) {
                case 0 -> f.conflicts.keepMine(conflict);
                case 1 -> f.conflicts.takeTheirs(conflict);
                default -> {
                    Notice merged = f.conflicts.editMerge(conflict);
                    f.notices.save(merged.withContent(SyncFixture.withBody(merged, "合并" + step)));
                }
            }
        }

        /** Syncs without faults, deciding every conflict, until nothing is left to send or pull. */
        private int heal() {
            int healing = 0;
            boolean more = true;
            while (more) {
                assertThat(healing++).as("syncs needed to drain, " + why).isLessThan(STEPS * 4);
                while (f.conflicts.openCount() > 0) {
                    decideOne(-healing);
                }
                SyncProtocol.Request request = f.engine.prepare();
                SyncProtocol.Response response = server.handle(request);
                f.engine.apply(request, response);
                more = response.hasMore() || !request.mutations().isEmpty() || f.conflicts.openCount() > 0;
            }
            return healing;
        }

        private void check() {
            assertThat(f.outboxRows()).as(why).allMatch(row -> row.startsWith("CONFLICT "));
            assertThat(server.rejections).as(why).isZero();
            assertThat(f.conflicts.openCount()).as(why).isZero();
            Instant at = Instant.EPOCH;
            for (UUID id : ids) {
                Notice local = f.notices.find(id).orElseThrow();
                ModelServer.Stored stored = server.entities().get(id);
                assertThat(stored).as(why + ": notice on the server").isNotNull();
                assertThat(NoticePayload.fromTree(stored.payload(), at)).as(why)
                        .isEqualTo(new Notice(id, local.content(), local.status(), local.revision(), local.reason(), at));
                assertThat(f.engine.serverRevision(id)).as(why).hasValue(local.revision());
            }
            for (Map.Entry<UUID, List<Integer>> e : server.appliedRevisions().entrySet()) {
                List<Integer> revisions = e.getValue();
                for (int i = 1; i < revisions.size(); i++) {
                    assertThat(revisions.get(i)).as(why + ": stored once, in order: " + revisions)
                            .isGreaterThan(revisions.get(i - 1));
                }
            }
        }
    }
}
