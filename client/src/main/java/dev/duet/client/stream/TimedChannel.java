package dev.duet.client.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A {@link SocketChannel}, TCP or Unix-domain, whose connect, reads and writes give up after a
 * timeout. The channel blocks: a blocked {@code read()} is the fewest system calls a round trip
 * can take, where waiting on a selector cost about 15% of the small-message round trips over a
 * Unix socket. A {@link Watchdog} gives the blocking calls their timeout.
 */
final class TimedChannel implements EchoStream {
    private final SocketChannel channel;
    private final Watchdog watchdog;

    private TimedChannel(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.watchdog = new Watchdog(channel, timeout);
    }

    static TimedChannel connect(SocketAddress address, Duration timeout) throws IOException {
        SocketAddress target = address instanceof InetSocketAddress inet ? HostPort.resolve(inet) : address;
        SocketChannel channel = target instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        TimedChannel timed = new TimedChannel(channel, timeout);
        try {
            if (!(target instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // each message goes at once
            }
            timed.watchdog.guard(() -> channel.connect(target));
            return timed;
        } catch (SocketTimeoutException e) {
            timed.close();
            throw new SocketTimeoutException("Connect timed out"); // as the JDK says it of a socket's own connect
        } catch (IOException | RuntimeException e) {
            timed.close();
            throw e;
        }
    }

    @Override
    public void writeFully(ByteBuffer bytes) throws IOException {
        watchdog.guard(() -> {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return null;
        });
    }

    @Override
    public boolean readFully(ByteBuffer into) throws IOException {
        return watchdog.guard(() -> {
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public boolean finish() throws IOException {
        channel.shutdownOutput();
        ByteBuffer rest = ByteBuffer.allocate(1);
        return !readFully(rest);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            watchdog.close();
        }
    }
}
