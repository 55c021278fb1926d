package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code [serve] [--config FILE]}, {@code --demo [--data-dir DIR]} and the
 * {@code admin …} commands (see README). Exit codes: 0 ok, 1 failure, 2 bad usage.
 */
public final class Main {

    /** The demo village (红旗村 in the client's demo) and the code its demo client enrolls with. */
    public static final String DEMO_VILLAGE = "219901101201";
    public static final String DEMO_CODE = "DEMO-2199";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of(argv));
        try {
            if (args.remove("--demo")) {
                Path dataDir = option(args, "--data-dir").map(Path::of)
                        .orElse(Path.of(System.getProperty("user.home"), ".local", "share", "sanwu-server-demo"));
                return serve(ServerConfig.local(dataDir, ServerConfig.DEFAULT_PORT), true, out);
            }
            Optional<Path> configFile = option(args, "--config").map(Path::of);
            ServerConfig config = ServerConfig.load(configFile, System.getenv());
            if (!args.isEmpty() && args.getFirst().equals("admin")) {
                return AdminCommand.run(args.subList(1, args.size()), config, in, out, err);
            }
            if (args.isEmpty() || (args.size() == 1 && args.getFirst().equals("serve"))) {
                return serve(config, false, out);
            }
            err.println("usage: Main [serve] [--config FILE] | --demo [--data-dir DIR] | [--config FILE] "
                    + AdminCommand.USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int serve(ServerConfig config, boolean demo, PrintStream out) throws InterruptedException {
        SyncServer server = SyncServer.create(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "sanwu-shutdown"));
        // SIGTERM (systemd, docker stop) and SIGINT are handled here, before any shutdown hook
        // runs: H2's own exit hook would otherwise race ours and close the database before the
        // requests in flight finished and before the file was compacted (ADR 0020).
        for (String signal : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.run());
            } catch (IllegalArgumentException unavailable) {
                // Not on this platform (Windows has no TERM): the shutdown hook still stops cleanly.
            }
        }
        if (demo) {
            server.devices().reissueFixedCode(DEMO_CODE, DEMO_VILLAGE);
            DemoAccounts.seed(server.accounts(), out);
        }
        server.start();
        out.println("event=started bind=" + config.bindAddress() + " port=" + server.port() + " dataDir=" + config.dataDir());
        if (demo) {
            out.println("demo: village " + DEMO_VILLAGE + " enrollment code " + DEMO_CODE + " (single use; reissued on every demo start)");
        }
        stopped.await();
        return 0;
    }

    /** Removes {@code --name VALUE} from {@code args} and answers VALUE. */
    static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return Optional.of(value);
    }
}
