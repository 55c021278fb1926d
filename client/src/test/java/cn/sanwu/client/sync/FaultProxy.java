package cn.sanwu.client.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 between the real client transport and the real sync server that
 * simulates a link and injects one fault per connection (ADR 0013). The link: every chunk (at most
 * one TCP segment, 1,460 bytes) leaves after the previous one finished, takes {@code bytes × 8 ÷
 * bandwidth} to serialise and arrives one-way-delay later; a new connection can send only after
 * one round trip (the TCP handshake the client did not have to wait for on loopback). It counts
 * connections, HTTP requests and bytes each way, so the link benchmark and the idle-cost
 * measurement read their numbers here. Kernel-level effects (slow start, Nagle, delayed ACKs,
 * packet headers) are not simulated; the benchmark accounts for headers separately.
 */
final class FaultProxy implements AutoCloseable {

    /** What happens to one connection. */
    enum Fault {
        /** Forwarded over the base link. */
        NONE,
        /** Extra one-way delay on top of the base link. */
        LATENCY,
        /** The bandwidth limit of {@link Settings#slowBitsPerSecond} instead of the base link's. */
        BANDWIDTH,
        /** The server answered (so committed); the client gets no byte of it, the connection closes. */
        DROP_RESPONSE,
        /** The answer's headers and part of its body reach the client, then the connection closes. */
        TRUNCATE_RESPONSE,
        /** The answer's headers and part of its body reach the client, then nothing more; the connection stays open. */
        STALL_RESPONSE,
        /** TCP reset (RST) after a random prefix of the upload: the server may or may not have the whole request. */
        RESET_UPLOAD,
        /** TCP reset when the answer starts: the server committed, the client sees a reset. */
        RESET_RESPONSE,
        /** Accepted, read, never forwarded, never answered: only the client's timeout ends it. */
        BLACKHOLE
    }

    /** The simulated link: one-way delay and bandwidth (0 = unlimited) in each direction. */
    record Link(long oneWayDelayMillis, long bitsPerSecond) {
        static final Link LOOPBACK = new Link(0, 0);

        long roundTripMillis() {
            return 2 * oneWayDelayMillis;
        }
    }

    /** Parameters of the slow faults: the extra delay of {@link Fault#LATENCY} and the limit of {@link Fault#BANDWIDTH}. */
    record Settings(long extraDelayMillis, long slowBitsPerSecond) {
    }

    /** Decides the fault of each new connection (numbered from 1). */
    @FunctionalInterface
    interface Plan {
        Fault next(int connection);

        Plan NONE = n -> Fault.NONE;

        /** {@code share} of connections get a fault, each kind equally likely; seeded, so a run can be replayed. */
        static Plan random(Random random, double share) {
            Fault[] faults = {Fault.LATENCY, Fault.BANDWIDTH, Fault.DROP_RESPONSE, Fault.TRUNCATE_RESPONSE,
                Fault.STALL_RESPONSE, Fault.RESET_UPLOAD, Fault.RESET_RESPONSE, Fault.BLACKHOLE};
            return n -> random.nextDouble() < share ? faults[random.nextInt(faults.length)] : Fault.NONE;
        }
    }

    /** Totals since the last {@link #resetCounters()}. */
    record Counters(int connections, int requests, long bytesUp, long bytesDown, Map<Fault, Integer> faults) {
    }

