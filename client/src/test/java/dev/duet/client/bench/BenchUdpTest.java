package dev.duet.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.udp.UnreliablePath;
import dev.duet.server.udp.UdpEchoServer;
import dev.duet.server.udp.UdpServerConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bench udp against Duet's UDP echo: the open loop's report, with loss beside the percentiles. */
class BenchUdpTest {
    private UdpEchoServer server;

    @BeforeEach
    void start() throws Exception {
        server = UdpEchoServer.start(UdpServerConfig.of("--host", "127.0.0.1", "--port", "0", "--quiet"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sendsOnTheTimetableAndReportsLossBesideTheLatency() throws Exception {
        String target = "127.0.0.1:" + server.port();
        ClientRun.Result r = ClientRun.run("bench", "udp", target, "--rate", "200", "--duration", "500ms");
        assertEquals(0, r.exitCode(), r.err());
        // 200 a second for half a second: datagrams 1 to 100, each due 5 ms after the one before
        assertTrue(r.out().matches("bench " + target.replace(".", "\\.") + """
                        : 1 socket for 500ms, open loop at 200/s
                        round trips: 100 \\(200/s\\)
                        errors: 0
                        datagrams: 100 sent, 0 lost \\(0\\.000%\\), 0 duplicated, 0 reordered
                        latency: p50 [\\d.]+ms  p90 [\\d.]+ms  p99 [\\d.]+ms  p99\\.9 [\\d.]+ms  max [\\d.]+ms  \\(from when \
                        each was due\\)
                        service: p50 [\\d.]+ms  p90 [\\d.]+ms  p99 [\\d.]+ms  p99\\.9 [\\d.]+ms  max [\\d.]+ms  \\(from \
                        sending: what a closed loop would show\\)
                        traffic: sent 6\\.4 KB \\(12\\.8 KB/s\\), received 6\\.4 KB \\(12\\.8 KB/s\\)
                        """), r.out());
    }

    @Test
    void lostDuplicatedAndReorderedDatagramsAreEachCounted() throws Exception {
        Map<Integer, UnreliablePath.Fault> faults = Map.of(
                3, new UnreliablePath.Drop(),
                5, new UnreliablePath.Repeat(),
                7, new UnreliablePath.HoldUntil(8));
        try (UnreliablePath path = new UnreliablePath(server.port(), faults)) {
            String target = "127.0.0.1:" + path.port();
            JsonNode report = new ObjectMapper()
                    .readTree(ClientRun.run(
                                    "bench",
                                    "udp",
                                    target,
                                    "--rate",
                                    "50",
                                    "--duration",
                                    "200ms",
                                    "--timeout",
                                    "2s",
                                    "--json")
                            .out());
            assertEquals("open", report.get("model").asText());
            assertEquals(10, report.get("sent").asLong(), report.toString());
            assertEquals(9, report.get("answered").asLong(), report.toString());
            assertEquals(1, report.get("lost").asLong(), report.toString());
            assertEquals(1, report.get("duplicates").asLong(), report.toString());
            assertEquals(1, report.get("reordered").asLong(), report.toString());
            assertEquals("{\"lost\":1}", report.get("errorsByKind").toString());
            assertEquals("no echo within 2s", report.get("firstError").asText());
        }
    }

    @Test
    void failOnErrorMakesOneLostDatagramExitOne() throws Exception {
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(3, new UnreliablePath.Drop()))) {
            String target = "127.0.0.1:" + path.port();
            ClientRun.Result strict = ClientRun.run(
                    "bench",
                    "udp",
                    target,
                    "--rate",
                    "50",
                    "--duration",
                    "100ms",
                    "--timeout",
                    "1s",
                    "--fail-on-error");
            assertEquals(1, strict.exitCode(), strict.out());
            assertTrue(strict.out().contains("\ndatagrams: 5 sent, 1 lost (20.000%), 0 duplicated, 0 reordered\n"));
            assertEquals(
                    "duet-client: 1 of 5 round trips failed against " + target + " (first: no echo within 1s)\n",
                    strict.err());
        }
    }

    @Test
    void whenNothingListensEveryDatagramIsRefusedAndTheExitIsSeven() throws Exception {
        int port;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = gone.getLocalPort();
        }
        ClientRun.Result r = ClientRun.run(
                "bench", "udp", "127.0.0.1:" + port, "--rate", "100", "--duration", "300ms", "--timeout", "200ms");
        assertEquals(7, r.exitCode(), r.out());
        assertTrue(
                r.out()
                        .contains("\nerrors: 30 (refused 30; first: cannot connect to 127.0.0.1:" + port
                                + ": connection refused (nothing listens on that UDP port))\n"),
                r.out());
        assertEquals(
                "duet-client: cannot connect to 127.0.0.1:" + port
                        + ": connection refused (nothing listens on that UDP port) (all 30 attempts failed)\n",
                r.err());
    }

