package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load's HTTP/1.1 framing: where each answer ends, whatever pieces its bytes arrive in. Every
 * answer is fed whole, and split at every byte.
 */
class ResponseParserTest {
    private static final String NEXT = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    /** Feeds {@code answer} in pieces of {@code piece} bytes; returns the parser once it says done. */
    private static ResponseParser parse(String answer, int piece, boolean head) throws IOException {
        ResponseParser parser = new ResponseParser();
        parser.reset(head);
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < bytes.length; at += piece) {
            int n = Math.min(piece, bytes.length - at);
            ByteBuffer in = ByteBuffer.wrap(bytes, at, n);
            boolean done = parser.feed(in);
            if (done) {
                assertEquals(bytes.length, at + n - in.remaining(), "it ended where the answer ends");
                return parser;
            }
        }
        throw new AssertionError("the answer never ended: " + answer);
    }

    private static void endsExactly(String answer, int status, boolean close) throws IOException {
        for (int piece = 1; piece <= answer.length(); piece++) {
            ResponseParser p = parse(answer, piece, false);
            assertEquals(status, p.status());
            assertEquals(close, p.closeAfter());
        }
    }

    @Test
    void aContentLengthEndsTheBody() throws IOException {
        endsExactly("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length:  6 \r\n\r\n/hello", 200, false);
    }

    @Test
    void chunksEndWithTheLastChunkAndTrailers() throws IOException {
        endsExactly(
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n",
                201,
                false);
    }

    @Test
    void connectionCloseAndHttp10AreHonoured() throws IOException {
        endsExactly("HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno", 503, true);
        endsExactly("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, true);
        endsExactly("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 200, false);
    }

    @Test
    void interimAnswersAreSkippedAndBodilessOnesEndAtTheirHeaders() throws IOException {
        endsExactly("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 204, false);
        endsExactly("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", 304, false);
        assertEquals(
                200,
                parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", 3, true).status());
    }

    @Test
    void aDrainingServerSaysSoInEachAnswer() throws IOException {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertTrue(p.feed(ByteBuffer.wrap(
                ("HTTP/1.1 200 OK\r\nx-duet-draining: true\r\nConnection: close\r\n" + "Content-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII))));
        assertTrue(p.draining());
        assertTrue(p.closeAfter());
        p.reset(false);
        assertTrue(p.feed(ByteBuffer.wrap(NEXT.getBytes(StandardCharsets.US_ASCII))));
        assertFalse(p.draining(), "each answer says it afresh");
    }

    @Test
    void aBodyWithoutLengthRunsToTheClose() throws IOException {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertFalse(p.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\nsome body".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(p.closed());
        assertTrue(p.closeAfter());
    }

    @Test
    void anAnswerCutShortIsNotWhole() throws IOException {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertTrue(p.untouched());
        assertFalse(p.feed(ByteBuffer.wrap(
                "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII))));
        assertFalse(p.untouched());
        assertFalse(p.closed());
    }

    @Test
    void theParserIsReusedForTheNextAnswer() throws IOException {
        ResponseParser p = parse("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 7, false);
        p.reset(false);
        assertTrue(p.feed(ByteBuffer.wrap(NEXT.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(200, p.status());
        assertFalse(p.closeAfter());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SSH-2.0-OpenSSH_9.2\r\n",
                "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"
            })
    void whatIsNotAnAnswerIsRefused(String bytes) {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        assertThrows(IOException.class, () -> p.feed(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aHeaderLineOver64KiBIsRefused() {
        ResponseParser p = new ResponseParser();
        p.reset(false);
        String answer = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n";
        IOException e = assertThrows(
                IOException.class, () -> p.feed(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII))));
        assertEquals("a line of the answer is over 64 KiB", e.getMessage());
    }
}
