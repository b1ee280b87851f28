package dev.duet.client.stream;

import static dev.duet.client.Failure.Kind.ECHO_MISMATCH;

import dev.duet.client.Failure;
import dev.duet.client.http.MissingClientCertificate;
import dev.duet.client.http.RequestFailure;
import dev.duet.common.IntervalTicker;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The article's TCP and Unix-socket client: connects (over TLS with --tls), sends the message on
 * an interval, prints each echo. It returns when every echo came back whole; otherwise it throws what went wrong.
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
        MissingClientCertificate missing = new MissingClientCertificate();
        try (EchoStream channel = connect(missing)) {
            out.println("connected.");
            IntervalTicker ticker = new IntervalTicker(config.interval());
            for (int i = 0; config.count().isEmpty() || i < config.count().get(); i++) {
                ticker.awaitTick();
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
        } catch (IOException e) {
            throw RequestFailure.from(e, config.name(), config.timeout(), 0, missing.asked());
        }
    }

    private EchoStream connect(MissingClientCertificate missing) throws IOException, Failure {
        return config.tls().isPresent()
                ? TimedTlsSocket.connect(
                        (InetSocketAddress) config.address(), config.tls().get(), config.timeout(), missing)
                : TimedChannel.connect(config.address(), config.timeout());
    }
}
