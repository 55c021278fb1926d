package cn.sanwu.client.testsupport;

import cn.sanwu.client.app.SingleInstanceGuard;
import cn.sanwu.client.store.Database;
import cn.sanwu.client.store.Durability;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child-JVM helper for lock tests. {@code guard <dir>}: tries the single-instance lock and prints
 * HELD or BUSY; {@code db <dir>}: opens the database and prints HELD. Then holds on until stdin
 * closes (the parent ends it) or it is killed.
 */
public final class HolderMain {

    private HolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        AutoCloseable held;
        if (args[0].equals("guard")) {
            Optional<SingleInstanceGuard> guard = SingleInstanceGuard.tryAcquire(dir);
            System.out.println(guard.isPresent() ? "HELD" : "BUSY");
            System.out.flush();
            if (guard.isEmpty()) {
                return;
            }
            held = guard.get();
        } else {
            held = Database.open(dir, Durability.SAFE);
            System.out.println("HELD");
            System.out.flush();
        }
        while (System.in.read() >= 0) {
            // hold until the parent closes our stdin
        }
        held.close();
    }

    /** Starts a holder and waits for its first line (HELD or BUSY). */
    public static Holder start(String mode, Path dir) throws Exception {
        Process p = ChildJvm.builder(HolderMain.class, mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        return new Holder(p, first);
    }

    /** A running holder process and the line it answered with. */
    public record Holder(Process process, String answer) implements AutoCloseable {
        /** Orderly end: closing stdin makes the child release and exit. */
        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
