package dev.duet.server.stream;

import dev.duet.server.Instance;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article's echo server for both stream transports: everything a client sends comes back,
 * unchanged and in order. TCP and Unix-domain sockets are both {@link SocketChannel}s, so one
 * server serves either.
 *
 * <p>One thread accepts; a few {@link EchoLoop}s (one per core, at most four) echo for all the
 * connections, each waiting on a selector. So the threads are fixed, whatever the number of
 * clients, and an idle connection costs a selector key and a few hundred bytes (10,000 idle
 * connections: bench/connections.sh). A thread per connection, blocked in {@code read()}, made
 * about a fifth more small-message round trips over a Unix socket, at ~85 KiB a connection.
 */
public final class StreamEchoServer implements AutoCloseable {
    private static final long ACCEPT_RETRY_MILLIS = 100;
    private static final int MAX_LOOPS = 4;

    private final StreamServerConfig config;
    private final ServerSocketChannel listener;
    private final UnixSocketFile socketFile;
    private final Logger log;
    private final String transport;
    private final Thread acceptor;
    private final List<EchoLoop> loops = new ArrayList<>();
    private final List<Thread> loopThreads = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Instance instance;
    private final Metrics.Transport metrics;
    /** TLS for every connection, or null for plain bytes. */
    private final ServerTls tls;

    private final Set<TlsEchoConnection> tlsConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private StreamEchoServer(
            StreamServerConfig config,
            ServerSocketChannel listener,
            UnixSocketFile socketFile,
            Instance instance,
            ServerTls tls)
            throws IOException {
        this.config = config;
        this.instance = instance;
        this.tls = tls;
        this.listener = listener;
        this.socketFile = socketFile;
        this.transport = config.isUnix() ? "unix" : "tcp";
        this.metrics = instance.metrics().transport(transport);
        this.log = LoggerFactory.getLogger(transport);
        this.acceptor = new Thread(this::acceptLoop, "duet-" + transport + "-accept");
        int count = Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < count; i++) {
            EchoLoop loop = new EchoLoop(config.quiet(), log, transport, instance);
            loops.add(loop);
            loopThreads.add(new Thread(loop, "duet-" + transport + "-echo-" + i));
        }
    }

    /** Starts listening, counting nothing: for tests and embedders. */
    public static StreamEchoServer start(StreamServerConfig config) throws IOException {
        return start(config, Instance.plain());
    }

    /**
     * Starts listening, reporting to {@code instance}'s metrics and inspector; TLS key material
     * that cannot be read is an {@link IOException} saying why.
     */
    public static StreamEchoServer start(StreamServerConfig config, Instance instance) throws IOException {
        ServerTls tls = null;
        if (config.tls().enabled()) {
            try {
                tls = ServerTls.load(config.tls(), instance.identity());
            } catch (IOException | GeneralSecurityException e) {
                throw new IOException("TLS: " + e.getMessage());
            }
        }
        ServerSocketChannel listener;
        UnixSocketFile socketFile = null;
        if (config.address() instanceof UnixDomainSocketAddress unix) {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                socketFile = UnixSocketFile.bind(listener, unix.getPath(), config.socketMode(), config.backlog());
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        } else {
            listener = ServerSocketChannel.open();
            try {
                listener.bind(config.address(), config.backlog());
            } catch (IOException e) {
                listener.close();
                throw e;
            }
        }
        StreamEchoServer server = new StreamEchoServer(config, listener, socketFile, instance, tls);
        server.loopThreads.forEach(Thread::start);
        server.acceptor.start();
        return server;
    }

    /** The socket path, or the TCP address with the port actually bound. */
    public SocketAddress address() throws IOException {
        return socketFile != null ? UnixDomainSocketAddress.of(socketFile.path()) : listener.getLocalAddress();
    }

    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void acceptLoop() {
        long lastId = 0;
        while (running) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                if (!running) {
                    return; // close() closed the listener
                }
                // usually out of file descriptors: existing connections go on, new ones wait
                log.error("accept failed: {}", e.toString());
                pause();
                continue;
            }
            long id = ++lastId;
            String peer = peerName(channel);
            if (open.incrementAndGet() > config.maxConnections()) {
                open.decrementAndGet();
                log.warn("#{} refused from {}: connection limit ({}) reached", id, peer, config.maxConnections());
                closeQuietly(channel);
                continue;
            }
            log.info("#{} socket connected from {}", id, peer);
            ConnectionRecord record =
                    new ConnectionRecord(id, peer, transport, metrics, instance.activity(), open::decrementAndGet);
            try {
                if (!config.isUnix()) {
                    // an echo answers at once: Nagle's algorithm would hold back a partial segment
                    // until the client's delayed ACK, ~40 ms a round trip for messages over a buffer
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                if (tls != null) {
                    startTls(channel, record);
                } else {
                    loopFor(id).add(channel, record);
                }
            } catch (IOException | RuntimeException e) {
                record.end();
                if (running) {
                    log.info("#{} socket error: {}", id, e.getMessage());
                }
                closeQuietly(channel);
            }
        }
    }

    /**
     * The loop for connection {@code id}: the loops take turns, and one that has stopped (it
     * failed) is passed over, so no connection is handed to a loop that would never serve it.
     *
     * @throws IOException when every loop has stopped
     */
    private EchoLoop loopFor(long id) throws IOException {
        for (int i = 0; i < loops.size(); i++) {
            EchoLoop loop = loops.get((int) ((id + i) % loops.size()));
            if (loop.serving()) {
                return loop;
            }
        }
        throw new IOException("no echo loop is running");
    }

    private void startTls(SocketChannel channel, ConnectionRecord record) throws IOException {
        SSLSocket socket = tls.wrap(channel.socket());
        TlsEchoConnection connection =
                new TlsEchoConnection(socket, record, config.quiet(), log, metrics, tlsConnections::remove);
        tlsConnections.add(connection);
        Thread thread = new Thread(connection, "duet-tls-" + record.id);
        thread.setDaemon(true);
        thread.start();
    }

    private void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String peerName(SocketChannel channel) {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            if (remote instanceof InetSocketAddress inet) {
                return inet.getAddress().getHostAddress() + ":" + inet.getPort();
            }
            // Unix-domain clients are usually unnamed
            String name = remote == null ? "" : remote.toString();
            return name.isEmpty() ? "a local process" : name;
        } catch (IOException e) {
            return "an unknown peer";
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Stops accepting, closes every connection, removes the socket file. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        try {
            listener.close(); // wakes the accept loop
        } catch (IOException ignored) {
            // nothing left to release
        }
        acceptor.join();
        tlsConnections.forEach(TlsEchoConnection::stop);
        loops.forEach(EchoLoop::stop);
        for (Thread thread : loopThreads) {
            thread.join();
        }
        if (socketFile != null) {
            socketFile.remove();
        }
    }
}
