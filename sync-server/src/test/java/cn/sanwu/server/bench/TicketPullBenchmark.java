package cn.sanwu.server.bench;

import cn.sanwu.server.SyncServer;
import cn.sanwu.server.account.User;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.feedback.TicketCategory;
import cn.sanwu.server.feedback.TicketKind;
import cn.sanwu.server.feedback.TicketService;
import cn.sanwu.server.testing.AccountFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The staff PC's ticket pull on loopback (docs/benchmarks.md "Ticket pull", ADR 0023): a township
 * with {@code n} tickets, each classified, verified and answered (4 steps besides the submission),
 * pulled by the township reviewer: bytes as sent with and without gzip, and the time of a pull
 * (median of 15 after 3 warm-ups). H2 file store in a temp directory. Not a test.
 * Usage: TicketPullBenchmark [tickets, default 1000]
 */
public final class TicketPullBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("sanwu-ticket-bench");
        try (SyncServer server = SyncServer.create(ServerConfig.local(dir, 0), Clock.systemUTC()).start()) {
            AccountFixture.create(server.accounts());
            TicketService tickets = new TicketService(server.database(), Clock.systemUTC(), server.accounts().regions());
            User reviewer = server.accounts().users().find("reviewer").orElseThrow();
            long seedStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String village = i % 2 == 0 ? AccountFixture.OWN_VILLAGE : AccountFixture.SIBLING_VILLAGE;
                String code = tickets.submit(new TicketService.Submission(village, i % 3 == 0 ? TicketKind.PROBLEM
                        : TicketKind.QUESTION, null, "第" + i + "件：村里修路的钱花在哪里了？请公布明细，谢谢。", null, null));
                tickets.steps().classify(reviewer, code, null, TicketCategory.POLICY_QUERY);
                tickets.steps().assign(reviewer, code, null, "reviewer");
                tickets.steps().verify(reviewer, code, null, "已查阅账目和凭证，支出与公示一致。");
                tickets.steps().reply(reviewer, code, null, "修路款 12.6 万元，明细已在本月财务公开中列出，欢迎监督。");
            }
            System.out.printf("seeded %d tickets (5 steps each) in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);
            String token = ((cn.sanwu.server.account.LoginService.Outcome.Success) server.accounts().logins()
                    .login("reviewer", AccountFixture.PASSWORD, "127.0.0.1")).session().token();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/tickets");
            for (boolean gzip : List.of(false, true)) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
                if (gzip) {
                    b.header("Accept-Encoding", "gzip");
                }
                LoopbackTiming t = LoopbackTiming.of(http, b.build());
                System.out.printf("pull of %d tickets, Accept-Encoding %s: %,d bytes (%s), median %.1f ms, max %.1f ms;"
                        + " at 128 kbit/s: %.1f s%n", n, gzip ? "gzip" : "none", t.bytes(), t.encoding(), t.medianMs(),
                        t.maxMs(), t.secondsAt(128_000));
            }
        }
    }
}
