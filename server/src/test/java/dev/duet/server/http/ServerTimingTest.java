package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duet.common.ServerTiming;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every echo answer carries Server-Timing: the server's own time from the request's first byte to
 * the answer, and a delay asked for as a metric of its own, over HTTP/1.1 and HTTP/2 alike.
 */
class ServerTimingTest {
    private static final Pattern TIMING = Pattern.compile("duet;dur=(\\d+\\.\\d{3})(, delay;dur=(\\d+\\.\\d{3}))?");

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    private static Matcher timing(String value) {
        Matcher m = TIMING.matcher(value == null ? "" : value);
        assertTrue(m.matches(), "Server-Timing: " + value);
        return m;
    }

    @Test
    void thePlainEchoSaysHowLongTheServerTook() throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", "/t");
        assertEquals("/t", answer.text());
        Matcher m = timing(answer.header("Server-Timing"));
        assertTrue(Double.parseDouble(m.group(1)) < 1000, m.group(1));
        assertEquals(null, m.group(2), "no delay was asked for");
    }

    @Test
    void theJsonEchoAndAControlledAnswerSayItToo() throws Exception {
        timing(RawHttp.request(server.port(), "GET", "/j", "Accept: application/json")
                .header("Server-Timing"));
        RawHttp.Answer refused = RawHttp.request(server.port(), "GET", "/s", "X-Duet-Status: 503");
        assertEquals(503, refused.status());
        timing(refused.header("Server-Timing"));
    }

    @Test
    void aDelayIsTheServersTimeAndIsNamedOnItsOwn() throws Exception {
        RawHttp.Answer answer = RawHttp.request(server.port(), "GET", "/d", "X-Duet-Delay: 150ms");
        Matcher m = timing(answer.header("Server-Timing"));
        assertEquals("150.000", m.group(3));
        double server = Double.parseDouble(m.group(1));
        assertTrue(server >= 150 && server < 150 + 5_000, m.group(1));
        assertEquals(server, ServerTiming.millis(answer.header("Server-Timing"), "duet"));
        assertEquals(150.0, ServerTiming.millis(answer.header("Server-Timing"), "delay"));
    }

    @Test
    void theClockStartsAtTheRequestsFirstByteNotAtItsLast() throws Exception {
        // the request line arrives, then the headers end a second later: the server's clock runs
        // from when it first read the request (a little after it arrived), not from its end
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1000); // a slow client is the point here
            out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Answer answer = RawHttp.parse(socket.getInputStream().readAllBytes());
            double server =
                    Double.parseDouble(timing(answer.header("Server-Timing")).group(1));
            assertTrue(server >= 500, server + " ms");
        }
    }

    @Test
    void http2AnswersCarryItAsWell() throws Exception {
        Process curl = new ProcessBuilder(List.of(
                        "curl",
                        "-sS",
                        "-o",
                        "/dev/null",
                        "--http2-prior-knowledge",
                        "-w",
                        "%{http_version} %header{server-timing}",
                        "http://127.0.0.1:" + server.port() + "/h2"))
                .redirectErrorStream(true)
                .start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.startsWith("2 "), out);
        timing(out.substring(2));
    }
}
