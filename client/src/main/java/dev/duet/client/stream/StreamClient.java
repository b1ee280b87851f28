package dev.duet.client.stream;

import static dev.duet.client.Failure.Kind.BROKEN_ANSWER;
import static dev.duet.client.Failure.Kind.CANNOT_CONNECT;
import static dev.duet.client.Failure.Kind.ECHO_MISMATCH;
import static dev.duet.client.Failure.Kind.TIMEOUT;
import static dev.duet.client.Failure.Kind.UNKNOWN_HOST;

import dev.duet.client.Failure;
import dev.duet.common.Durations;
import dev.duet.common.FixedRate;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The article's TCP and Unix-socket client: connects, sends the message on an interval, prints
 * each echo. It returns when every echo came back whole; otherwise it throws what went wrong.
 */
public final class StreamClient {
    private final StreamClientConfig config;
    private final PrintStream out;

    public StreamClient(StreamClientConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public void run() throws InterruptedException, Failure {
        byte[] message = config.message().getBytes(StandardCharsets.UTF_8);
        String shown = LogText.escape(config.message(), 200);
        try (TimedChannel channel = connect()) {
            out.println("connected.");
            FixedRate rate = new FixedRate(config.interval());
            for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
                rate.awaitTick();
                out.println("send: " + shown);
                channel.writeFully(ByteBuffer.wrap(message));
                ByteBuffer echo = ByteBuffer.allocate(message.length);
                boolean whole = channel.readFully(echo);
                if (!whole) {
                    out.println("disconnected.");
                    throw new Failure(
                            ECHO_MISMATCH, config.name() + " closed the connection before echoing every byte");
                }
                String received = new String(echo.array(), StandardCharsets.UTF_8);
                out.println("receive: " + LogText.escape(received, 200));
                if (!Arrays.equals(echo.array(), message)) {
                    throw new Failure(ECHO_MISMATCH, "the echo from " + config.name() + " differs from what was sent");
                }
            }
            boolean clean = channel.finish();
            out.println("disconnected.");
            if (!clean) {
                throw new Failure(ECHO_MISMATCH, config.name() + " sent more than was echoed");
            }
        } catch (SocketTimeoutException e) {
            throw new Failure(
                    TIMEOUT,
                    "no answer from " + config.name() + " within " + Durations.format(config.timeout()) + " (timeout)");
        } catch (IOException e) {
            throw new Failure(BROKEN_ANSWER, "connection to " + config.name() + " failed: " + e.getMessage());
        }
    }

    private TimedChannel connect() throws IOException, Failure {
        try {
            return TimedChannel.connect(config.address(), config.timeout());
        } catch (UnknownHostException e) {
            throw new Failure(UNKNOWN_HOST, "unknown host " + e.getMessage() + " (" + config.name() + ")");
        } catch (SocketTimeoutException e) {
            throw new Failure(
                    TIMEOUT,
                    "cannot connect to " + config.name() + " within " + Durations.format(config.timeout())
                            + " (timeout)");
        } catch (SocketException e) {
            // refused, no route; for Unix sockets also no such file, permission denied
            String why = e.getMessage() == null ? "connection refused" : e.getMessage();
            throw new Failure(
                    CANNOT_CONNECT,
                    "cannot connect to " + config.name() + ": "
                            + why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1));
        }
    }
}
