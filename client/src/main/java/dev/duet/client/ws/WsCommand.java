package dev.duet.client.ws;

import static dev.duet.client.Failure.Kind.BROKEN_ANSWER;
import static dev.duet.client.Failure.Kind.ECHO_MISMATCH;
import static dev.duet.client.Failure.Kind.TIMEOUT;
import static dev.duet.client.Failure.Kind.WEIRD_ANSWER;

import dev.duet.client.Failure;
import dev.duet.client.http.HttpClients;
import dev.duet.client.http.MissingClientCertificate;
import dev.duet.client.http.RequestFailure;
import dev.duet.client.http.ShownUrl;
import dev.duet.common.Durations;
import dev.duet.common.IntervalTicker;
import dev.duet.common.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * {@code duet-client ws URL}: opens a WebSocket, sends the message on an interval, and checks that
 * each echo is the message exactly, printing the round trip's time; then closes cleanly and prints
 * the fastest, mean and slowest. A different echo, a close or a failure from the server ends the
 * run with its exit code.
 */
public final class WsCommand {
    private final WsConfig config;
    private final PrintStream out;
    private final MissingClientCertificate missingCertificate = new MissingClientCertificate();

    public WsCommand(WsConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** What the socket reported, in order; OkHttp's reader thread puts them here. */
    private sealed interface Event {}

    private record Opened() implements Event {}

    private record Text(String text) implements Event {}

    private record Binary(ByteString bytes) implements Event {}

    private record Closing(int code, String reason) implements Event {}

    private record Failed(Throwable cause, Response response) implements Event {}

    public void run() throws InterruptedException, Failure {
        OkHttpClient client = HttpClients.builder(
                        config.url().isHttps(), false, config.tls(), config.timeout(), missingCertificate)
                .build();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket =
                client.newWebSocket(new Request.Builder().url(config.url()).build(), new Listener(events));
        try {
            // connecting, sending the upgrade and reading its answer each have the timeout, and
            // OkHttp's failure says which ran out: wait for it rather than guess
            Event first = next(events, "answer to the upgrade", config.timeout().multipliedBy(3));
            if (!(first instanceof Opened)) {
                throw failure(first);
            }
            out.println("connected.");
            exchange(socket, events);
            socket.close(1000, "done");
            Event last = events.poll(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            out.println("disconnected.");
            if (last != null && !(last instanceof Closing)) {
                throw failure(last);
            }
        } finally {
            socket.cancel();
            client.dispatcher().executorService().shutdown();
        }
    }

    private void exchange(WebSocket socket, BlockingQueue<Event> events) throws InterruptedException, Failure {
        String shown = LogText.escape(config.message(), 200);
        IntervalTicker ticker = new IntervalTicker(config.interval());
        double fastest = Double.MAX_VALUE;
        double slowest = 0;
        double total = 0;
        int sent = 0;
        for (; config.count().isEmpty() || sent < config.count().get(); sent++) {
            ticker.awaitTick();
            out.println("send: " + shown);
            long start = System.nanoTime();
            socket.send(config.message());
            Event echo = next(events, "echo", config.timeout());
            double millis = (System.nanoTime() - start) / 1e6;
            if (!(echo instanceof Text text)) {
                throw echo instanceof Binary ? mismatch("a binary message") : failure(echo);
            }
            out.printf(Locale.ROOT, "receive: %s (%.2f ms)%n", LogText.escape(text.text(), 200), millis);
            if (!text.text().equals(config.message())) {
                throw mismatch("a different message");
            }
            fastest = Math.min(fastest, millis);
            slowest = Math.max(slowest, millis);
            total += millis;
        }
        if (sent > 0) {
            out.printf(
                    Locale.ROOT,
                    "round trips: %d, fastest %.2f ms, mean %.2f ms, slowest %.2f ms%n",
                    sent,
                    fastest,
                    total / sent,
                    slowest);
        }
    }

    private Event next(BlockingQueue<Event> events, String what, Duration wait) throws InterruptedException, Failure {
        Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new Failure(
                    TIMEOUT,
                    "no " + what + " from " + config.shown() + " within " + Durations.format(wait) + " (timeout)");
        }
        return event;
    }

    private Failure mismatch(String what) {
        return new Failure(ECHO_MISMATCH, config.shown() + " echoed " + what + " instead of the one sent");
    }

    /** What a close or failure means for the run: the server refused the upgrade, closed, or broke off. */
    private Failure failure(Event event) {
        String where = ShownUrl.address(config.url());
        if (event instanceof Closing closing) {
            return new Failure(
                    BROKEN_ANSWER,
                    config.shown() + " closed the WebSocket: " + closing.code()
                            + (closing.reason().isEmpty() ? "" : " " + closing.reason()));
        }
        Failed failed = (Failed) event;
        if (failed.response() != null) {
            return new Failure(
                    WEIRD_ANSWER,
                    config.shown() + " did not open a WebSocket: it answered "
                            + failed.response().code());
        }
        if (failed.cause() instanceof IOException io) {
            return RequestFailure.from(io, where, config.timeout(), 0, missingCertificate.asked());
        }
        return new Failure(BROKEN_ANSWER, "WebSocket to " + where + " failed: " + failed.cause());
    }

    private static final class Listener extends WebSocketListener {
        private final BlockingQueue<Event> events;

        Listener(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            events.add(new Opened());
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            events.add(new Text(text));
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            events.add(new Binary(bytes));
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            events.add(new Closing(code, reason));
            socket.close(code == 1005 ? 1000 : code, null); // answer the close, as the protocol asks
        }

        @Override
        public void onFailure(WebSocket socket, Throwable cause, Response response) {
            events.add(new Failed(cause, response));
        }
    }
}
