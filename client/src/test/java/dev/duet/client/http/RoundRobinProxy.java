package dev.duet.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A round-robin TCP load balancer, as small as one can be: each connection it accepts goes to the
 * next backend in turn, and bytes are piped both ways, a thread for each. A backend that refuses is
 * passed on as a connection closed without an answer, as a balancer with no health checks does.
 */
public final class RoundRobinProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Integer> backends;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    private RoundRobinProxy(List<Integer> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::acceptAll);
    }

    /** A proxy to these loopback ports, in this order, round and round. */
    public static RoundRobinProxy to(Integer... backendPorts) throws IOException {
        return new RoundRobinProxy(List.of(backendPorts));
    }

    public int port() {
        return listener.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** The distinct source ports those connections came from. */
    int distinctClientPorts() {
        return clientPorts.size();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                clientPorts.add(client.getPort());
                int backend = backends.get(accepted.getAndIncrement() % backends.size());
                daemon("proxy-connect", () -> join(client, backend));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void join(Socket client, int backendPort) {
        Socket backend = new Socket();
        try {
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 5_000);
        } catch (IOException refused) {
            closeQuietly(client);
            closeQuietly(backend);
            return;
        }
        AtomicInteger open = new AtomicInteger(2);
        daemon("proxy-up", () -> pipe(client, backend, open));
        pipe(backend, client, open);
    }

    /** Copies until the end, passes the end on; closes both when both ways have ended or one fails. */
    private static void pipe(Socket from, Socket to, AtomicInteger open) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
            if (open.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException broken) {
            // a reset on either side ends both
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
