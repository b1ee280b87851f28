package dev.duet.client.ws;

import dev.duet.client.RoundTrip;
import java.io.IOException;
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
 * One WebSocket that sends the message and waits for its echo, again and again: a {@code bench ws}
 * worker. Opening waits for the upgrade, so no round trip holds a connect. An echo that differs,
 * a close or a failure is an {@link IOException}, counted by the load like any failed request.
 */
public final class WsRoundTrip implements RoundTrip {
    /** What the socket's reader thread saw: a text echo, or why there is none. */
    private record Event(String text, IOException problem) {}

    private static final Event OPENED = new Event(null, null);

    private final WebSocket socket;
    private final BlockingQueue<Event> events;
    private final String message;
    private final long timeoutMillis;

    private WsRoundTrip(WebSocket socket, BlockingQueue<Event> events, WsConfig config) {
        this.socket = socket;
        this.events = events;
        this.message = config.message();
        this.timeoutMillis = config.timeout().toMillis();
    }

    /** Opens the socket and returns once the server has upgraded it. */
    public static WsRoundTrip open(OkHttpClient client, WsConfig config) throws IOException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket =
                client.newWebSocket(new Request.Builder().url(config.url()).build(), new Listener(events));
        WsRoundTrip roundTrip = new WsRoundTrip(socket, events, config);
        Event opened = roundTrip.next("the WebSocket upgrade");
        if (opened != OPENED) {
            socket.cancel();
            throw opened.problem();
        }
        return roundTrip;
    }

    @Override
    public void once() throws IOException {
        if (!socket.send(message)) {
            throw new IOException("the WebSocket is closing");
        }
        Event echo = next("the echo");
        if (echo.problem() != null) {
            throw echo.problem();
        }
        if (!message.equals(echo.text())) {
            throw new IOException("the echo differs from the message sent");
        }
    }

    private Event next(String what) throws IOException {
        Event event;
        try {
            event = events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (event == null) {
            throw new IOException("timeout: no " + what + " within " + timeoutMillis + " ms");
        }
        return event;
    }

    @Override
    public void close() {
        if (!socket.close(1000, "done")) {
            socket.cancel();
        }
    }

    private static final class Listener extends WebSocketListener {
        private final BlockingQueue<Event> events;

        Listener(BlockingQueue<Event> events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            events.add(OPENED);
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            events.add(new Event(text, null));
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            events.add(new Event(null, new IOException("the echo is a binary message")));
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            events.add(new Event(null, new IOException("the server closed the WebSocket: " + code)));
            socket.close(code == 1005 ? 1000 : code, null);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable cause, Response response) {
            IOException problem;
            if (response != null) {
                problem = new IOException("status " + response.code()); // the upgrade was refused
            } else if (cause instanceof IOException io) {
                problem = io; // kept whole: its type says refused, reset, timeout...
            } else {
                problem = new IOException(cause.toString(), cause);
            }
            events.add(new Event(null, problem));
        }
    }
}