    private static final int SEGMENT = 1460;
    private static final byte[] REQUEST_LINE_END = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final Settings settings;
    private final ServerSocket listener;
    private final List<Socket> open = new ArrayList<>();
    private final Random cuts;
    private volatile Link link;
    private volatile Plan plan = Plan.NONE;
    private volatile boolean closed;
    private volatile boolean capture;
    private final List<Captured> captured = new ArrayList<>();

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);

    FaultProxy(int targetPort, Link link, Settings settings, long seed) throws IOException {
        this.targetPort = targetPort;
        this.link = link;
        this.settings = settings;
        this.cuts = new Random(seed);
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void plan(Plan plan) {
        this.plan = plan;
    }

    void link(Link link) {
        this.link = link;
    }

    /** The bytes of one connection each way, kept while {@link #capture(boolean)} is on. */
    record Captured(java.io.ByteArrayOutputStream up, java.io.ByteArrayOutputStream down) {
    }

    /** Keeps every byte of the following connections (for the benchmark's header/body split). */
    void capture(boolean on) {
        capture = on;
    }

    List<Captured> captured() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    synchronized Counters counters() {
        return new Counters(connections.get(), requests.get(), bytesUp.get(), bytesDown.get(), new EnumMap<>(faults));
    }

    synchronized void resetCounters() {
        connections.set(0);
        requests.set(0);
        bytesUp.set(0);
        bytesDown.set(0);
        faults.clear();
        synchronized (captured) {
            captured.clear();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                int n = connections.incrementAndGet();
                Fault fault = plan.next(n);
                synchronized (this) {
                    faults.merge(fault, 1, Integer::sum);
                }
                new Connection(client, fault, randomCut()).start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: " + e);
                }
            }
        }
    }

    private synchronized double randomCut() {
        return cuts.nextDouble();
    }

    /** One client connection, its upstream socket (absent for a blackhole) and the fault applied to it. */
    private final class Connection {
        private final Socket client;
        private final Fault fault;
        private final double cut;
        private final Link connectionLink;
        private Socket server;
        private long uploaded;
        private boolean answerStarted;
        private byte[] heldAnswer = new byte[0];
        private final byte[] requestWindow = new byte[REQUEST_LINE_END.length - 1];
        private int windowLength;
        private final Captured bytes;

        Connection(Socket client, Fault fault, double cut) {
            this.bytes = capture ? new Captured(new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream()) : null;
            if (bytes != null) {
                synchronized (captured) {
                    captured.add(bytes);
                }
            }
            this.client = client;
            this.fault = fault;
            this.cut = cut;
            Link base = link;
            this.connectionLink = switch (fault) {
                case LATENCY -> new Link(base.oneWayDelayMillis() + settings.extraDelayMillis(), base.bitsPerSecond());
                case BANDWIDTH -> new Link(base.oneWayDelayMillis(), settings.slowBitsPerSecond());
                default -> base;
            };
        }

        void start() throws IOException {
            track(client);
            if (fault != Fault.BLACKHOLE) {
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                server.setTcpNoDelay(true);
                track(server);
            }
            // The handshake: the client's first byte leaves only after one round trip.
            long firstSend = System.nanoTime() + connectionLink.roundTripMillis() * 1_000_000;
            new Pipe("up", client, firstSend, this::deliverUp, this::endUp).start();
            if (server != null) {
                new Pipe("down", server, System.nanoTime(), this::deliverDown, this::endDown).start();
            }
        }

        /** Client → server bytes as they arrive over the link. */
        private synchronized void deliverUp(byte[] chunk) throws IOException {
            bytesUp.addAndGet(chunk.length);
            if (bytes != null) {
                bytes.up().write(chunk);
            }
            countRequests(chunk);
            if (fault == Fault.BLACKHOLE) {
                return;
            }
            if (fault == Fault.RESET_UPLOAD) {
                // Cut somewhere in the first 600 bytes: mostly inside the request, sometimes just after it.
                long allowed = (long) (cut * 600) - uploaded;
                if (allowed < chunk.length) {
                    if (allowed > 0) {
                        write(server, chunk, (int) allowed);
                    }
                    reset();
                    throw new IOException("reset");
                }
            }
            uploaded += chunk.length;
            write(server, chunk, chunk.length);
        }

        /** Server → client bytes as they arrive over the link. */
        private synchronized void deliverDown(byte[] chunk) throws IOException {
            switch (fault) {
                case DROP_RESPONSE -> {
                    closeQuietly(client);
                    closeQuietly(server);
                    throw new IOException("dropped");
                }
                case RESET_RESPONSE, RESET_UPLOAD -> {
                    // RESET_UPLOAD here: the cut fell after the whole request, so the reset meets the answer.
                    reset();
                    throw new IOException("reset");
                }
                case TRUNCATE_RESPONSE, STALL_RESPONSE -> {
                    if (!answerStarted) {
                        truncate(chunk);
                    }
                    return; // a stalled answer swallows the rest and leaves the connection open
                }
                default -> {
                }
            }
            answerStarted = true;
            bytesDown.addAndGet(chunk.length);
            if (bytes != null) {
                bytes.down().write(chunk);
            }
            write(client, chunk, chunk.length);
        }

        /** Holds the answer until its headers and some body are here, then passes on part of the body and closes. */
        private void truncate(byte[] chunk) throws IOException {
            byte[] all = new byte[heldAnswer.length + chunk.length];
            System.arraycopy(heldAnswer, 0, all, 0, heldAnswer.length);
            System.arraycopy(chunk, 0, all, heldAnswer.length, chunk.length);
            heldAnswer = all;
            int headerEnd = indexOf(all, HEADER_END, 0);
            if (headerEnd < 0 || all.length <= headerEnd + HEADER_END.length) {
                return;
            }
            int bodyStart = headerEnd + HEADER_END.length;
            int keep = bodyStart + (int) (cut * (all.length - bodyStart)); // strictly less than what arrived
            bytesDown.addAndGet(keep);
            write(client, all, keep);
            answerStarted = true;
            if (fault == Fault.TRUNCATE_RESPONSE) {
                closeQuietly(client);
                closeQuietly(server);
                throw new IOException("truncated");
            }
        }

        private void endUp() {
            if (server != null) {
                shutdownOutput(server);
            } else {
                closeQuietly(client);
            }
        }

        private void endDown() {
            if ((fault == Fault.TRUNCATE_RESPONSE || fault == Fault.STALL_RESPONSE) && !answerStarted) {
                closeQuietly(client); // the whole answer was shorter than one cut: still cut it
            }
            shutdownOutput(client);
        }

        private void reset() {
            try {
                client.setSoLinger(true, 0);
            } catch (IOException e) {
                // closing anyway
            }
            closeQuietly(client);
            if (server != null) {
                try {
                    server.setSoLinger(true, 0);
                } catch (IOException e) {
                    // closing anyway
                }
                closeQuietly(server);
            }
        }

        /** Counts request lines ("… HTTP/1.1\r\n"), also when one is split across chunks. */
        private void countRequests(byte[] chunk) {
            byte[] scan = new byte[windowLength + chunk.length];
            System.arraycopy(requestWindow, 0, scan, 0, windowLength);
            System.arraycopy(chunk, 0, scan, windowLength, chunk.length);
            for (int at = indexOf(scan, REQUEST_LINE_END, 0); at >= 0; at = indexOf(scan, REQUEST_LINE_END, at + 1)) {
                requests.incrementAndGet();
            }
            windowLength = Math.min(requestWindow.length, scan.length);
            System.arraycopy(scan, scan.length - windowLength, requestWindow, 0, windowLength);
        }

        /** Reads one direction, stamps each segment with its arrival time on the link, and delivers it then. */
        private final class Pipe {
            private final String name;
            private final Socket from;
            private final ChunkSink sink;
            private final Runnable end;
            private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            private long linkFreeAt;

            Pipe(String name, Socket from, long linkFreeAt, ChunkSink sink, Runnable end) {
                this.name = name;
                this.from = from;
                this.linkFreeAt = linkFreeAt;
                this.sink = sink;
                this.end = end;
            }

            void start() {
                daemon("fault-proxy-read-" + name, this::read);
                daemon("fault-proxy-deliver-" + name, this::deliver);
            }

            private void read() {
                byte[] buf = new byte[SEGMENT];
                try (InputStream in = from.getInputStream()) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        long now = System.nanoTime();
                        long bps = connectionLink.bitsPerSecond();
                        long serialise = bps <= 0 ? 0 : n * 8L * 1_000_000_000L / bps;
                        linkFreeAt = Math.max(now, linkFreeAt) + serialise;
                        queue.add(new Chunk(java.util.Arrays.copyOf(buf, n),
                                linkFreeAt + connectionLink.oneWayDelayMillis() * 1_000_000));
                    }
                } catch (IOException e) {
                    // closed by a fault or by the other side
                }
                queue.add(Chunk.END);
            }

            private void deliver() {
                try {
                    while (true) {
                        Chunk c = queue.take();
                        if (c == Chunk.END) {
                            end.run();
                            return;
                        }
                        for (long wait; (wait = c.arrivesAt() - System.nanoTime()) > 0;) {
                            LockSupport.parkNanos(wait);
                        }
                        sink.accept(c.bytes());
                    }
                } catch (IOException e) {
                    // the fault ended this connection, or the other side closed
                    closeQuietly(from);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] chunk) throws IOException;
    }

    private record Chunk(byte[] bytes, long arrivesAt) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private void track(Socket s) {
        synchronized (open) {
            open.removeIf(Socket::isClosed);
            open.add(s);
        }
    }

    private static void write(Socket to, byte[] bytes, int length) throws IOException {
        OutputStream out = to.getOutputStream();
        out.write(bytes, 0, length);
        out.flush();
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void shutdownOutput(Socket s) {
        try {
            if (!s.isClosed()) {
                s.shutdownOutput();
            }
        } catch (IOException e) {
            closeQuietly(s);
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        synchronized (open) {
            open.forEach(FaultProxy::closeQuietly);
            open.clear();
        }
    }

    static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
