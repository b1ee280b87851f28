package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The heart of Duet: every request is answered with its request target, byte for byte, as Node's req.url. */
class EchoTargetTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/hello",
                "/",
                "/hello?name=world",
                "/q?",
                "/q?a=1&a=2&b",
                "/percent%20encoded%2Fslash%3F?x=%26%3D",
                "/a/../b/./c",
                "//double//slashes//",
                "/a/b/%2e%2e/%2E%2E/",
                "/%C0%AF%FF",
                "/x?%zz",
                "/trailing/",
                "/semi;colon;p=1",
                "/odd!$&'()*+,;=:@-._~",
                "/frag#ment",
                "/caf%C3%A9?q=%E6%97%A5",
            })
    void answersWithTheTargetExactlyAsSent(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", target);
        assertEquals(200, answer.status());
        assertEquals(target, answer.text());
    }

    @Test
    void rawUtf8InTheTargetComesBackAsTheSameBytes() throws Exception {
        byte[] target = "/café/日本".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", target);
        assertEquals(200, answer.status());
        assertArrayEquals(target, answer.body());
    }

    /**
     * Jetty refuses these before any handler runs (Node would echo them): dot segments that climb
     * above the root, malformed percent-encoding, an encoded NUL. Raw bytes that are not UTF-8
     * cannot be echoed faithfully, so Duet refuses them too instead of altering them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/../x", "/a/../../x", "/%2e%2e/x", "/sp%zz", "/%00", "/bad\u00ff"})
    void targetsThatCannotBeEchoedFaithfullyGetA400(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", target.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, answer.status());
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        // and the server carries on
        assertEquals("/after", RawHttp.request(server.port(), "GET", "/after").text());
    }

    @Test
    void asteriskFormIsEchoed() throws Exception {
        assertEquals("*", RawHttp.request(server.port(), "OPTIONS", "*").text());
    }

    @Test
    void absoluteFormIsAnsweredWithItsPathAndQuery() throws Exception {
        // Jetty normalises absolute-form targets; Node would echo the whole URL (see README).
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", "http://example.com/abs?q=1");
        assertEquals(200, answer.status());
        assertEquals("/abs?q=1", answer.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "PURGE", "BREW"})
    void everyMethodGetsTheTarget(String method) throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), method, "/m?x=" + method);
        assertEquals(200, answer.status());
        assertEquals("/m?x=" + method, answer.text());
    }

    @Test
    void answersAreInertPlainText() throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", "/%3Cscript%3E");
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals(String.valueOf("/%3Cscript%3E".length()), answer.header("Content-Length"));
    }

    @Test
    void headGetsTheHeadersOnly() throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "HEAD", "/hello");
        assertEquals(200, answer.status());
        assertEquals("6", answer.header("Content-Length"));
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals(0, answer.body().length);
    }

    @Test
    void aRequestBodyIsConsumedAndNotMistakenForTheNextRequest() throws Exception {
        byte[] pipelined = ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 26\r\n\r\n"
                        + "GET /smuggled HTTP/1.1\r\n\r\n"
                        + "GET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String both = new String(readAll(pipelined), StandardCharsets.ISO_8859_1);
        assertTrue(both.contains("\r\n\r\n/upload"), both);
        assertTrue(both.endsWith("\r\n\r\n/next"), both);
        assertTrue(!both.contains("smuggled"), both);
    }

    @Test
    void keepsTheConnectionForManyRequests() throws Exception {
        byte[] pipelined = ("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String both = new String(readAll(pipelined), StandardCharsets.ISO_8859_1);
        assertTrue(both.contains("\r\n\r\n/one"), both);
        assertTrue(both.endsWith("\r\n\r\n/two"), both);
    }

    @Test
    void malformedRequestGetsAPlainText400() throws Exception {
        RawHttp.Answer answer =
                RawHttp.exchange(server.port(), "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, answer.status());
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("400 Bad Request: No Host\n", answer.text());
    }

    @Test
    void portZeroPicksAFreePort() {
        assertTrue(server.port() > 0);
    }

    private static byte[] readAll(byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            return socket.getInputStream().readAllBytes();
        }
    }
}
