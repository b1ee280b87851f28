package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.server.Instance;
import dev.duet.server.ServerIdentity;
import dev.duet.server.logging.LogFormat;
import dev.duet.server.metrics.Activity;
import dev.duet.server.metrics.Metrics;
import dev.duet.server.tls.ClientTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upgrade on any path opens a WebSocket that sends every message back exactly. */
class WebSocketEchoTest {
    @TempDir
    Path dir;

    /** What the client hears, in order: text, binary (as byte[]), pongs and the close. */
    private static final class Heard implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(message));
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            events.add("close:" + statusCode + ":" + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add("error:" + error);
        }

        Object next() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("nothing heard in 10 s");
            }
            return event;
        }
    }

    private static WebSocket open(HttpClient client, String uri, Heard heard) throws Exception {
        return client.newWebSocketBuilder().buildAsync(URI.create(uri), heard).get(10, TimeUnit.SECONDS);
    }

    @Test
    void textBinaryAndFragmentedMessagesComeBackExactly() throws Exception {
        Metrics metrics = Metrics.create();
        Instance instance = new Instance(
                new ServerIdentity("t", "t", List.of("127.0.0.1")), metrics, Activity.NONE, LogFormat.TEXT);
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"), instance)) {
            Heard heard = new Heard();
            WebSocket socket =
                    open(HttpClient.newHttpClient(), "ws://127.0.0.1:" + server.port() + "/any/path?q=1", heard);
            socket.sendText("héllo ✓", true).get();
            assertEquals("héllo ✓", heard.next());

            byte[] random = new byte[200_000];
            new Random(3).nextBytes(random);
            socket.sendBinary(ByteBuffer.wrap(random), true).get();
            assertArrayEquals(random, (byte[]) heard.next());

            socket.sendText("frag", false).get();
            socket.sendText("ment", false).get();
            socket.sendText("ed", true).get();
            assertEquals("fragmented", heard.next());

            socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)))
                    .get();
            assertEquals("pong:are you there", heard.next());

            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get();
            assertEquals("close:1000:done", heard.next());

            String text = TlsEchoTest.awaitMetric(metrics, "duet_connections_active{transport=\"ws\"} 0.0");
            assertTrue(text.contains("duet_messages_total{transport=\"ws\"} 3.0"), text);
            long bytes = "héllo ✓".getBytes(StandardCharsets.UTF_8).length + random.length + "fragmented".length();
            assertTrue(text.contains("duet_received_bytes_total{transport=\"ws\"} " + (double) bytes), text);
        }
    }

    @Test
    void aMessageOverTheLimitClosesWith1009AndIsNotEchoed() throws Exception {
        try (HttpEchoServer server =
                HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--max-message", "1KiB"))) {
            Heard heard = new Heard();
            WebSocket socket = open(HttpClient.newHttpClient(), "ws://127.0.0.1:" + server.port() + "/", heard);
            socket.sendText("x".repeat(1024), true).get();
            assertEquals("x".repeat(1024), heard.next());
            socket.sendText("y".repeat(1025), true).get();
            assertEquals("close:1009:message larger than 1024 bytes", heard.next());
        }
    }

    @Test
    void secureWebSocketsEchoOverTls() throws Exception {
        Path cert = dir.resolve("served.pem");
        try (HttpEchoServer server = HttpEchoServer.start(
                HttpServerConfig.ephemeral("--quiet", "--tls", "self-signed", "--write-cert", cert.toString()))) {
            HttpClient client =
                    HttpClient.newBuilder().sslContext(ClientTls.trusting(cert)).build();
            Heard heard = new Heard();
            WebSocket socket = open(client, "wss://localhost:" + server.port() + "/secure", heard);
            socket.sendText("over tls", true).get();
            assertEquals("over tls", heard.next());
        }
    }

    @Test
    void stoppingTheServerClosesOpenSocketsAsGoingAway() throws Exception {
        HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"));
        Heard heard = new Heard();
        WebSocket socket = open(HttpClient.newHttpClient(), "ws://127.0.0.1:" + server.port() + "/", heard);
        socket.sendText("still here", true).get();
        assertEquals("still here", heard.next());
        server.close();
        assertEquals("close:1001:server stopping", heard.next());
    }
}
