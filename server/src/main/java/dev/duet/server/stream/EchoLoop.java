package dev.duet.server.stream;

import dev.duet.common.LogText;
import dev.duet.server.Instance;
import dev.duet.server.metrics.Metrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * One thread that echoes for many connections: it waits on a selector, and for each connection
 * with bytes to read, reads them and writes them straight back.
 *
 * <p>An idle connection costs no thread and no buffer: the thread reads into one buffer of its own
 * and writes from it at once. Only when a client is not reading its echo (the kernel takes less
 * than was read) does the rest wait in a buffer of that connection's own, and the loop stops
 * reading from it until that is written — so memory per connection stays bounded and a slow or
 * vanished client never holds up the others.
 */
final class EchoLoop implements Runnable {
    static final int BUFFER_BYTES = 16 * 1024;
    private static final int LOGGED_CHARS = 200;

    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final boolean quiet;
    private final Logger log;
    private final Metrics.Transport metrics;
    private volatile boolean running = true;
    /** False once the loop has stopped, however: it takes no more connections. */
    private volatile boolean serving = true;

    EchoLoop(boolean quiet, Logger log, String transport, Instance instance) throws IOException {
        this.selector = Selector.open();
        this.quiet = quiet;
        this.log = log;
        this.metrics = instance.metrics().transport(transport);
    }

    /** One client's state; its buffer exists only while an echo waits for the client to read it. */
    private static final class Connection {
        final ConnectionRecord record;
        ByteBuffer unsent;
        String unsentText;

        Connection(ConnectionRecord record) {
            this.record = record;
        }
    }

    /** Whether the loop still echoes, and so may be handed connections. */
    boolean serving() {
        return serving;
    }

    /** Hands a newly accepted connection to this loop; callable from any thread. */
    void add(SocketChannel channel, ConnectionRecord record) throws IOException {
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, new Connection(record));
        selector.wakeup(); // a select already under way does not see the new key
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this::ready);
            }
        } catch (IOException | RuntimeException e) {
            log.error("echo loop stopped: {}", e.toString());
        } finally {
            serving = false;
            // every connection the loop held ends with it, and is counted as ended, whatever stopped it
            for (SelectionKey key : selector.keys()) {
                try {
                    end(key, (Connection) key.attachment());
                } catch (RuntimeException e) {
                    log.error("#{} ending: {}", ((Connection) key.attachment()).record.id, e.toString());
                }
            }
            closeQuietly(selector);
        }
    }

    /** Stops the loop; it closes every connection it serves on its way out. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    private void ready(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (connection.unsent != null) {
                flush(key, connection, channel);
            } else {
                echo(key, connection, channel);
            }
        } catch (IOException e) {
            if (running) {
                log.info("#{} socket error: {}", connection.record.id, e.getMessage());
            }
            end(key, connection);
        }
    }

    /** Reads what has arrived and sends it straight back. */
    private void echo(SelectionKey key, Connection connection, SocketChannel channel) throws IOException {
        buffer.clear();
        if (channel.read(buffer) < 0) {
            // as Node's server does by default: the client finished sending, so the server ends too
            end(key, connection);
            return;
        }
        buffer.flip();
        metrics.transferred(buffer.remaining(), 0);
        String text = quiet ? null : printable(buffer);
        if (!quiet) {
            log.info("#{} receive: {}", connection.record.id, text);
        }
        int sent = channel.write(buffer);
        connection.record.echoed(sent);
        metrics.transferred(0, sent);
        if (!buffer.hasRemaining()) {
            sent(connection, text);
            return;
        }
        // the client is not reading fast enough: keep the rest, and read nothing more until it is sent
        connection.unsent = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
        connection.unsentText = text;
        key.interestOps(SelectionKey.OP_WRITE);
    }

    /** Writes what a slow reader left; once all is sent, reads from it again. */
    private void flush(SelectionKey key, Connection connection, SocketChannel channel) throws IOException {
        int sent = channel.write(connection.unsent);
        connection.record.echoed(sent);
        metrics.transferred(0, sent);
        if (connection.unsent.hasRemaining()) {
            return;
        }
        sent(connection, connection.unsentText);
        connection.unsent = null;
        connection.unsentText = null;
        key.interestOps(SelectionKey.OP_READ);
    }

    private void sent(Connection connection, String text) {
        if (!quiet) {
            log.info("#{} send: {}", connection.record.id, text);
        }
    }

    private void end(SelectionKey key, Connection connection) {
        boolean first = connection.record.end(); // first, so a client that saw the close finds its place free
        closeQuietly(key);
        if (first && running) {
            log.info("#{} socket disconnected", connection.record.id);
        }
    }

    /** The first bytes as escaped text, for a log line: a client's bytes cannot forge one. */
    static String printable(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        byte[] copy = new byte[Math.min(view.remaining(), LOGGED_CHARS * 4)];
        view.get(copy);
        return LogText.escape(new String(copy, StandardCharsets.UTF_8), LOGGED_CHARS);
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
