package cn.sanwu.client.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.sanwu.client.app.DemoData;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import cn.sanwu.client.store.JsonMapping;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.testsupport.ChildJvm;
import cn.sanwu.server.SyncServer;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff PC's ticket queue against the real server on loopback and a real H2 file: steps taken
 * offline survive a SIGKILL and go out on the next sync; a step sent twice (its answer lost) is
 * applied once; a step on a ticket someone else closed meanwhile comes back as a conflict with
 * the server's message and is kept; a village account's cache holds only its questions.
 */
class TicketOutboxTest {

    static final String PASSWORD = "ticket-staff-password";

    @TempDir
    Path dir;
    SyncServer server;
    TicketService tickets;

    @BeforeEach
    void start() {
        server = cn.sanwu.client.testsupport.StaffServer.start(dir.resolve("server"));
        server.accounts().users().createUser("wang.fang", "王芳", Role.TOWNSHIP_REVIEWER, DemoData.TOWNSHIP, PASSWORD);
        server.accounts().users().createUser("li.ming", "李明", Role.TOWNSHIP_REVIEWER, DemoData.TOWNSHIP, PASSWORD);
        server.accounts().users().createUser("zhang.clerk", "张会计", Role.VILLAGE_CLERK, DemoData.VILLAGE, PASSWORD);
        tickets = new TicketService(server.database(), Clock.systemUTC(), server.accounts().regions());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String submit(TicketKind kind, String text) {
        return tickets.submit(new TicketService.Submission(DemoData.VILLAGE, kind, null, text, "赵六 13800000000", null));
    }

    private TicketClient login(String username) throws Exception {
        TicketClient client = new TicketClient(new SyncTransport("http://127.0.0.1:" + server.port(), Duration.ofSeconds(10)));
        client.login(username, PASSWORD);
        return client;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode text(String text) {
        return JsonMapping.mapper().createObjectNode().put("text", text);
    }

    @Test
    void queuedStepsSurviveAKillAndGoOutOnTheNextSync() throws Exception {
        String code = submit(TicketKind.QUESTION, "路灯坏了谁修？");
        Path pc = dir.resolve("pc");
        List<String> queued = runAndKill("durable", pc, code, 3);
        assertThat(queued).hasSize(3);

        try (Database db = Database.open(pc, Durability.SAFE)) {
            TicketStore store = new TicketStore(db);
            assertThat(lost(queued, store)).as("nothing queued before the kill is lost").isEmpty();
            TicketSync sync = new TicketSync(login("wang.fang"), store, Clock.systemUTC());
            TicketSync.Outcome outcome = sync.sync();
            assertThat(outcome.complete()).isTrue();
            assertThat(outcome.sent()).isEqualTo(3);
            assertThat(store.actions("wang.fang", TicketStore.QUEUED)).isEmpty();
            TicketItem t = store.cached("wang.fang").stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
            assertThat(t.reply()).isEqualTo("离线答复 2");
            assertThat(t.events()).extracting(TicketItem.Event::step).containsExactly("SUBMITTED", "REPLIED", "REPLIED",
                    "REPLIED");
        }
    }

    @Test
    void theLossCheckCatchesABrokenQueueThatKeepsStepsInMemoryOnly() throws Exception {
        String code = submit(TicketKind.QUESTION, "broken variant");
        Path pc = dir.resolve("pc-broken");
        List<String> queued = runAndKill("memory", pc, code, 3);
        try (Database db = Database.open(pc, Durability.SAFE)) {
            assertThat(lost(queued, new TicketStore(db))).hasSize(3);
        }
    }

    @Test
    void aStepWhoseAnswerWasLostIsSentAgainAndAppliedOnce() throws Exception {
        String code = submit(TicketKind.QUESTION, "低保怎么申请？");
        try (Database db = Database.open(dir.resolve("pc"), Durability.SAFE)) {
            TicketStore store = new TicketStore(db);
            TicketClient client = login("wang.fang");
            UUID id = store.queue("wang.fang", code, "reply", text("到村委会填表。"), java.time.Instant.now());
            assertThat(new TicketSync(client, store, Clock.systemUTC()).sync().sent()).isEqualTo(1);
            // The answer "never arrived": the PC still thinks the step is queued and sends it again.
            db.inTransaction(c -> {
                try (var ps = c.prepareStatement("UPDATE ticket_outbox SET state = 'QUEUED' WHERE action_id = ?")) {
                    ps.setObject(1, id);
                    return ps.executeUpdate();
                }
            });
            TicketSync.Outcome again = new TicketSync(client, store, Clock.systemUTC()).sync();
            assertThat(again.sent()).isEqualTo(1);
            assertThat(again.conflicts()).isZero();
            TicketItem t = store.cached("wang.fang").getFirst();
            assertThat(t.events()).extracting(TicketItem.Event::step).containsExactly("SUBMITTED", "REPLIED");
        }
    }

    @Test
    void aStepOnATicketClosedMeanwhileIsAConflictShownAndKept() throws Exception {
        String code = submit(TicketKind.QUESTION, "补贴什么时候发？");
        try (Database db = Database.open(dir.resolve("pc"), Durability.SAFE)) {
            TicketStore store = new TicketStore(db);
            TicketClient wang = login("wang.fang");
            new TicketSync(wang, store, Clock.systemUTC()).sync();
            store.queue("wang.fang", code, "verify", text("已电话核实。"), java.time.Instant.now()); // offline

            TicketClient li = login("li.ming"); // someone else, on another PC, answers and closes first
            li.send(code, "reply", text("下月 10 日发放。"));
            li.send(code, "close", JsonMapping.mapper().createObjectNode());

            TicketSync.Outcome outcome = new TicketSync(wang, store, Clock.systemUTC()).sync();
            assertThat(outcome.conflicts()).isEqualTo(1);
            List<TicketStore.Action> conflicts = store.actions("wang.fang", TicketStore.CONFLICT);
            assertThat(conflicts).singleElement().satisfies(a -> {
                assertThat(a.step()).isEqualTo("verify");
                assertThat(a.message()).contains("已办结");
                assertThat(a.payload().get("text").asText()).isEqualTo("已电话核实。");
            });
            assertThat(store.cached("wang.fang").getFirst().closed()).isTrue();
        }
    }

    @Test
    void aVillagePcCachesOnlyItsQuestionsMaskedAndNeverAContact() throws Exception {
        String question = submit(TicketKind.QUESTION, "我的电话 13912345678，问下修路");
        String problem = submit(TicketKind.PROBLEM, "反映村干部问题");
        try (Database db = Database.open(dir.resolve("pc"), Durability.SAFE)) {
            TicketStore store = new TicketStore(db);
            assertThat(new TicketSync(login("zhang.clerk"), store, Clock.systemUTC()).sync().tickets()).isEqualTo(1);
            assertThat(store.cached("zhang.clerk")).extracting(TicketItem::code).containsExactly(question);
            String everything = db.read(c -> {
                StringBuilder sb = new StringBuilder();
                try (var ps = c.prepareStatement("SELECT ticket_json FROM ticket_cache"); var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1));
                    }
                }
                return sb.toString();
            });
            assertThat(everything).doesNotContain(problem, "反映村干部问题", "13912345678", "13800000000", "赵六");
        }
    }

    /** Runs the child, reads its QUEUED lines, then SIGKILLs it (no shutdown hook, no clean close). */
    private static List<String> runAndKill(String mode, Path pc, String code, int n) throws Exception {
        Process p = ChildJvm.builder(TicketQueueMain.class, mode, pc.toString(), "wang.fang", code, String.valueOf(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> queued = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("END"); line = out.readLine()) {
                if (line.startsWith("QUEUED ")) {
                    queued.add(line.substring(7));
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        return queued;
    }

    /** The action ids the child reported as queued that the store does not hold. */
    private static Set<String> lost(List<String> reported, TicketStore store) {
        Set<String> stored = new HashSet<>();
        store.actions("wang.fang", null).forEach(a -> stored.add(a.actionId().toString()));
        Set<String> lost = new HashSet<>(reported);
        lost.removeAll(stored);
        return lost;
    }
}
