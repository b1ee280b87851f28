package dev.duet.server.stream;

import dev.duet.common.LogText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article's echo server for both stream transports: everything a client sends comes back,
 * unchanged and in order. TCP and Unix-domain sockets are both {@link SocketChannel}s, so one
 * accept loop serves either.
 *
 * <p>Each connection has its own thread, blocked in {@code read()} and {@code write()}: for an echo,
 * that is the fewest system calls and wake-ups a round trip can take. A selector loop, or virtual
 * threads (which wait on one), measured about 15% fewer small-message round trips over a Unix socket.
 * Each thread has one fixed buffer and the number of connections is capped, so memory stays
 * bounded, at about 85 KiB a connection (bench/connections.sh). A client that stops reading its
 * echo blocks only its own thread's {@code write()}, so it never holds up the others.
 */
public final class StreamEchoServer implements AutoCloseable {
    static final int BUFFER_BYTES = 16 * 1024;
    // less address space than the default 1 MiB: the echo loop and its logging stay shallow
    private static final long STACK_BYTES = 256 * 1024;
    private static final long ACCEPT_RETRY_MILLIS = 100;
    private static final int LOGGED_CHARS = 200;

    private final StreamServerConfig config;
    private final ServerSocketChannel listener;
    private final UnixSocketFile socketFile;
    private final Logger log;
    private final String transport;
    private final Thread acceptor;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private StreamEchoServer(StreamServerConfig config, ServerSocketChannel listener, UnixSocketFile socketFile) {
        this.config = config;
        this.listener = listener;
        this.socketFile = socketFile;
        this.transport = config.isUnix() ? "unix" : "tcp";
        this.log = LoggerFactory.getLogger(transport);
        this.acceptor = new Thread(this::acceptLoop, "duet-" + transport + "-accept");
    }

    public static StreamEchoServer start(StreamServerConfig config) throws IOException {
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
        StreamEchoServer server = new StreamEchoServer(config, listener, socketFile);
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
            Connection connection = new Connection(++lastId, channel);
            String peer = peerName(channel);
            if (open.size() >= config.maxConnections()) {
                log.warn(
                        "#{} refused from {}: connection limit ({}) reached",
                        connection.id,
                        peer,
                        config.maxConnections());
                closeQuietly(channel);
                continue;
            }
            open.add(connection);
            log.info("#{} socket connected from {}", connection.id, peer);
            Thread thread =
                    new Thread(null, () -> serve(connection), "duet-" + transport + "-" + connection.id, STACK_BYTES);
            thread.setDaemon(true); // close() ends every connection; none should keep the JVM alive
            try {
                thread.start();
            } catch (OutOfMemoryError e) {
                // the system's limit on threads is below --max-connections: refuse this one, serve the rest
                open.remove(connection);
                log.warn("#{} refused from {}: no thread for it ({})", connection.id, peer, e.getMessage());
                closeQuietly(channel);
            }
        }
    }

    private void serve(Connection connection) {
        SocketChannel channel = connection.channel;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try {
            if (!config.isUnix()) {
                // an echo answers at once: Nagle's algorithm would hold back a partial segment until
                // the client's delayed ACK, ~40 ms a round trip for messages over one buffer
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            // read() returns -1 when the client finished sending; as Node's default, the server ends too
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                if (!config.quiet()) {
                    log.info("#{} receive: {}", connection.id, printable(buffer));
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer); // blocks while the client is not reading; no more is read meanwhile
                }
                if (!config.quiet()) {
                    buffer.flip();
                    log.info("#{} send: {}", connection.id, printable(buffer));
                }
                buffer.clear();
            }
        } catch (IOException e) {
            if (running) {
                log.info("#{} socket error: {}", connection.id, e.getMessage());
            }
        } finally {
            open.remove(connection); // first, so a client that saw the close finds its place free
            closeQuietly(channel);
            if (running) {
                log.info("#{} socket disconnected", connection.id);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String printable(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        byte[] copy = new byte[Math.min(view.remaining(), LOGGED_CHARS * 4)];
        view.get(copy);
        return LogText.escape(new String(copy, StandardCharsets.UTF_8), LOGGED_CHARS);
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
        for (Connection connection : open) {
            closeQuietly(connection.channel); // wakes its thread's read() or write()
        }
        if (socketFile != null) {
            socketFile.remove();
        }
    }

    private record Connection(long id, SocketChannel channel) {}
}