    @Test
    void dashNSendsExactlyThatManyAndTheRateIsOverTheirTimetable() throws Exception {
        String target = "127.0.0.1:" + server.port();
        JsonNode report = new ObjectMapper()
                .readTree(ClientRun.run("bench", "udp", target, "-n", "30", "--rate", "100", "--json")
                        .out());
        assertEquals(30, report.get("requests").asInt(), report.toString());
        assertEquals(30, report.get("sent").asLong(), report.toString());
        assertEquals(30, report.get("answered").asLong(), report.toString());
        assertEquals(0, report.get("lost").asLong(), report.toString());
        // 30 at 100 a second: the run is the 0.3 s they were due over, not the wait for the echoes
        assertEquals(0.3, report.get("seconds").asDouble(), 1e-9, report.toString());
        assertEquals(100.0, report.get("perSecond").asDouble(), report.toString());
        assertEquals(30 * 64, report.get("bytesSent").asLong(), report.toString());
        assertEquals(30 * 64, report.get("bytesReceived").asLong(), report.toString());
    }

    @Test
    void aStagedRunKeepsItsTimetable() throws Exception {
        String target = "127.0.0.1:" + server.port();
        JsonNode report = new ObjectMapper()
                .readTree(ClientRun.run("bench", "udp", target, "--stages", "400ms:100,400ms:100", "--json")
                        .out());
        assertEquals(null, report.get("rate").numberValue(), report.toString());
        // 0 to 100 a second over 0.4 s (20 datagrams), then 100 a second for 0.4 s (40)
        assertEquals(60, report.get("sent").asLong(), report.toString());
        assertEquals(60, report.get("answered").asLong(), report.toString());
        assertEquals(
                "[{\"seconds\":0.4,\"from\":0.0,\"to\":100.0},{\"seconds\":0.4,\"from\":100.0,\"to\":100.0}]",
                report.get("timetable").toString());
    }

    @Test
    void aThresholdOnLossExitsNinetyNine() throws Exception {
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(2, new UnreliablePath.Drop()))) {
            String target = "127.0.0.1:" + path.port();
            ClientRun.Result r = ClientRun.run(
                    "bench", "udp", target, "-n", "10", "--rate", "100", "--timeout", "1s", "--threshold", "errors<1");
            assertEquals(99, r.exitCode(), r.out() + r.err());
            assertTrue(
                    r.out().contains("\ndatagrams: 10 sent, 1 lost (10.000%), 0 duplicated, 0 reordered\n"), r.out());
            assertTrue(r.out().contains("\nthresholds: errors<1 BROKEN (1)\n"), r.out());
        }
    }

    @Test
    void runsMergedAddTheirLossesAndDuplicates() throws Exception {
        Path dir = Files.createTempDirectory("bench-udp-merge");
        try (UnreliablePath a = new UnreliablePath(server.port(), Map.of(2, new UnreliablePath.Drop()));
                UnreliablePath b = new UnreliablePath(
                        server.port(), Map.of(3, new UnreliablePath.Drop(), 4, new UnreliablePath.Repeat()))) {
            for (UnreliablePath path : List.of(a, b)) {
                ClientRun.Result r = ClientRun.run(
                        "bench",
                        "udp",
                        "127.0.0.1:" + path.port(),
                        "-n",
                        "10",
                        "--rate",
                        "100",
                        "--timeout",
                        "1s",
                        "--json");
                Files.writeString(dir.resolve(path.port() + ".json"), r.out());
            }
            ClientRun.Result merged = ClientRun.run(
                    "merge",
                    dir.resolve(a.port() + ".json").toString(),
                    dir.resolve(b.port() + ".json").toString());
            assertEquals(0, merged.exitCode(), merged.err());
            JsonNode all = new ObjectMapper().readTree(merged.out());
            assertEquals(20, all.get("sent").asLong(), all.toString());
            assertEquals(18, all.get("answered").asLong(), all.toString());
            assertEquals(2, all.get("lost").asLong(), all.toString());
            assertEquals(1, all.get("duplicates").asLong(), all.toString());
            assertEquals(0, all.get("reordered").asLong(), all.toString());
            assertEquals(null, all.get("reachedServer").numberValue(), all.toString());
        }
    }

    @Test
    void moreOnTheWayThanItTracksIsAUsageError() {
        ClientRun.Result r = ClientRun.run("bench", "udp", "127.0.0.1:9", "--rate", "1000000", "--timeout", "1m");
        assertEquals(2, r.exitCode());
        assertEquals(
                "duet-client: a rate of 1,000,000/s for a --timeout of 1m keeps more datagrams on the way than bench udp"
                        + " tracks (524,288); lower either",
                r.err().lines().findFirst().orElseThrow());
    }
}
