package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --rate}: requests on a timetable, latency from when each was due. The proof that it is
 * honest is a server that stalls once: the closed loop's median never sees it; the open loop's
 * tail does, because every request due during the stall waited for it.
 */
class OpenLoopTest {
    private static JsonNode json(ClientRun.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void keepsTheTimetableAgainstAFastServer() throws Exception {
        try (HttpEchoServer server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"))) {
            String url = "http://127.0.0.1:" + server.port() + "/paced";
            JsonNode s = json(
                    ClientRun.run("bench", url, "--rate", "1000", "--duration", "2s", "--concurrency", "10", "--json"));
            assertEquals("open", s.get("model").asText());
            assertEquals(1000, s.get("rate").asInt());
            // the timetable has 2000 slots before the deadline (LoadScheduleTest counts them): never
            // more are sent; how many a busy machine gets to before the deadline is the clock's
            // business, which bench/client.sh measures, not this test
            long answered = s.get("answered").asLong();
            assertTrue(answered > 0 && answered <= 2000, s.toString());
            assertEquals(0, s.get("errors").asLong(), s.toString());
        }
    }

    @Test
    void aStallShowsInTheCorrectedTailButNotInTheClosedLoopMedian() throws Exception {
        JsonNode open;
        try (StallingHttpServer server = new StallingHttpServer(Duration.ofMillis(500), Duration.ofSeconds(1))) {
            open = json(ClientRun.run(
                    "bench", server.url("/o"), "--rate", "1000", "--duration", "3s", "--concurrency", "4", "--json"));
        }
        JsonNode closed;
        try (StallingHttpServer server = new StallingHttpServer(Duration.ofMillis(500), Duration.ofSeconds(1))) {
            closed = json(ClientRun.run("bench", server.url("/c"), "--duration", "3s", "--concurrency", "4", "--json"));
        }
        // a third of the timetable fell due during the stall: the corrected tail is the stall itself
        assertTrue(open.get("latency").get("p99.9").asDouble() >= 900, open.toString());
        // timed from their sending, as a closed loop times them, the same requests look fine
        assertTrue(open.get("service").get("p50").asDouble() < 50, open.toString());
        // the closed loop saw the stall only on the 4 requests it held: its median hides it
        assertEquals("closed", closed.get("model").asText());
        assertTrue(closed.get("latency").get("max").asDouble() >= 900, closed.toString());
        assertTrue(closed.get("latency").get("p50").asDouble() < 50, closed.toString());
        assertTrue(closed.get("service").isNull(), closed.toString());
    }
}
