package dev.duet.client.stream;

import dev.duet.client.RoundTrip;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One connection that sends the message and waits for its whole echo, again and again: a bench worker. */
public final class EchoRoundTrip implements RoundTrip {
    private final TimedChannel channel;
    private final byte[] message;
    private final ByteBuffer echo;

    private EchoRoundTrip(TimedChannel channel, byte[] message) {
        this.channel = channel;
        this.message = message;
        this.echo = ByteBuffer.allocate(message.length);
    }

    public static EchoRoundTrip connect(SocketAddress address, String message, Duration timeout) throws IOException {
        return new EchoRoundTrip(TimedChannel.connect(address, timeout), message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void once() throws IOException {
        channel.writeFully(ByteBuffer.wrap(message));
        echo.clear();
        if (!channel.readFully(echo)) {
            throw new IOException("the server closed the connection before echoing every byte");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
