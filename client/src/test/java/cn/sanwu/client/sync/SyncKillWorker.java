package cn.sanwu.client.sync;

import cn.sanwu.client.app.AppContext;
import cn.sanwu.client.notice.NoticeQuery;
import cn.sanwu.client.notice.NoticeService;
import cn.sanwu.client.notice.NoticeSummary;
import cn.sanwu.client.testsupport.TestStores;
import cn.sanwu.model.hash.NoticeHasher;
import cn.sanwu.model.notice.Notice;
import cn.sanwu.model.period.Period;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Child-JVM half of {@link SyncStepKillTest}: the real client service layer ({@link AppContext}:
 * H2 file, NoticeService, SyncService over HTTP) saving notices and syncing until it is killed.
 * Protocol on stdout, one flushed line each: {@code WAITING} once warmed up; after the parent's
 * {@code GO <step|NONE> <n>}: {@code OPEN}, then {@code SAVED <id> <revision> <hash>} after each
 * save returned (已保存), {@code STEP <name>} at each sync step, {@code SYNCED <ok> <rounds>} after
 * each sync, and {@code HALTED <name>} when the n-th occurrence of the named step is reached —
 * the child then waits there, inside the step, for the parent's SIGKILL.
 * Args: dataDir seed mode ({@code SAFE}, or {@code DELETE_OUTBOX_ON_SEND}: the deliberately broken
 * client that forgets its outbox entries as soon as the request is prepared).
 */
public final class SyncKillWorker {

    static final String TITLE_PREFIX = "A#";

    private SyncKillWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        boolean deleteOutboxOnSend = args[2].equals("DELETE_OUTBOX_ON_SEND");
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        warmUp(random);
        out.println("WAITING");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String go = in.readLine();
        if (go == null || !go.startsWith("GO ")) {
            return; // parent gave up on this child
        }
        String[] plan = go.split(" ");
        String haltAt = plan[1];
        int haltOccurrence = Integer.parseInt(plan[2]);
        AppContext app = new AppContext(dataDir, Clock.systemUTC());
        int[] seen = {0};
        app.syncService().observeSteps(step -> {
            if (deleteOutboxOnSend && step == SyncSteps.Step.PREPARED) {
                forgetSentEntries(app);
            }
            synchronized (out) {
                out.println("STEP " + step);
                out.flush();
            }
            if (step.name().equals(haltAt) && ++seen[0] == haltOccurrence) {
                synchronized (out) {
                    out.println("HALTED " + step);
                    out.flush();
                }
                waitForTheKill();
            }
        });
        out.println("OPEN");
        out.flush();
        try {
            saveAndSyncUntilKilled(app, random, out);
        } catch (RuntimeException e) {
            // Exit at once: H2's own threads would otherwise keep the JVM alive until the parent's timeout.
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void saveAndSyncUntilKilled(AppContext app, Random random, PrintStream out) throws InterruptedException {
        NoticeService notices = app.notices();
        NoticeHasher hasher = NoticeHasher.sha256();
        List<UUID> mine = new ArrayList<>(notices.search(NoticeQuery.all(TestStores.VILLAGE)).stream()
                .filter(s -> s.title().startsWith(TITLE_PREFIX)).map(NoticeSummary::id).toList());
        for (long n = 0; ; n++) {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                Notice saved;
                if (mine.isEmpty() || random.nextInt(100) < 40) {
                    saved = notices.save(newNotice(notices, TITLE_PREFIX + UUID.randomUUID(), random));
                    mine.add(saved.id());
                } else {
                    Notice current = notices.find(mine.get(random.nextInt(mine.size()))).orElseThrow();
                    saved = notices.save(current.withContent(SyncFixture.withBody(current, body(random))));
                }
                synchronized (out) {
                    out.println("SAVED " + saved.id() + " " + saved.revision() + " " + hasher.hash(saved.id(), saved.content()));
                    out.flush();
                }
            }
            SyncService.Result result = app.syncService().syncNow();
            synchronized (out) {
                out.println("SYNCED " + result.ok() + " " + result.rounds());
                out.flush();
            }
            if (!result.ok()) {
                System.err.println("sync failed: " + result.message());
                Thread.sleep(20);
            }
        }
    }

    static Notice newNotice(NoticeService notices, String title, Random random) {
        var item = TestStores.CATALOG.find("V13").orElseThrow();
        return notices.newDraft(TestStores.VILLAGE, item, new Period.Quarter(2026, 1 + random.nextInt(4)), title, body(random));
    }

    /**
     * Mostly short bodies; one in eight is 8,000-12,000 characters (~24-36 KB of UTF-8), so the
     * requests vary in size (client B's large notices make the answers come in pages).
     */
    static String body(Random random) {
        String[] parts = {"本季度宅基地审批三户，均已公示。", "村民建房申请经村务监督委员会审核。", "如有异议请于十日内反映。",
            "审批结果张贴于村务公开栏。"};
        int length = random.nextInt(8) == 0 ? 8_000 + random.nextInt(4_000) : 40 + random.nextInt(400);
        StringBuilder b = new StringBuilder(length + 20);
        while (b.length() < length) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        return b.toString();
    }

    /** The broken variant: the request's entries are deleted once prepared, before any answer. */
    static void forgetSentEntries(AppContext app) {
        app.database().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM outbox WHERE state = 'SENT'");
            }
            return null;
        });
        app.database().forceToDisk();
    }

    /** Parked inside the step (a database transaction may be open) until the parent's SIGKILL. */
    private static void waitForTheKill() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting: only the kill ends this process
            }
        }
    }

    /** Loads H2, Jackson, the services and the HTTP client on a throw-away store so the real open after GO is quick. */
    private static void warmUp(Random random) throws Exception {
        Path scratch = Files.createTempDirectory("sanwu-sync-warmup");
        try (AppContext app = new AppContext(scratch, Clock.systemUTC())) {
            Notice saved = app.notices().save(newNotice(app.notices(), "warm-up", random));
            app.notices().save(saved.withContent(SyncFixture.withBody(saved, "warm")));
            NoticeHasher.sha256().hash(saved.id(), saved.content());
            app.syncService().syncNow(); // not enrolled: answers at once, loads the classes
            new SyncTransport("http://127.0.0.1:9", java.time.Duration.ofMillis(200));
        }
        try (var files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
