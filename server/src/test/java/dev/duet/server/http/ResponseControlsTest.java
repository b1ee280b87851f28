package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** X-Duet-* request headers choose the answer's status, delay, size, headers, or a failure. */
class ResponseControlsTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet", "--max-body", "2MiB", "--max-delay", "5s");

    private static RawHttp.Answer get(String target, String... controls) throws IOException {
        return RawHttp.request(server.port(), "GET", target, controls);
    }

    @Test
    void aChosenStatusStillCarriesTheTarget() throws Exception {
        RawHttp.Answer answer = get("/down?x=1", "X-Duet-Status: 503");
        assertEquals(503, answer.status());
        assertEquals("/down?x=1", answer.text());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void noContentAndNotModifiedCarryNoBody() throws Exception {
        RawHttp.Answer noContent = get("/empty", "X-Duet-Status: 204");
        assertEquals(204, noContent.status());
        assertEquals(0, noContent.body().length);
        assertEquals(null, noContent.header("Content-Length"));
        RawHttp.Answer notModified = get("/empty", "X-Duet-Status: 304");
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        // RFC 9110: a 304's length is the length of the answer it stands for, the target's
        assertEquals("6", notModified.header("Content-Length"));
    }

    @Test
    void theJsonEchoTakesAChosenStatusToo() throws Exception {
        RawHttp.Answer answer = get("/teapot", "X-Duet-Status: 418", "Accept: application/json");
        assertEquals(418, answer.status());
        assertTrue(answer.text().contains("\"target\":\"/teapot\""), answer.text());
    }

    @Test
    void aSizedBodyHasExactlyThatManyBytesOfTheTargetRepeated() throws Exception {
        RawHttp.Answer answer = get("/ab", "X-Duet-Size: 1MiB");
        assertEquals(200, answer.status());
        assertEquals(String.valueOf(1 << 20), answer.header("Content-Length"));
        byte[] expected = new byte[1 << 20];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) "/ab".charAt(i % 3);
        }
        assertArrayEquals(expected, answer.body());
        assertEquals(0, get("/none", "X-Duet-Size: 0").body().length);
    }

    @Test
    void addedHeadersAreInTheAnswer() throws Exception {
        RawHttp.Answer answer = get("/h", "X-Duet-Header: X-Trace: abc 123", "X-Duet-Header: Cache-Control: no-store");
        assertEquals("abc 123", answer.header("X-Trace"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("/h", answer.text());
    }

    /** As the README and docs/channels.md say: the request itself may replace the type and nosniff. */
    @Test
    void anAddedHeaderReplacesTheOneTheServerWouldSend() throws Exception {
        RawHttp.Answer answer =
                get("/h", "X-Duet-Header: Content-Type: text/html", "X-Duet-Header: X-Content-Type-Options: none");
        assertEquals("text/html", answer.header("Content-Type"));
        assertEquals("none", answer.header("X-Content-Type-Options"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "X-Duet-Status: 99|X-Duet-Status: expected a status from 200 to 599, got \"99\"",
                "X-Duet-Status: abc|X-Duet-Status: expected a status from 200 to 599, got \"abc\"",
                "X-Duet-Delay: soon|X-Duet-Delay: expected a duration such as 250ms, 3s, 2m or 1h, got \"soon\"",
                "X-Duet-Delay: 6s|X-Duet-Delay: 6s is longer than this server allows (--max-delay 5s)",
                "X-Duet-Size: 3MiB|X-Duet-Size: 3MiB is larger than this server allows (--max-body 2MiB)",
                "X-Duet-Header: no colon|X-Duet-Header: expected \"Name: value\", got \"no colon\"",
                "X-Duet-Header: Content-Length: 5|X-Duet-Header: Content-Length frames the answer; the server sets it",
                "X-Duet-Fault: explode|X-Duet-Fault: expected close, reset or hang, got \"explode\"",
                "X-Duet-Stauts: 503|unknown control \"X-Duet-Stauts\"; the controls are X-Duet-Status, X-Duet-Delay,"
                        + " X-Duet-Size, X-Duet-Header, X-Duet-Fault and X-Duet-Stream",
            })
    void aBadControlIsRefusedWithTheReason(String control, String reason) throws Exception {
        RawHttp.Answer answer = get("/bad", control);
        assertEquals(400, answer.status());
        assertEquals("400 Bad Request: " + reason + "\n", answer.text());
    }

    @Test
    void delayedAnswersHoldNoThreadWhileTheyWait() throws Exception {
        List<Socket> waiting = new ArrayList<>();
        long sent = System.nanoTime();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("GET /later/" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                        + "X-Duet-Delay: 1500ms\r\nX-Duet-Status: 503\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                waiting.add(socket);
            }
            // the server goes on answering others meanwhile; and the 50 hold no thread while waiting
            assertEquals("/now", get("/now").text());
            assertTrue(
                    server.server().busyThreads() < 10,
                    "busy threads: " + server.server().busyThreads());
            for (int i = 0; i < waiting.size(); i++) {
                RawHttp.Answer answer =
                        RawHttp.parse(waiting.get(i).getInputStream().readAllBytes());
                assertEquals(503, answer.status());
                assertEquals("/later/" + i, answer.text());
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 1500);
        } finally {
            for (Socket socket : waiting) {
                socket.close();
            }
        }
    }

    @Test
    void closeEndsTheConnectionWithoutAnAnswer() throws Exception {
        try (Socket socket = raw("X-Duet-Fault: close")) {
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void resetResetsTheConnection() throws Exception {
        try (Socket socket = raw("X-Duet-Fault: reset")) {
            SocketException e = assertThrows(
                    SocketException.class, () -> socket.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @Test
    void hangNeverAnswersAndTheIdleTimeoutEndsIt() throws Exception {
        try (HttpEchoServer quick =
                        HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--idle-timeout", "300ms"));
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", quick.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /h HTTP/1.1\r\nHost: x\r\nX-Duet-Fault: hang\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            // meanwhile others are answered
            assertEquals(
                    "/other", RawHttp.request(quick.port(), "GET", "/other").text());
            byte[] got = readUntilClosed(socket.getInputStream());
            assertFalse(new String(got, StandardCharsets.ISO_8859_1).contains("/h"), "an answer came: " + got.length);
        }
    }

    @Test
    void controlsWorkOverHttp2() throws Exception {
        HttpClient h2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = h2.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/two"))
                        .header("X-Duet-Status", "202")
                        .header("X-Duet-Header", "X-Over: h2")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(202, answer.statusCode());
        assertEquals("h2", answer.headers().firstValue("X-Over").orElse(""));
        assertEquals("/two", answer.body());
    }

    @Test
    void withControlsOffTheHeadersAreIgnored() throws Exception {
        try (HttpEchoServer plain = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--controls", "off"))) {
            RawHttp.Answer answer =
                    RawHttp.request(plain.port(), "GET", "/p", "X-Duet-Status: 503", "X-Duet-Fault: reset");
            assertEquals(200, answer.status());
            assertEquals("/p", answer.text());
        }
    }

    private static Socket raw(String control) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(("GET /f HTTP/1.1\r\nHost: x\r\n" + control + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Everything until the server closes or resets the connection. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException reset) {
            // ended either way
        }
        return all.toByteArray();
    }
}
