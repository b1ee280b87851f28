package dev.duet.server.http;

import static dev.duet.server.http.RawHttp2.GOAWAY;
import static dev.duet.server.http.RawHttp2.HEADERS;
import static dev.duet.server.http.RawHttp2.PROTOCOL_ERROR;
import static dev.duet.server.http.RawHttp2.RST_STREAM;
import static dev.duet.server.http.RawHttp2.STREAM_CLOSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duet.server.http.RawHttp2.Frame;
import dev.duet.server.tls.ClientTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/2 by the book (RFC 9113), frame by frame on a real socket, over h2c and over TLS: what the
 * server answers to requests a conforming client never sends, as h2spec checks it.
 */
class Http2ConformanceTest {
    @TempDir
    static Path dir;

    private static HttpEchoServer cleartext;
    private static HttpEchoServer tls;
    private static Path cert;

    @BeforeAll
    static void start() {
        cert = dir.resolve("cert.pem");
        // a small --max-body, so a large upload is refused before its body has come
        cleartext = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--max-body", "1KiB"));
        tls = HttpEchoServer.start(HttpServerConfig.ephemeral(
                "--quiet", "--max-body", "1KiB", "--tls", "self-signed", "--write-cert", cert.toString()));
    }

    @AfterAll
    static void stop() {
        cleartext.close();
        tls.close();
    }

    private static RawHttp2 connect(String how) throws Exception {
        return how.equals("h2c")
                ? RawHttp2.cleartext(cleartext.port())
                : RawHttp2.tls(tls.port(), ClientTls.trusting(cert));
    }

    /** Stream {@code id} asks for {@code /ok} and gets it: the connection still serves. */
    private static void stillServes(RawHttp2 h2, int id) throws IOException {
        h2.headers(id, true, RawHttp2.get("/ok"));
        List<Frame> answer = h2.untilStreamEnds(id);
        assertEquals(HEADERS, answer.get(0).type(), answer.toString());
        assertEquals(200, answer.get(0).status());
        assertEquals("/ok", new String(answer.get(answer.size() - 1).payload(), StandardCharsets.UTF_8));
    }

    static Stream<Arguments> malformed() {
        String[] m = {":method", "GET"}, s = {":scheme", "http"}, a = {":authority", "localhost"}, p = {":path", "/x"};
        return Stream.of(
                        List.of("an upper-case header name", RawHttp2.get("/x", "X-Upper", "1")),
                        List.of("an unknown pseudo-header", RawHttp2.get("/x", ":color", "blue")),
                        List.of("a response pseudo-header", RawHttp2.get("/x", ":status", "200")),
                        List.of("Connection", RawHttp2.get("/x", "connection", "keep-alive")),
                        List.of("Keep-Alive", RawHttp2.get("/x", "keep-alive", "timeout=5")),
                        List.of("Transfer-Encoding", RawHttp2.get("/x", "transfer-encoding", "chunked")),
                        List.of("Upgrade", RawHttp2.get("/x", "upgrade", "websocket")),
                        List.of("Proxy-Connection", RawHttp2.get("/x", "proxy-connection", "keep-alive")),
                        List.of("TE other than trailers", RawHttp2.get("/x", "te", "gzip")),
                        List.of("an empty :path", RawHttp2.get("")),
                        List.of("no :method", block(s, a, p)),
                        List.of("no :scheme", block(m, a, p)),
                        List.of("no :path", block(m, s, a)),
                        List.of("two :method", block(m, m, s, a, p)),
                        List.of("two :scheme", block(m, s, s, a, p)),
                        List.of("two :path", block(m, s, a, p, p)),
                        List.of("a pseudo-header after a header", block(m, s, a, new String[] {"x-a", "1"}, p)))
                .flatMap(c -> Stream.of("h2c", "tls").map(how -> Arguments.of(how, c.get(0), c.get(1))));
    }

