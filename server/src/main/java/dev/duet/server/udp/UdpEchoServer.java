package dev.duet.server.udp;

import dev.duet.common.LogText;
import dev.duet.server.Instance;
import dev.duet.server.metrics.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP echo: every datagram goes back to the address it came from, byte for byte, as fortio's
 * UDP echo and a Node {@code dgram} server that calls {@code send(msg, rinfo.port,
 * rinfo.address)} do.
 *
 * <p>One thread serves every sender: it waits on a selector, then reads each datagram that has
 * arrived into one buffer of its own and sends it straight back from there, so an echo allocates
 * nothing (the JDK keeps the sender's address while it is the same sender). The socket never
 * blocks: an echo the kernel cannot take at once (its send buffer full) is dropped and counted,
 * as the network itself would drop it, rather than holding up the next datagram.
 *
 * <p>The buffer is one byte longer than {@code --max-datagram}, so a datagram that fills it was
 * longer than that: it is counted and dropped, never echoed cut short (the kernel hands over only
 * what fits and discards the rest).
 */
public final class UdpEchoServer implements AutoCloseable {
    /** What the socket asks the system to hold of datagrams not yet read. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final Logger log = LoggerFactory.getLogger("udp");
    private final UdpServerConfig config;
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer;
    private final Metrics.Datagrams metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private long lastId;

    private UdpEchoServer(UdpServerConfig config, DatagramChannel channel, Selector selector, Instance instance) {
        this.config = config;
        this.channel = channel;
        this.selector = selector;
        this.buffer = ByteBuffer.allocateDirect(config.maxDatagram() + 1);
        this.metrics = instance.metrics().datagrams();
        this.thread = new Thread(this::run, "duet-udp-echo");
    }

    /** Starts listening, counting nothing: for tests and embedders. */
    public static UdpEchoServer start(UdpServerConfig config) throws IOException {
        return start(config, Instance.plain());
    }

    /** Binds the port and starts echoing, reporting to {@code instance}'s metrics. */
    public static UdpEchoServer start(UdpServerConfig config, Instance instance) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        Selector selector = null;
        int granted;
        try {
            // a burst waits here while the thread is busy (a log line, a GC pause), rather than being
            // dropped by the system: 4 MiB, or less where net.core.rmem_max is lower
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            channel.bind(config.address());
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        UdpEchoServer server = new UdpEchoServer(config, channel, selector, instance);
        server.sayIfTheBufferIsCapped(granted);
        server.thread.start();
        return server;
    }

    /**
     * A stock Linux caps a socket's receive buffer at 208 KiB (net.core.rmem_max): a burst past it
     * is dropped before the server sees it, and reads on the client's side as loss on the path.
     */
    private void sayIfTheBufferIsCapped(int granted) {
        if (granted < RECEIVE_BUFFER) {
            log.warn(
                    "the system gave this socket a receive buffer of {} KiB, not {} MiB (net.core.rmem_max caps it):"
                            + " a burst beyond it is dropped before it is echoed; sysctl -w net.core.rmem_max={}"
                            + " lets it hold one",
                    granted / 1024,
                    RECEIVE_BUFFER >> 20,
                    RECEIVE_BUFFER);
        }
    }

    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void run() {
        Consumer<SelectionKey> ready = key -> drain(); // made once: select() with it keeps no set of keys
        try {
            while (running) {
                selector.select(ready);
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                log.error("udp echo stopped: {}", e.toString());
            }
        }
    }

    /** Echoes every datagram waiting, until none is left. */
    private void drain() {
        while (running) {
            buffer.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(buffer);
            } catch (ClosedChannelException closing) {
                return; // close() is under way
            } catch (IOException e) {
                // an error the system reports on the socket (an ICMP one, on some systems): the next datagram is served
                log.info("receive failed: {}", e.getMessage());
                return;
            }
            if (sender == null) {
                return;
            }
            buffer.flip();
            echo(++lastId, sender);
        }
    }

    /**
     * One line a datagram, after its echo is sent (the stream echo's two, receive and send, are apart
     * because a send may wait; here it never does): half the logging, which is what an echo with
     * its log on spends most on. Left out with --quiet, those of dropped datagrams too: the metrics
     * count them.
     */
    private void echo(long id, SocketAddress sender) {
        int size = buffer.remaining();
        metrics.received(size);
        if (size > config.maxDatagram()) {
            metrics.oversize();
            if (!config.quiet()) {
                log.info(
                        "#{} from {}: longer than --max-datagram {}: not echoed",
                        id,
                        peer(sender),
                        config.maxDatagram());
            }
            return;
        }
        String text = config.quiet() ? null : LogText.message(buffer);
        String dropped = null;
        try {
            if (channel.send(buffer, sender) == 0 && size > 0) { // an empty datagram sent is 0 bytes sent too
                dropped = "the send buffer is full";
            }
        } catch (IOException e) {
            // a sender the system will not send to (a broadcast address, no route back): the next one is served
            dropped = e.getMessage();
        }
        if (dropped != null) {
            metrics.sendFailed();
        } else {
            metrics.sent(size);
        }
        if (!config.quiet()) {
            if (dropped == null) {
                log.info("#{} echo to {}: {}", id, peer(sender), text);
            } else {
                log.info("#{} from {}: {} (not echoed: {})", id, peer(sender), text, dropped);
            }
        }
    }

    private static String peer(SocketAddress address) {
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }

    /** Stops echoing and releases the port. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join();
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
