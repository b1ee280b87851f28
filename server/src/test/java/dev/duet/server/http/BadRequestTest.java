package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What strangers' tools send: each bad request gets the status trusted servers use, as inert plain
 * text, and the server goes on serving everyone else.
 */
class BadRequestTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--max-body", "1KiB", "--max-header-size", "2KiB");

    @AfterEach
    void aNormalRequestStillWorks() throws Exception {
        assertEquals("/after", RawHttp.request(server.port(), "GET", "/after").text());
    }

    private static RawHttp.Answer send(String request) throws Exception {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RawHttp.Answer send(byte[] request) throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request);
        assertEquals("text/plain; charset=utf-8", answer.header("Content-Type"));
        return answer;
    }

    @Test
    void aTargetLongerThanTheHeaderLimitGets414() throws Exception {
        assertEquals(
                414,
                send("GET /" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .status());
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        assertEquals(
                431,
                send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n")
                        .status());
    }

    @Test
    void aBodyOverTheLimitGets413EvenForTheTextEcho() throws Exception {
        RawHttp.Answer answer = send(
                "POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\nConnection: close\r\n\r\n" + "x".repeat(1025));
        assertEquals(413, answer.status());
        assertEquals("413 Payload Too Large: body larger than 1024 bytes\n", answer.text());
    }

    @Test
    void aGarbageRequestLineGets400() throws Exception {
        assertEquals(400, send("\u0001\u0002 nonsense\r\n\r\n").status());
    }

    @Test
    void http11WithoutHostGets400() throws Exception {
        assertEquals(
                "400 Bad Request: No Host\n", send("GET / HTTP/1.1\r\n\r\n").text());
    }

    @Test
    void http10WithoutHostIsAllowedAndEchoed() throws Exception {
        RawHttp.Answer answer =
                RawHttp.exchange(server.port(), "GET /old HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, answer.status());
        assertEquals("/old", answer.text());
    }

    @Test
    void conflictingContentLengthsGet400() throws Exception {
        assertEquals(
                "400 Bad Request: Multiple Content-Lengths\n",
                send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                        .text());
    }

    @Test
    void duplicateEqualContentLengthsGet400() throws Exception {
        assertEquals(
                400,
                send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
                        .status());
    }

    @Test
    void contentLengthWithTransferEncodingGets400() throws Exception {
        assertEquals(
                "400 Bad Request: Transfer-Encoding and Content-Length\n",
                send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                        .text());
    }

    @Test
    void aContentLengthThatIsNotANumberGets400() throws Exception {
        assertEquals(
                400,
                send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n").status());
    }

    @Test
    void aRawNullByteInTheTargetGets400() throws Exception {
        assertEquals(400, send("GET /a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void anEncodedNullInTheTargetGets400() throws Exception {
        assertEquals(400, send("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void invalidUtf8InTheTargetGets400() throws Exception {
        assertEquals(
                400,
                send("GET /caf\u00e9\u00ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .status());
    }

    @Test
    void anUnknownHttpVersionGets505() throws Exception {
        assertEquals(505, send("GET / HTTP/9.9\r\nHost: x\r\n\r\n").status());
    }

    @Test
    void aBrokenChunkedBodyGets400() throws Exception {
        assertEquals(
                400,
                send("POST / HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n")
                        .status());
    }

    @Test
    void markupInTheTargetIsEchoedAsInertText() throws Exception {
        RawHttp.Answer answer =
                send("GET /%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals("/%3Cscript%3Ealert(1)%3C/script%3E", answer.text());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void connectIsRefusedWith405BecauseNoTunnelOpens() throws Exception {
        RawHttp.Answer answer =
                send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n");
        assertEquals(405, answer.status());
        assertEquals("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE", answer.header("Allow"));
        assertEquals(
                "405 Method Not Allowed: CONNECT asks for a tunnel; this is an echo server, not a proxy\n",
                answer.text());
    }
}
