package dev.duet.client.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A {@link SocketChannel}, TCP or Unix-domain, whose connect and reads give up after a timeout:
 * blocking channels have no read timeout, so this waits on a selector instead.
 */
final class TimedChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;

    private TimedChannel(SocketChannel channel, Selector selector, Duration timeout) {
        this.channel = channel;
        this.selector = selector;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    static TimedChannel connect(SocketAddress address, Duration timeout) throws IOException {
        SocketAddress target = address instanceof InetSocketAddress inet && inet.isUnresolved() ? resolve(inet) : address;
        SocketChannel channel = target instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = Selector.open();
        TimedChannel timed = new TimedChannel(channel, selector, timeout);
        try {
            channel.configureBlocking(false);
            if (!(target instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // each message goes at once
            }
            if (!channel.connect(target)) {
                timed.await(SelectionKey.OP_CONNECT);
                channel.finishConnect();
            }
            return timed;
        } catch (IOException | RuntimeException e) {
            timed.close();
            throw e;
        }
    }

    private static InetSocketAddress resolve(InetSocketAddress unresolved) throws UnknownHostException {
        InetSocketAddress resolved = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
        if (resolved.isUnresolved()) {
            throw new UnknownHostException(unresolved.getHostString());
        }
        return resolved;
    }

    void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /** Reads until {@code into} is full; returns false if the peer closed first. */
    boolean readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            }
        }
        return true;
    }

    /** Tells the peer we are done sending, then waits for it to close; true if it sent nothing more. */
    boolean finish() throws IOException {
        channel.shutdownOutput();
        ByteBuffer rest = ByteBuffer.allocate(1);
        return !readFully(rest);
    }

    private void await(int op) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            if (selector.select(timeoutMillis) == 0) {
                throw new SocketTimeoutException("timeout");
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            selector.close();
        }
    }
}
