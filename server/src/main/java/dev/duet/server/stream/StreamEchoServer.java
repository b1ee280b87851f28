package dev.duet.server.stream;

import dev.duet.common.LogText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article's echo server for both stream transports: everything a client sends comes back,
 * unchanged and in order. TCP and Unix-domain sockets are both {@link SocketChannel}s, so one
 * selector loop serves either.
 *
 * <p>Each connection owns one fixed buffer. While a client is not reading its echo, the server
 * stops reading from it, so memory per connection stays bounded and a slow or vanished client
 * never holds up the others.
 */
public final class StreamEchoServer implements AutoCloseable {
    static final int BUFFER_BYTES = 16 * 1024;
    private static final int LOGGED_CHARS = 200;
    private static final int BACKLOG = 1024;

    private final StreamServerConfig config;
    private final ServerSocketChannel listener;
    private final UnixSocketFile socketFile;
    private final Selector selector;
    private final Logger log;
    private final Thread loop;
    private volatile boolean running = true;
    private int open;
    private long lastId;

    private StreamEchoServer(StreamServerConfig config, ServerSocketChannel listener, UnixSocketFile socketFile)
            throws IOException {
        this.config = config;
        this.listener = listener;
        this.socketFile = socketFile;
        this.selector = Selector.open();
        this.log = LoggerFactory.getLogger(config.isUnix() ? "unix" : "tcp");
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "duet-" + (config.isUnix() ? "unix" : "tcp") + "-echo");
    }

    public static StreamEchoServer start(StreamServerConfig config) throws IOException {
        ServerSocketChannel listener;
        UnixSocketFile socketFile = null;
        if (config.address() instanceof UnixDomainSocketAddress unix) {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                socketFile = UnixSocketFile.bind(listener, unix.getPath(), config.socketMode(), BACKLOG);
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        } else {
            listener = ServerSocketChannel.open();
            try {
                listener.bind(config.address(), BACKLOG);
            } catch (IOException e) {
                listener.close();
                throw e;
            }
        }
        StreamEchoServer server = new StreamEchoServer(config, listener, socketFile);
        server.loop.start();
        return server;
    }

    /** The socket path, or the TCP address with the port actually bound. */
    public SocketAddress address() throws IOException {
        return socketFile != null ? UnixDomainSocketAddress.of(socketFile.path()) : listener.getLocalAddress();
    }

    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        serve(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("echo loop stopped: {}", e.toString());
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = listener.accept();
        if (channel == null) {
            return;
        }
        long id = ++lastId;
        String peer = peerName(channel);
        if (open >= config.maxConnections()) {
            log.warn("#{} refused from {}: connection limit ({}) reached", id, peer, config.maxConnections());
            channel.close();
            return;
        }
        channel.configureBlocking(false);
        if (!config.isUnix()) {
            // an echo answers at once: Nagle's algorithm would hold back a partial segment until
            // the client's delayed ACK, ~40 ms a round trip for messages over one buffer
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        channel.register(selector, SelectionKey.OP_READ, new Connection(id, ByteBuffer.allocateDirect(BUFFER_BYTES)));
        open++;
        log.info("#{} socket connected from {}", id, peer);
    }

    private void serve(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = connection.buffer;
        try {
            if (key.isReadable()) {
                int n = channel.read(buffer);
                if (n < 0) {
                    // the client finished sending; as Node's default, the server ends too
                    disconnect(key, null);
                    return;
                }
                if (n == 0) {
                    return;
                }
                buffer.flip();
                if (!config.quiet()) {
                    log.info("#{} receive: {}", connection.id, printable(buffer));
                }
            }
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                // the client is not keeping up: stop reading from it until it has taken its echo
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            if (!config.quiet()) {
                buffer.flip();
                log.info("#{} send: {}", connection.id, printable(buffer));
            }
            buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            disconnect(key, e);
        }
    }

    private void disconnect(SelectionKey key, IOException error) {
        Connection connection = (Connection) key.attachment();
        if (error != null) {
            log.info("#{} socket error: {}", connection.id, error.getMessage());
        }
        closeQuietly(key);
        open--;
        log.info("#{} socket disconnected", connection.id);
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

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Stops accepting, closes every connection, removes the socket file. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        loop.join();
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        if (socketFile != null) {
            socketFile.remove();
        }
    }

    private record Connection(long id, ByteBuffer buffer) {
    }
}
