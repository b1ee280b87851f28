package dev.duet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.server.ServerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's half of counting a run at both ends: each counted request's answer says how many
 * times the server has seen it, and a tally request gets the run's counts, through the same URL.
 */
class RunCountingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = ServerIdentity.ofThisHost().name();

    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer("--quiet");

    private static RawHttp.Answer counted(String run, int seq, String... more) throws Exception {
        String[] headers = new String[more.length + 2];
        headers[0] = "X-Duet-Run: " + run;
        headers[1] = "X-Duet-Seq: " + seq;
        System.arraycopy(more, 0, headers, 2, more.length);
        return RawHttp.request(server.port(), "GET", "/counted?x", headers);
    }

    private static JsonNode tally(String run) throws Exception {
        RawHttp.Answer answer =
                RawHttp.request(server.port(), "POST", "/counted?x", "X-Duet-Tally: " + run, "Content-Length: 0");
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        return JSON.readTree(answer.body());
    }

    @Test
    void anAnswerSaysHowManyTimesTheServerSawItsRequest() throws Exception {
        RawHttp.Answer first = counted("run-a", 7);
        assertEquals("/counted?x", first.text(), "the echo is unchanged");
        assertEquals("run=run-a; seq=7; count=1; server=" + NAME, first.header("X-Duet-Seen"));
        assertEquals(
                "run=run-a; seq=7; count=2; server=" + NAME, counted("run-a", 7).header("X-Duet-Seen"));
        assertEquals(
                "run=run-a; seq=8; count=1; server=" + NAME, counted("run-a", 8).header("X-Duet-Seen"));
    }

    @Test
    void aRequestWithoutARunIsNotCountedAndSaysNothing() throws Exception {
        assertNull(RawHttp.request(server.port(), "GET", "/plain").header("X-Duet-Seen"));
    }

    @Test
    void theTallyCountsArrivalsAndWhichNumbersArrived() throws Exception {
        counted("run-b", 1);
        counted("run-b", 3);
        counted("run-b", 3);
        counted("run-b", 10, "X-Duet-Status: 503"); // an answer of any kind was still seen
        JsonNode tally = tally("run-b");
        assertEquals("run-b", tally.get("run").asText());
        assertEquals(NAME, tally.get("server").asText());
        assertEquals(true, tally.get("known").asBoolean());
        assertEquals(4, tally.get("arrivals").asLong());
        assertEquals(3, tally.get("distinct").asInt());
        assertEquals(10, tally.get("highest").asInt());
        assertEquals(0, tally.get("uncounted").asLong());
        // bits 0, 2 and 9: requests 1, 3 and 10
        assertEquals("BQI=", tally.get("seen").asText());
    }

    @Test
    void aRunTheServerNeverSawIsUnknownNotAnError() throws Exception {
        JsonNode tally = tally("never-sent");
        assertEquals(false, tally.get("known").asBoolean());
        assertEquals(0, tally.get("arrivals").asLong());
        assertEquals("", tally.get("seen").asText());
    }

    @Test
    void malformedCountingHeadersAreRefusedWithTheReason() throws Exception {
        RawHttp.Answer noSeq = RawHttp.request(server.port(), "GET", "/x", "X-Duet-Run: abc");
        assertEquals(400, noSeq.status());
        assertEquals("400 Bad Request: X-Duet-Run and X-Duet-Seq go together; got only X-Duet-Run\n", noSeq.text());
        RawHttp.Answer zero = counted("abc", 0);
        assertEquals(400, zero.status());
        assertEquals("400 Bad Request: X-Duet-Seq: expected a number from 1 to 2147483647, got \"0\"\n", zero.text());
        RawHttp.Answer badRun = RawHttp.request(server.port(), "GET", "/x", "X-Duet-Run: a b", "X-Duet-Seq: 1");
        assertEquals(400, badRun.status());
        assertEquals(
                "400 Bad Request: X-Duet-Run: expected 1 to 64 letters, digits, '-' or '_', got \"a b\"\n",
                badRun.text());
    }

    @Test
    void countingWorksWithControlsOff() throws Exception {
        HttpEchoServer plain = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet", "--controls", "off"));
        try {
            RawHttp.Answer answer = RawHttp.request(
                    plain.port(), "GET", "/c", "X-Duet-Run: off-run", "X-Duet-Seq: 1", "X-Duet-Status: 503");
            assertEquals(200, answer.status(), "the control is ignored");
            assertEquals("run=off-run; seq=1; count=1; server=" + NAME, answer.header("X-Duet-Seen"));
        } finally {
            plain.close();
        }
    }
}
