package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Child-JVM main of the server kill test ({@code cn.sanwu.server.kill.ServerKillTest}). Warms up
 * (a throw-away server on a scratch H2 file answers one request), prints {@code WAITING}, and on
 * {@code GO} from the parent runs the real server entry point, {@code Main serve --config FILE},
 * which prints {@code event=started … port=N} and serves until it is SIGKILLed.
 * Args: configFile mode — {@code SAFE}, or {@code NO_FORCE_TO_DISK}: the deliberately broken
 * variant (H2 acknowledges without {@code CHECKPOINT SYNC}), started through
 * {@link SyncServer#create(ServerConfig, Clock, boolean)} because no configuration selects it.
 */
public final class ServerKillChild {

    private ServerKillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path configFile = Path.of(args[0]);
        boolean safe = args[1].equals("SAFE");
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        warmUp();
        out.println("WAITING");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            return; // parent gave up on this child
        }
        if (safe) {
            System.exit(Main.run(new String[] {"serve", "--config", configFile.toString()}, System.in, out, System.err));
        }
        ServerConfig config = ServerConfig.load(Optional.of(configFile), Map.of());
        SyncServer server = SyncServer.create(config, Clock.systemUTC(), false).start();
        out.println("event=started bind=" + config.bindAddress() + " port=" + server.port() + " (NO_FORCE_TO_DISK)");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Loads Javalin, Jetty, Hikari, H2 and Jackson so the real start after GO is quick. */
    private static void warmUp() throws Exception {
        Path scratch = Files.createTempDirectory("sanwu-server-warmup");
        try (SyncServer server = SyncServer.create(ServerConfig.local(scratch, 0), Clock.systemUTC()).start()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        try (var files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
