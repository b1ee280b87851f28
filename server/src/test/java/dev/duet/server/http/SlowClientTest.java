package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients that trickle or stall cannot starve the others, and are closed once idle too long. */
class SlowClientTest {

    @Test
    void hundredsOfHalfSentRequestsDoNotHoldUpANormalOne() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--shutdown-timeout", "100ms"))) {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream()
                        .write("GET /slow HTTP/1.1\r\nHost: x\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (int i = 0; i < 300; i += 2) {
                // half of them also stall mid-body
                slow.get(i)
                        .getOutputStream()
                        .write("a\r\nContent-Length: 100\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
            }
            // RawHttp gives up after 10s: a starved request would fail here
            assertEquals(
                    "/normal", RawHttp.request(server.port(), "GET", "/normal").text());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aConnectionThatStallsMidRequestIsClosedAfterTheIdleTimeout() throws Exception {
        HttpServerConfig config = HttpServerConfig.ephemeral("--max-connections", "100", "--idle-timeout", "300ms");
        try (HttpEchoServer server = HttpEchoServer.start(config);
                Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setSoTimeout(20_000);
            OutputStream out = stalled.getOutputStream();
            out.write("GET /never HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = stalled.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // Jetty answers 408 when it can, then closes; either way the connection ends
            assertEquals(true, answer.isEmpty() || answer.startsWith("HTTP/1.1 408 "), answer);
            assertEquals(
                    "/alive", RawHttp.request(server.port(), "GET", "/alive").text());
        }
    }

    @Test
    void aBodyThatNeverFinishesIsClosedAfterTheIdleTimeout() throws Exception {
        HttpServerConfig config = HttpServerConfig.ephemeral("--max-connections", "100", "--idle-timeout", "300ms");
        try (HttpEchoServer server = HttpEchoServer.start(config);
                Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setSoTimeout(20_000);
            stalled.getOutputStream()
                    .write(("POST /body HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                                    + "Content-Length: 100\r\n\r\nonly some")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(
                    "HTTP/1.1 408 Request Timeout", answer.lines().findFirst().orElse(""), answer);
            assertEquals(
                    "/alive", RawHttp.request(server.port(), "GET", "/alive").text());
        }
    }
}
