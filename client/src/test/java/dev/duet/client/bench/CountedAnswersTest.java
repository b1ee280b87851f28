package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.client.http.RequestHeader;
import dev.duet.client.http.RequestSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The load's side of counting at both ends, on the bytes: each request numbered without
 * allocating, and each answer's Server-Timing and X-Duet-Seen read as it is framed.
 */
class CountedAnswersTest {
    private static final String RUN = "0123456789abcdef";

    private static ResponseParser parsed(String headers) throws IOException {
        ResponseParser parser = new ResponseParser(RUN);
        parser.reset(false);
        assertTrue(parser.feed(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1))));
        return parser;
    }

    @Test
    void theServersTimeIsReadAmongOtherMetrics() throws IOException {
        assertEquals(42_000, parsed("Server-Timing: duet;dur=0.042\r\n").serverNanos());
        assertEquals(
                1_500_250_000L,
                parsed("server-timing: cdn;dur=3, duet;dur=1500.25, delay;dur=1500\r\n")
                        .serverNanos());
        assertEquals(-1, parsed("Server-Timing: notduet;dur=5\r\n").serverNanos());
        assertEquals(-1, parsed("").serverNanos());
    }

    @Test
    void anAnswerFromTheServerNamesThisRunAndThisRequest() throws IOException {
        ResponseParser p = parsed("X-Duet-Seen: run=" + RUN + "; seq=12; count=2; server=web%20one\r\n");
        assertTrue(p.fromServerFor(12));
        assertFalse(p.fromServerFor(13));
        assertEquals(2, p.seenCount());
        assertEquals("web one", p.server());
        assertFalse(parsed("X-Duet-Seen: run=0123456789abcdef0; seq=12; count=1; server=a\r\n")
                .fromServerFor(12));
        assertFalse(parsed("X-Duet-Seen: run=fedcba9876543210; seq=12; count=1; server=a\r\n")
                .fromServerFor(12));
        assertFalse(parsed("").fromServerFor(12), "a cache's answer says nothing of the request");
        assertNull(parsed("").server());
    }

    @Test
    void theSeenPartsAreReadInAnyOrderAndUnknownOnesPassedOver() throws IOException {
        ResponseParser p = parsed("X-Duet-Seen: server=b ; zone=eu-1;count=3;  seq=7 ;run=" + RUN + "\r\n");
        assertTrue(p.fromServerFor(7));
        assertEquals(3, p.seenCount());
        assertEquals("b", p.server());
        ResponseParser broken = parsed("X-Duet-Seen: run=" + RUN + "; seq=7x; count=; server=\r\n");
        assertFalse(broken.fromServerFor(7), "a number with a letter in it is no number");
        assertEquals(0, broken.seenCount());
        assertNull(broken.server());
        assertFalse(parsed("X-Duet-Seen: run; seq=7; count=1; =a;;\r\n").fromServerFor(7));
        assertFalse(parsed("X-Duet-Seen: seq=7; count=1; server=a; run=" + RUN.toUpperCase() + "\r\n")
                .fromServerFor(7));
    }

    @Test
    void theSameServersNameIsNotMadeAgain() throws IOException {
        ResponseParser parser = new ResponseParser(RUN);
        String[] names = new String[2];
        for (int i = 0; i < 2; i++) {
            parser.reset(false);
            parser.feed(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nX-Duet-Seen: run=" + RUN + "; seq=" + (i + 1)
                            + "; count=1; server=web-1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            names[i] = parser.server();
        }
        assertSame(names[0], names[1]);
    }

    @Test
    void eachRequestCarriesItsNumberAndTheRestStaysWhole() throws IOException {
        RequestSpec spec =
                new RequestSpec(Optional.of("POST"), List.of(new RequestHeader("X-A", "1")), Optional.of("body"));
        Http1Request request = Http1Request.encode(HttpUrl.get("http://h:8/p?q"), spec, RUN);
        Http1Request.Sender sender = request.sender();
        String head = "POST /p?q HTTP/1.1\r\nHost: h:8\r\nUser-Agent: duet-client\r\nX-A: 1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4\r\nX-Duet-Run: " + RUN
                + "\r\nX-Duet-Seq: ";
        for (int seq : new int[] {9, 10, 11, 99, 100, 7}) {
            ByteBuffer bytes = sender.request(seq);
            assertEquals(
                    head + seq + "\r\n\r\nbody",
                    StandardCharsets.ISO_8859_1.decode(bytes).toString());
        }
    }

    @Test
    void aRunThatIsNotNumberedSendsTheSameBytesEachTime() throws IOException {
        Http1Request request = Http1Request.encode(HttpUrl.get("http://h/"), RequestSpec.GET, null);
        ByteBuffer first = request.sender().request(0);
        assertEquals(
                "GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: duet-client\r\n\r\n",
                StandardCharsets.ISO_8859_1.decode(first).toString());
    }
}
