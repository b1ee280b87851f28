package dev.duet.client.stream;

import static dev.duet.client.ExitCodes.CANNOT_CONNECT;
import static dev.duet.client.ExitCodes.RECEIVE_ERROR;
import static dev.duet.client.ExitCodes.TIMEOUT;
import static dev.duet.client.ExitCodes.UNKNOWN_HOST;

import dev.duet.common.Cli;
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
import java.util.Locale;

/**
 * The article's TCP and Unix-socket client: connects, sends the message on an interval, prints
 * each echo. Exits 0 when every echo came back whole; otherwise one line and curl's codes.
 */
public final class StreamClient {
    private final StreamClientConfig config;
    private final PrintStream out;

    public StreamClient(StreamClientConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public int run() throws InterruptedException {
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
                    throw new Cli.Failure(
                            RECEIVE_ERROR, config.name() + " closed the connection before echoing every byte");
                }
                String received = new String(echo.array(), StandardCharsets.UTF_8);
                out.println("receive: " + LogText.escape(received, 200));
                if (!java.util.Arrays.equals(echo.array(), message)) {
                    throw new Cli.Failure(
                            RECEIVE_ERROR, "the echo from " + config.name() + " differs from what was sent");
                }
            }
            boolean clean = channel.finish();
            out.println("disconnected.");
            if (!clean) {
                throw new Cli.Failure(RECEIVE_ERROR, config.name() + " sent more than was echoed");
            }
            return 0;
        } catch (SocketTimeoutException e) {
            throw new Cli.Failure(
                    TIMEOUT,
                    "no answer from " + config.name() + " within " + Durations.format(config.timeout()) + " (timeout)");
        } catch (IOException e) {
            throw new Cli.Failure(RECEIVE_ERROR, "connection to " + config.name() + " failed: " + e.getMessage());
        }
    }

    private TimedChannel connect() throws IOException {
        try {
            return TimedChannel.connect(config.address(), config.timeout());
        } catch (UnknownHostException e) {
            throw new Cli.Failure(UNKNOWN_HOST, "unknown host " + e.getMessage() + " (" + config.name() + ")");
        } catch (SocketTimeoutException e) {
            throw new Cli.Failure(
                    TIMEOUT,
                    "cannot connect to " + config.name() + " within " + Durations.format(config.timeout())
                            + " (timeout)");
        } catch (SocketException e) {
            // refused, no route; for Unix sockets also no such file, permission denied
            String why = e.getMessage() == null ? "connection refused" : e.getMessage();
            throw new Cli.Failure(
                    CANNOT_CONNECT,
                    "cannot connect to " + config.name() + ": "
                            + why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1));
        }
    }
}
