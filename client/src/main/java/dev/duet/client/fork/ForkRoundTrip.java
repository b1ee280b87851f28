package dev.duet.client.fork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.duet.client.RoundTrip;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM that echoes, and one message at a time sent to it and awaited back: a bench worker. */
public final class ForkRoundTrip implements RoundTrip {
    private static final JsonNode CLOSED = NullNode.getInstance();

    private final Process child;
    private final MessageChannel channel;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final String message;
    private final long timeoutMillis;

    private ForkRoundTrip(Process child, String message, long timeoutMillis) {
        this.child = child;
        this.message = message;
        this.timeoutMillis = timeoutMillis;
        this.channel =
                MessageChannel.open(child.getInputStream(), child.getOutputStream(), new MessageChannel.Listener() {
                    @Override
                    public void onMessage(JsonNode reply) {
                        replies.add(reply);
                    }

                    @Override
                    public void onClosed() {
                        replies.add(CLOSED);
                    }
                });
    }

    /** Starts a child JVM and returns once it says it is ready, so its start is not in any round trip. */
    public static ForkRoundTrip start(String message, Duration timeout) throws IOException {
        ForkRoundTrip roundTrip = new ForkRoundTrip(ChildJvm.start(EchoChild.class), message, timeout.toMillis());
        try {
            roundTrip.reply("the child did not say it was ready within " + timeout.toMillis() + " ms");
            return roundTrip;
        } catch (IOException e) {
            roundTrip.close();
            throw e;
        }
    }

    @Override
    public void once() throws IOException {
        channel.send(message);
        reply("no answer from the child within " + timeoutMillis + " ms");
    }

    /** Waits for the child's next message; {@code silence} is what a timeout says. */
    private void reply(String silence) throws IOException {
        JsonNode reply;
        try {
            reply = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (reply == null) {
            throw new IOException(silence);
        }
        if (reply == CLOSED) {
            throw new IOException("the child closed the channel");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