    private static byte[] block(String[]... fields) {
        return RawHttp2.block(Stream.of(fields).flatMap(Stream::of).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void aMalformedRequestIsResetWithProtocolErrorUnanswered(String how, String what, byte[] block) throws Exception {
        try (RawHttp2 h2 = connect(how)) {
            h2.headers(1, true, block);
            Frame first = h2.next();
            assertEquals(
                    RST_STREAM + " on 1: " + PROTOCOL_ERROR,
                    first.type() + " on " + first.streamId() + ": "
                            + (first.type() == RST_STREAM ? first.errorCode() : first.toString()));
            stillServes(h2, 3); // a stream error, not the connection's
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2c", "tls"})
    void dataOnAStreamTheClientEndedIsStreamClosed(String how) throws Exception {
        try (RawHttp2 h2 = connect(how)) {
            h2.headers(1, true, RawHttp2.get("/done")); // half-closed (remote), then closed once answered
            assertEquals(2, h2.untilStreamEnds(1).size());
            h2.data(1, true, "late".getBytes(StandardCharsets.US_ASCII));
            assertEquals(
                    "[frame type 3 on stream 1, error 5]", h2.untilStreamEnds(1).toString());

            h2.headers(3, false, RawHttp2.get("/reset")); // open, then closed by the client's RST_STREAM
            h2.reset(3, 0x8);
            h2.data(3, true, "late".getBytes(StandardCharsets.US_ASCII));
            awaitReset(h2, 3, STREAM_CLOSED);

            // half-closed (remote) while the answer waits: the stream is still there
            h2.headers(5, true, RawHttp2.get("/slow", "x-duet-delay", "300ms"));
            h2.data(5, true, "late".getBytes(StandardCharsets.US_ASCII));
            awaitReset(h2, 5, STREAM_CLOSED);
            stillServes(h2, 7);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2c", "tls"})
    void dataOnAStreamTheServerEndedEarlyIsIgnored(String how) throws Exception {
        try (RawHttp2 h2 = connect(how)) {
            // an upload over --max-body, refused on its headers: the client may well be sending its body
            h2.headers(
                    1,
                    false,
                    RawHttp2.block(
                            ":method",
                            "POST",
                            ":scheme",
                            "http",
                            ":authority",
                            "localhost",
                            ":path",
                            "/up",
                            "content-length",
                            "100000"));
            List<Frame> refused = h2.untilStreamEnds(1);
            assertEquals(413, refused.get(0).status(), refused.toString());
            while (refused.get(refused.size() - 1).type() != RST_STREAM) {
                refused = h2.untilStreamEnds(1); // the answer, then the reset that tells the client to stop
            }
            h2.data(1, false, new byte[1000]); // in flight when the reset came: ignored, RFC 9113 §5.1
            h2.headers(3, true, RawHttp2.get("/next"));
            Frame next = h2.next();
            assertEquals(
                    HEADERS + " on 3", next.type() + " on " + next.streamId(), "nothing for the late DATA: " + next);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2c", "tls"})
    void aHeaderBlockOverTheLimitIsAnswered431AndTheConnectionGoesOn(String how) throws Exception {
        try (RawHttp2 h2 = connect(how)) {
            // HEADERS and two CONTINUATIONs, ~8.2 KB of fields against the 8 KiB --max-header-size (h2spec 6.10/1)
            String dummy = "x".repeat(4000);
            h2.headersContinued(1, true, RawHttp2.get("/big"));
            h2.continuation(1, false, RawHttp2.block("x-dummy0", dummy));
            h2.continuation(1, true, RawHttp2.block("x-dummy1", dummy));
            List<Frame> answer = h2.untilStreamEnds(1);
            assertEquals(431, answer.get(0).status(), answer.toString());
            stillServes(h2, 3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2c", "tls"})
    void aStreamIdLowerThanOneUsedIsAConnectionProtocolError(String how) throws Exception {
        try (RawHttp2 h2 = connect(how)) {
            h2.headers(5, true, RawHttp2.get("/five"));
            h2.headers(3, true, RawHttp2.get("/three"));
            assertEquals(
                    "frame type 7 on stream 0, error " + PROTOCOL_ERROR,
                    goAway(h2).toString());
        }
        try (RawHttp2 h2 = connect(how)) { // the newest stream, reused once closed: §5.1 says STREAM_CLOSED
            h2.headers(1, true, RawHttp2.get("/one"));
            assertEquals(2, h2.untilStreamEnds(1).size());
            h2.headers(1, true, RawHttp2.get("/one"));
            assertEquals(
                    "frame type 7 on stream 0, error " + STREAM_CLOSED,
                    goAway(h2).toString());
        }
    }

    /** The GOAWAY that ends the connection (the frames of the streams it ends go by). */
    private static Frame goAway(RawHttp2 h2) throws IOException {
        Frame f = h2.next();
        while (f.type() != GOAWAY && f != Frame.CLOSED) {
            f = h2.next();
        }
        return f;
    }

    /** Frames go by until stream {@code id} is reset with {@code error}; the connection must not end first. */
    private static void awaitReset(RawHttp2 h2, int id, int error) throws IOException {
        Frame f = h2.next();
        while (f.type() != RST_STREAM || f.streamId() != id || f.errorCode() != error) {
            if (f.type() == GOAWAY || f == Frame.CLOSED) {
                throw new AssertionError("no RST_STREAM " + error + " on stream " + id + " before " + f);
            }
            f = h2.next();
        }
    }
}
