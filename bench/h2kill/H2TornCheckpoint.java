import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2-only reproduction (no Sanwu code) of a transaction surviving a SIGKILL half-applied.
 * A child JVM runs writer threads; each commits one transaction touching four tables
 * (8 threads; UPDATE counter, INSERT entity, INSERT feed, INSERT record with a UUID key) and then runs
 * CHECKPOINT SYNC, as the Sanwu server does. The parent SIGKILLs the child 50-550 ms after its writers are connected,
 * reopens the file and checks all-or-nothing: counter = rows of each table; and that no counter
 * value a writer had committed and then CHECKPOINT SYNCed (printed as ACK) was lost.
 *
 * Usage: javac -cp h2.jar -d OUT H2TornCheckpoint.java; java -cp h2.jar:OUT H2TornCheckpoint KILLS SERIALIZE(true|false) [URL-SUFFIX] [seed]
 * SERIALIZE=true runs every write transaction and every CHECKPOINT SYNC under one JVM-wide lock.
 */
public final class H2TornCheckpoint {
    static final String DEFAULT_SUFFIX = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("child")) {
            child(args[1], Boolean.parseBoolean(args[2]));
            return;
        }
        int kills = Integer.parseInt(args[0]);
        boolean serialize = Boolean.parseBoolean(args[1]);
        String suffix = args.length > 2 ? args[2] : DEFAULT_SUFFIX;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("h2torn");
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + suffix;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counter(id INT PRIMARY KEY, n BIGINT NOT NULL)");
            s.execute("CREATE TABLE entity(id UUID PRIMARY KEY, v VARCHAR(200) NOT NULL)");
            s.execute("CREATE TABLE feed(seq BIGINT PRIMARY KEY, id UUID NOT NULL, v VARCHAR(200) NOT NULL)");
            s.execute("CREATE TABLE record(id UUID PRIMARY KEY, seq BIGINT NOT NULL)");
            for (int i = 0; i < 2; i++) {
                s.execute("INSERT INTO counter VALUES (" + i + ", 0)");
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int torn = 0;
        int tornFrom = -1;
        long lastOff = 0;
        int lossKills = 0;
        java.util.Map<Integer, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
        System.out.printf("seed=%d kills=%d serialize=%b url-suffix=%s%n", seed, kills, serialize, suffix);
        for (int k = 0; k < kills; k++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "H2TornCheckpoint", "child", url, String.valueOf(serialize));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            String line = out.readLine(); // READY once every writer has its connection
            if (!"READY".equals(line)) {
                throw new IllegalStateException("child: " + line);
            }
            Thread reader = new Thread(() -> {
                try {
                    for (String l; (l = out.readLine()) != null;) {
                        String[] f = l.split(" ");
                        if (f[0].equals("ACK")) {
                            acked.merge(Integer.parseInt(f[1]), Long.parseLong(f[2]), Math::max);
                        }
                    }
                } catch (java.io.IOException e) {
                    // child gone
                }
            });
            reader.start();
            Thread.sleep(50 + random.nextInt(500));
            p.toHandle().destroyForcibly();
            p.waitFor();
            reader.join();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                long counter = one(s, "SELECT SUM(n) FROM counter");
                long entity = one(s, "SELECT COUNT(*) FROM entity");
                long feed = one(s, "SELECT COUNT(*) FROM feed");
                long record = one(s, "SELECT COUNT(*) FROM record");
                // Once torn, the file stays torn: count the kills that added a new discrepancy.
                long off = Math.abs(counter - entity) + Math.abs(entity - feed) + Math.abs(feed - record);
                boolean ok = off == lastOff;
                if (!ok) {
                    torn++;
                    if (tornFrom < 0) {
                        tornFrom = k;
                    }
                }
                lastOff = off;
                // An acknowledged (committed + CHECKPOINT SYNC) counter value must survive the kill.
                for (var e : acked.entrySet()) {
                    long n = one(s, "SELECT n FROM counter WHERE id = " + e.getKey());
                    if (n < e.getValue()) {
                        lossKills++;
                        System.out.printf("kill %d: ACKNOWLEDGED LOST scope %d: acked %d, on disk %d%n", k, e.getKey(),
                                e.getValue(), n);
                        acked.put(e.getKey(), n); // report each loss once
                    }
                }
                System.out.printf("kill %d: counter %d entity %d feed %d record %d%s%n", k, counter, entity, feed, record,
                        ok ? "" : "  HALF-APPLIED");
            }
        }
        System.out.printf("H2-TORN seed=%d kills=%d serialize=%b kills-that-left-a-half-applied-transaction=%d (first at kill %d) rows-off-at-end=%d"
                + " kills-that-lost-acknowledged=%d%n", seed, kills, serialize, torn, tornFrom, lastOff, lossKills);
    }

    static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static final ReentrantLock LOCK = new ReentrantLock();
    static final int WRITERS = 8;

    static void child(String url, boolean serialize) throws Exception {
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(WRITERS);
        for (int t = 0; t < WRITERS; t++) {
            int scope = t % 2;
            Thread th = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    ready.countDown();
                    ready.await();
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    String pad = "x".repeat(150);
                    long mine = 0;
                    while (true) {
                        if (serialize) {
                            LOCK.lock();
                        }
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = " + scope);
                            try (ResultSet rs = s.executeQuery("SELECT n FROM counter WHERE id = " + scope)) {
                                rs.next();
                                mine = rs.getLong(1);
                            }
                            long seq;
                            try (ResultSet rs = s.executeQuery("SELECT SUM(n) FROM counter")) {
                                rs.next();
                                seq = rs.getLong(1) * 10 + scope; // unique per transaction
                            }
                            UUID id = UUID.randomUUID();
                            s.executeUpdate("INSERT INTO entity VALUES ('" + id + "', '" + pad + "')");
                            s.executeUpdate("INSERT INTO feed VALUES (" + seq + ", '" + id + "', '" + pad + "')");
                            s.executeUpdate("INSERT INTO record VALUES ('" + UUID.randomUUID() + "', " + seq + ")");
                            c.commit();
                        } finally {
                            if (serialize) {
                                LOCK.unlock();
                            }
                        }
                        if (serialize) {
                            LOCK.lock();
                        }
                        try (Statement s = c.createStatement()) {
                            s.execute("CHECKPOINT SYNC");
                            c.commit();
                        } finally {
                            if (serialize) {
                                LOCK.unlock();
                            }
                        }
                        // On disk now (committed, then CHECKPOINT SYNC): the parent expects it after the kill.
                        System.out.println("ACK " + scope + " " + mine);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                }
            });
            th.start();
            threads.add(th);
        }
        ready.await();
        System.out.println("READY");
        System.out.flush();
        for (Thread th : threads) {
            th.join();
        }
    }
}
