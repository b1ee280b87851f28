package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.server.http.HttpEchoServer;
import dev.duet.server.http.HttpServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load's shapes against a real server: exactly -n requests, a ramp that finds where a server
 * falls behind, --no-catchup's dropped requests, thresholds and their early stop, and the
 * report's new rows.
 */
class LoadShapesTest {
    private static HttpEchoServer server;

    @BeforeAll
    static void start() {
        server = HttpEchoServer.start(HttpServerConfig.ephemeral("--quiet"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static JsonNode json(ClientRun.Result r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void minusNMakesExactlyThatManyRequestsAndTheServerSeesThemAll() throws Exception {
        for (List<String> loop : List.of(List.<String>of(), List.of("--rate", "2000"))) {
            List<String> args =
                    new ArrayList<>(List.of("bench", url("/n"), "-n", "777", "--concurrency", "5", "--json"));
            args.addAll(loop);
            ClientRun.Result r = ClientRun.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            JsonNode s = json(r);
            assertEquals(777, s.get("answered").asLong(), s.toString());
            assertEquals(777, s.get("sent").asLong(), s.toString());
            assertEquals(777, s.get("reachedServer").asLong(), s.toString());
            assertEquals(777, s.get("requests").asInt());
            assertTrue(s.get("duration").isNull(), "no time limit: " + s.get("duration"));
            assertEquals(777, s.get("statusCodes").get("200").asLong());
        }
        ClientRun.Result text = ClientRun.run("bench", url("/n"), "-n", "20", "--concurrency", "2");
        assertTrue(
                text.out()
                        .startsWith(
                                "bench " + url("/n") + ": 2 connections for 20 requests, closed loop\nrequests: 20 ("),
                text.out());
    }

    @Test
    void aRampFindsTheRateAtWhichAServerFallsBehindAndSaysIt() throws Exception {
        // one connection, each answer 20 ms late: at most 50 answers a second, asked for 10 rising to 200
        ClientRun.Result r = ClientRun.run(
                "bench",
                url("/slow"),
                "-H",
                "X-Duet-Delay: 20ms",
                "--concurrency",
                "1",
                "--rate",
                "10..200",
                "--ramp",
                "4s",
                "--threshold",
                "rate>=0.8*target",
                "--json");
        assertEquals(99, r.exitCode(), r.out() + r.err());
        JsonNode s = json(r);
        JsonNode point = s.get("breakingPoint");
        assertEquals(
                List.of("rate>=0.8*target"), List.of(point.get("broken").get(0).asText()), s.toString());
        // it broke before the top of the ramp, in a second the server answered no more than it can
        // (a busy machine may fall behind below 50/s already)
        double asked = point.get("target").asDouble();
        assertTrue(asked > 10 && asked < 200, "broke at " + asked + "/s asked: " + point);
        assertTrue(point.get("perSecond").asDouble() <= 55, point.toString());
        assertTrue(point.get("perSecond").asDouble() < 0.8 * asked, point.toString());
        assertEquals(
                List.of(4.0, 10.0, 200.0),
                List.of(
                        s.get("timetable").get(0).get("seconds").asDouble(),
                        s.get("timetable").get(0).get("from").asDouble(),
                        s.get("timetable").get(0).get("to").asDouble()));
        assertTrue(
                r.err()
                        .startsWith("duet-client: 1 of 1 thresholds broken against " + url("/slow")
                                + ": rate>=0.8*target BROKEN ("),
                r.err());

        ClientRun.Result text = ClientRun.run(
                "bench",
                url("/slow"),
                "-H",
                "X-Duet-Delay: 20ms",
                "--concurrency",
                "1",
                "--stages",
                "2s:10,2s:200",
                "--threshold",
                "rate>=0.8*target");
        assertEquals(99, text.exitCode(), text.out() + text.err());
        assertTrue(
                text.out()
                        .startsWith("bench " + url("/slow")
                                + ": 1 connection for 4s, open loop, 0..10/s over 2s, then 10..200/s over 2s\n"),
                text.out());
        assertTrue(
                text.out()
                        .matches(
                                "(?s).*\nbreaking point: rate>=0\\.8\\*target broke at [\\d,]+/s asked \\([\\d,]+/s answered\\), \\ds in\n.*"),
                text.out());
    }

    @Test
    void withoutCatchingUpAStallsLateRequestsAreDroppedAndCounted() throws Exception {
        JsonNode dropping;
        try (StallingHttpServer stalling = new StallingHttpServer(Duration.ofMillis(500), Duration.ofMillis(800))) {
            dropping = json(ClientRun.run(
                    "bench",
                    stalling.url("/d"),
                    "--rate",
                    "1000",
                    "--duration",
                    "2s",
                    "--concurrency",
                    "4",
                    "--no-catchup",
                    "--json"));
        }
        // the stall made some 800 slots late: each connection sent the last one due and dropped the rest
        // (more on a loaded machine, where a wake-up later than a connection's 4 ms slot drops one too)
        long dropped = dropping.get("dropped").asLong();
        assertTrue(dropped >= 500, dropping.toString());
        // every slot of the timetable was sent or dropped
        assertEquals(
                2000,
                dropping.get("answered").asLong()
                        + dropped
                        + dropping.get("errors").asLong(),
                dropping.toString());
        // what was sent was on time but for the stall itself: no burst of late requests queued behind it
        assertTrue(dropping.get("latency").get("p90").asDouble() < 100, dropping.toString());
        JsonNode catching;
        try (StallingHttpServer stalling = new StallingHttpServer(Duration.ofMillis(500), Duration.ofMillis(800))) {
            catching = json(ClientRun.run(
                    "bench", stalling.url("/c"), "--rate", "1000", "--duration", "2s", "--concurrency", "4", "--json"));
        }
        assertTrue(catching.get("dropped").isNull(), catching.toString());
        assertEquals(
                2000, catching.get("answered").asLong() + catching.get("errors").asLong(), catching.toString());
    }

    @Test
    void thresholdsThatHoldExitZeroAndSayWhatWasMeasured() throws Exception {
        ClientRun.Result r = ClientRun.run(
                "bench",
                url("/t"),
                "--rate",
                "200",
                "--duration",
                "1s",
                "--concurrency",
                "2",
                "--threshold",
                "p99<5s",
                "--threshold",
                "errors<1%",
                "--threshold",
                "rate>=0.5*target");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(
                r.out()
                        .matches("(?s).*\nthresholds: p99<5s ok \\([\\d.]+ms\\), errors<1% ok \\(0\\.000%\\),"
                                + " rate>=0\\.5\\*target ok \\([\\d,.]+/s\\)\n"),
                r.out());
        JsonNode s = json(ClientRun.run(
                "bench",
                url("/t"),
                "--rate",
                "200",
                "--duration",
                "1s",
                "--concurrency",
                "2",
                "--threshold",
                "errors<1%",
                "--json"));
        JsonNode verdict = s.get("thresholds").get(0);
        assertEquals("errors<1%", verdict.get("threshold").asText());
        assertEquals(true, verdict.get("holds").asBoolean());
        assertEquals(0.0, verdict.get("value").asDouble());
        assertEquals(1.0, verdict.get("limit").asDouble());
    }

    @Test
    void abortOnThresholdStopsTheRunWhenOneBreaks() throws Exception {
        long started = System.nanoTime();
        ClientRun.Result r = ClientRun.run(
                "bench",
                url("/a"),
                "-H",
                "X-Duet-Status: 503",
                "--duration",
                "60s",
                "--concurrency",
                "2",
                "--threshold",
                "errors<1%",
                "--abort-on-threshold",
                "--json");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(99, r.exitCode(), r.err());
        JsonNode s = json(r);
        assertEquals(true, s.get("aborted").asBoolean());
        assertTrue(s.get("seconds").asDouble() < 5 && seconds < 20, seconds + " s: " + s.get("seconds"));
        assertTrue(
                r.err()
                        .startsWith("duet-client: 1 of 1 thresholds broken against " + url("/a")
                                + " (the run stopped early): errors<1% BROKEN (100.000%)"),
                r.err());
    }

    @Test
    void theReportCountsStatusesBytesAndNewConnectionsAtThePercentilesAsked() throws Exception {
        JsonNode s = json(ClientRun.run(
                "bench",
                url("/r"),
                "-H",
                "X-Duet-Status: 404",
                "-H",
                "Connection: close",
                "--duration",
                "500ms",
                "--concurrency",
                "2",
                "--percentiles",
                "50,99.99",
                "--json"));
        long answered = s.get("answered").asLong();
        assertTrue(answered > 0, s.toString());
        assertEquals(answered, s.get("statusCodes").get("404").asLong());
        assertEquals(List.of("p50", "p99.99", "max"), keys(s.get("latency")));
        // Connection: close: every request opened a connection of its own, so each has a connect and a first byte
        assertEquals(List.of("p50", "p99.99", "max"), keys(s.get("connect")));
        assertTrue(s.get("bytesSent").asLong() >= answered * ("GET /r HTTP/1.1\r\n".length()), s.toString());
        assertTrue(s.get("bytesReceived").asLong() >= answered * "HTTP/1.1 404 Not Found\r\n".length(), s.toString());
        assertTrue(s.get("receivedPerSecond").asDouble() > 0);
        long perSecond = 0;
        for (JsonNode second : s.get("series")) {
            perSecond += second.get("answered").asLong();
        }
        assertEquals(answered, perSecond, "the seconds add up to the run");
        assertTrue(HistogramCodec.decode(s.get("histograms").get("firstByte").asText())
                        .getTotalCount()
                >= answered);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void aWebSocketIsLoadedWithRoundTripsAndTheSameReport() throws Exception {
        String ws = "ws://127.0.0.1:" + server.port() + "/ws";
        ClientRun.Result r = ClientRun.run(
                "bench", "ws", ws, "--message", "hello, socket", "-n", "300", "--concurrency", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = json(r);
        assertEquals("round trips", s.get("unit").asText());
        assertEquals(300, s.get("answered").asLong(), s.toString());
        assertEquals(0, s.get("errors").asLong(), s.toString());
        assertEquals(3, s.get("connections").asInt());
        // the messages' bytes each way, as for tcp and unix
        assertEquals(300 * "hello, socket".length(), s.get("bytesSent").asLong(), s.toString());
        assertEquals(300 * "hello, socket".length(), s.get("bytesReceived").asLong(), s.toString());
        ClientRun.Result text = ClientRun.run("bench", "ws", ws, "--duration", "300ms", "--concurrency", "2");
        assertTrue(
                text.out().startsWith("bench " + ws + ": 2 connections for 300ms, closed loop\nround trips: "),
                text.out());
        // a socket that is not there: exit 7, as ws gives
        ClientRun.Result refused = ClientRun.run("bench", "ws", "ws://127.0.0.1:1/x", "--duration", "200ms");
        assertEquals(7, refused.exitCode(), refused.out() + refused.err());
    }
}
