package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.RunningEchoServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The article's HTTP client, against the real Duet server. */
class GetCommandTest {
    @RegisterExtension
    static final RunningEchoServer server = new RunningEchoServer();

    private static String base() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void printsTheStatusCodeThenTheBodyLikeTheArticle() {
        ClientRun.Result r = ClientRun.run(base() + "/hello");
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/hello\n", ""), r);
    }

    @Test
    void acceptsTheGetWordAndAFullUrl() {
        ClientRun.Result r = ClientRun.run("get", "http://" + base() + "/a/b?c=d%20e&f");
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/a/b?c=d%20e&f\n", ""), r);
    }

    @Test
    void repeatsOnAnIntervalForCountTimes() {
        ClientRun.Result r = ClientRun.run(base() + "/tick", "--interval", "50ms", "--count", "3");
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/tick\n".repeat(3), ""), r);
    }

    @Test
    void settingsComeFromTheEnvironmentToo() {
        ClientRun.Result r = ClientRun.run(
                Map.of("DUET_INTERVAL", "20ms", "DUET_COUNT", "2"), new ClientRun.Watched(), base() + "/env");
        assertEquals(new ClientRun.Result(0, "statusCode: 200\n/env\n".repeat(2), ""), r);
    }

    @Test
    void jsonPrintsOneObjectPerRequestWithPhaseTimings() throws Exception {
        ClientRun.Result r = ClientRun.run(base() + "/j?x=1", "--json", "--interval", "10ms", "--count", "2");
        assertEquals(0, r.exitCode());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, "a line per request, and one for the run");
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("http://" + base() + "/j?x=1", line.get("url").asText());
        assertEquals(200, line.get("statusCode").asInt());
        assertEquals("/j?x=1", line.get("body").asText());
        JsonNode timings = line.get("timings");
        assertTrue(timings.get("connectMs").asDouble() >= 0, lines[0]);
        assertTrue(
                timings.get("firstByteMs").asDouble()
                        >= timings.get("connectMs").asDouble(),
                lines[0]);
        assertTrue(
                timings.get("totalMs").asDouble() >= timings.get("firstByteMs").asDouble(), lines[0]);
        // an IP literal needs no DNS lookup
        assertTrue(timings.get("dnsMs").isNull(), lines[0]);
        // the server's own time, from its Server-Timing, and the rest of the wait: the path's
        assertTrue(timings.get("serverMs").asDouble() >= 0, lines[0]);
        assertTrue(timings.get("pathMs").asDouble() >= 0, lines[0]);
        assertTrue(
                timings.get("serverMs").asDouble() + timings.get("pathMs").asDouble()
                        <= timings.get("firstByteMs").asDouble() + 0.01,
                lines[0]);
        JsonNode run = new ObjectMapper().readTree(lines[2]);
        assertTrue(run.get("run").asText().matches("[0-9a-f]{16}"), lines[2]);
        assertEquals(
                "{\"sent\":2,\"answered\":2,\"reachedServer\":2,\"duplicates\":0,\"neverArrived\":0,"
                        + "\"answeredInBetween\":0}",
                lines[2].replaceFirst("\"run\":\"[0-9a-f]+\",", ""));
    }

    @Test
    void aDelayIsTheServersTimeNotThePaths() throws Exception {
        // a whole second: a cold client on a loaded machine spends a few hundred ms on the path itself
        ClientRun.Result r = ClientRun.run(base() + "/slow", "--json", "-H", "X-Duet-Delay: 1s");
        JsonNode timings = new ObjectMapper().readTree(r.out().split("\n")[0]).get("timings");
        assertTrue(timings.get("serverMs").asDouble() >= 1000, r.out());
        assertTrue(timings.get("pathMs").asDouble() < 1000, r.out());
    }

    @Test
    void eachRequestCarriesItsRunAndNumberUnlessTurnedOff() throws Exception {
        try (RawServer raw =
                RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
            ClientRun.run(raw.address() + "/a");
            assertTrue(
                    raw.requestHead().matches("(?s).*\r\nX-Duet-Run: [0-9a-f]{16}\r\nX-Duet-Seq: 1\r\n.*"),
                    raw.requestHead());
        }
        try (RawServer raw =
                RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
            ClientRun.run(raw.address() + "/a", "--run-id", "off");
            assertTrue(!raw.requestHead().contains("X-Duet-"), raw.requestHead());
        }
    }

    @Test
    void aCachesAnswerGivesNoServerTimeForThisRequest() throws Exception {
        // what a cache hands back: a Duet answer to some earlier request, its Server-Timing with it
        try (RawServer cache = RawServer.answering("HTTP/1.1 200 OK\r\nServer-Timing: duet;dur=5.000\r\n"
                + "X-Duet-Seen: run=0000000000000000; seq=1; count=1; server=web-1\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nok")) {
            JsonNode counted = new ObjectMapper()
                    .readTree(ClientRun.run(cache.address() + "/a", "--json")
                            .out()
                            .split("\n")[0]);
            assertTrue(counted.get("timings").get("serverMs").isNull(), counted.toString());
            assertTrue(counted.get("timings").get("pathMs").isNull(), counted.toString());
            // not numbered, the client cannot tell whose answer it is: the header is taken as it comes
            JsonNode taken = new ObjectMapper()
                    .readTree(ClientRun.run(cache.address() + "/a", "--json", "--run-id", "off")
                            .out()
                            .split("\n")[0]);
            assertEquals(5.0, taken.get("timings").get("serverMs").asDouble(), taken.toString());
        }
    }

    @Test
    void countsAreUnknownWhenNoDuetServerAnswered() throws Exception {
        try (RawServer raw =
                RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
            ClientRun.Result r = ClientRun.run(raw.address() + "/a", "--json");
            assertTrue(
                    r.out()
                            .endsWith(",\"sent\":1,\"answered\":1,\"reachedServer\":null,\"duplicates\":null,"
                                    + "\"neverArrived\":null,\"answeredInBetween\":null}\n"),
                    r.out());
        }
    }

    @Test
    void missingUrlIsAUsageError() {
        ClientRun.Result r = ClientRun.run();
        assertEquals(new ClientRun.Result(2, "", "duet-client: missing URL\nTry \"duet-client get --help\".\n"), r);
    }

    @Test
    void zeroCountIsAUsageError() {
        ClientRun.Result r = ClientRun.run(base(), "--count", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("duet-client: --count: expected a whole number from 1 to "), r.err());
    }

    @Test
    void aMalformedUrlExitsThreeAsCurlDoes() {
        ClientRun.Result r = ClientRun.run("http://");
        assertEquals(new ClientRun.Result(3, "", "duet-client: not a valid http or https URL: \"http://\"\n"), r);
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        ClientRun.Result r = ClientRun.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: duet-client [COMMAND] [options]\n"), r.out());
        assertTrue(r.out().contains("\n  [get] URL "), r.out());
    }
}
