package cn.sanwu.client.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-forwarding TCP proxy on 127.0.0.1 between the killed client and the real server, so the
 * parent can kill the client at moments the client itself cannot report: while its sync request
 * is on the wire ({@link Mode#KILL_IN_FLIGHT}: the server may or may not commit), and after the
 * server answered but before a byte of the answer reached the client ({@link Mode#HOLD_RESPONSE}:
 * the server has committed and forced to disk). It counts sync requests by their request line;
 * the JDK client does not pipeline, so the next bytes from the server on that connection are
 * that request's answer. Loopback only.
 */
final class KillProxy implements AutoCloseable {

    enum Mode { PASS, KILL_IN_FLIGHT, HOLD_RESPONSE }

    private static final byte[] SYNC_REQUEST_LINE = ("POST " + cn.sanwu.model.sync.SyncProtocol.PATH + " ")
            .getBytes(StandardCharsets.US_ASCII);

    private final int targetPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger syncRequests = new AtomicInteger();
    private volatile boolean closed;

    private Mode mode = Mode.PASS;
    private int armedAt;
    private long delayMillis;
    private Runnable kill;
    private boolean fired;

    KillProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "kill-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, the {@code nth} sync request triggers {@code kill} in the given way. */
    synchronized void arm(Mode mode, int nth, long delayMillis, Runnable kill) {
        this.mode = mode;
        this.armedAt = syncRequests.get() + nth;
        this.delayMillis = delayMillis;
        this.kill = kill;
        this.fired = false;
    }

    /** Back to plain forwarding; answers whether the armed trigger fired. Drops every connection of the killed client. */
    synchronized boolean disarm() {
        boolean result = fired;
        mode = Mode.PASS;
        kill = null;
        synchronized (open) {
            open.forEach(FaultProxy::closeQuietly);
            open.clear();
        }
        return result;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (open) {
                    open.add(client);
                    open.add(server);
                }
                Connection connection = new Connection(client, server);
                start("kill-proxy-up", connection::upstream);
                start("kill-proxy-down", connection::downstream);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("kill proxy: " + e);
                }
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Decides, for a sync request just seen, what happens; runs on that connection's upstream thread. */
    private synchronized Mode onSyncRequest() {
        int n = syncRequests.incrementAndGet();
        if (mode == Mode.PASS || n != armedAt || fired) {
            return Mode.PASS;
        }
        fired = true;
        if (mode == Mode.KILL_IN_FLIGHT) {
            Runnable k = kill;
            long delay = delayMillis;
            start("kill-proxy-timer", () -> {
                sleepQuietly(delay);
                k.run();
            });
        }
        return mode;
    }

    private synchronized Runnable killAction() {
        return kill == null ? () -> { } : kill;
    }

    private final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile boolean holdNextResponse;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void upstream() {
            byte[] window = new byte[0];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                byte[] buf = new byte[16384];
                for (int n; (n = in.read(buf)) > 0;) {
                    // Search the request line across chunk borders: keep the tail of the last chunk.
                    byte[] scan = new byte[window.length + n];
                    System.arraycopy(window, 0, scan, 0, window.length);
                    System.arraycopy(buf, 0, scan, window.length, n);
                    for (int at = FaultProxy.indexOf(scan, SYNC_REQUEST_LINE, 0); at >= 0; at = FaultProxy.indexOf(scan, SYNC_REQUEST_LINE, at + 1)) {
                        if (at + SYNC_REQUEST_LINE.length > window.length && onSyncRequest() == Mode.HOLD_RESPONSE) {
                            holdNextResponse = true;
                        }
                    }
                    int keep = Math.min(scan.length, SYNC_REQUEST_LINE.length - 1);
                    window = java.util.Arrays.copyOfRange(scan, scan.length - keep, scan.length);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the client was killed or the connection closed: nothing to forward any more
            } finally {
                FaultProxy.closeQuietly(server);
            }
        }

        void downstream() {
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                byte[] buf = new byte[16384];
                for (int n; (n = in.read(buf)) > 0;) {
                    if (holdNextResponse) {
                        // The server has answered (so committed); the client must never see it.
                        killAction().run();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                FaultProxy.closeQuietly(client);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        FaultProxy.closeQuietly(listener);
        disarm();
    }
}
