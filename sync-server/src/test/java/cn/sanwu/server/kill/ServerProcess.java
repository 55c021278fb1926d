package cn.sanwu.server.kill;

import cn.sanwu.server.ServerKillChild;
import cn.sanwu.server.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@link ServerKillChild} as the parent sees it: warm-up, GO, the port it serves on, SIGKILL. */
final class ServerProcess {

    private static final Pattern STARTED = Pattern.compile("^event=started .*port=(\\d+).*");

    private final Process process;
    private final Path log;
    private final CountDownLatch waiting = new CountDownLatch(1);
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readLoop, "server-child-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ServerProcess start(Path configFile, boolean safe, Path log) throws IOException {
        ProcessBuilder pb = ChildJvm.builder(ServerKillChild.class, configFile.toString(), safe ? "SAFE" : "NO_FORCE_TO_DISK");
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ServerProcess(pb.start(), log);
    }

    /** Lets the warmed-up child start the server on the database; answers its address once it listens. */
    URI go() throws Exception {
        if (!waiting.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("server child never got ready\n" + logTail());
        }
        OutputStream in = process.getOutputStream();
        in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        try {
            return URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            kill();
            throw new AssertionError("server did not start\n" + logTail());
        }
    }

    /** SIGKILL: no shutdown hook, no pool close, no checkpoint. Waits until the process is gone. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.equals("WAITING")) {
                    waiting.countDown();
                }
                Matcher m = STARTED.matcher(line);
                if (m.matches()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
        port.completeExceptionally(new IOException("server child ended before it listened"));
    }

    private String logTail() {
        try {
            String all = Files.readString(log);
            return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
