package dev.duet.client.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duet.client.ClientRun;
import dev.duet.client.udp.UnreliablePath.Drop;
import dev.duet.client.udp.UnreliablePath.Fault;
import dev.duet.client.udp.UnreliablePath.HoldUntil;
import dev.duet.client.udp.UnreliablePath.Repeat;
import dev.duet.server.udp.UdpEchoServer;
import dev.duet.server.udp.UdpServerConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP client against Duet's UDP echo, straight and through a path that loses, repeats and
 * reorders datagrams on purpose ({@link UnreliablePath}): each of the three is made to happen, and
 * the client names the datagrams it happened to.
 */
class UdpCommandTest {
    private UdpEchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = UdpEchoServer.start(UdpServerConfig.of("--host", "127.0.0.1", "--port", "0", "--quiet"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    /** The run's output with each time in milliseconds made {@code T}: they differ from run to run. */
    private static ClientRun.Result timeless(ClientRun.Result r) {
        return new ClientRun.Result(r.exitCode(), r.out().replaceAll("\\d+\\.\\d\\d ms", "T ms"), r.err());
    }

    @Test
    void printsEachEchosRoundTripAndTheCounts() throws Exception {
        String target = "127.0.0.1:" + server.port();
        assertEquals(
                new ClientRun.Result(
                        0,
                        "udp " + target + ": 64-byte datagrams, each waiting up to 2s for its echo\n"
                                + "echo 1: 64 bytes in T ms\n"
                                + "echo 2: 64 bytes in T ms\n"
                                + "echo 3: 64 bytes in T ms\n"
                                + "sent 3, echoed 3: lost 0, duplicated 0, reordered 0\n"
                                + "round trips: 3, fastest T ms, mean T ms, slowest T ms\n",
                        ""),
                timeless(ClientRun.run("udp", target, "--count", "3")));
    }

    @Test
    void aLostDatagramIsNamedAndTheRunExits28() throws Exception {
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(2, new Drop()))) {
            String target = "127.0.0.1:" + path.port();
            assertEquals(
                    new ClientRun.Result(
                            28,
                            "udp " + target + ": 64-byte datagrams, each waiting up to 1s for its echo\n"
                                    + "echo 1: 64 bytes in T ms\n"
                                    + "lost 2: no echo within 1s\n"
                                    + "echo 3: 64 bytes in T ms\n"
                                    + "echo 4: 64 bytes in T ms\n"
                                    + "sent 4, echoed 3: lost 1 (2), duplicated 0, reordered 0\n"
                                    + "round trips: 3, fastest T ms, mean T ms, slowest T ms\n",
                            "duet-client: 1 of 4 datagrams to " + target + " got no echo within 1s (lost)\n"),
                    timeless(ClientRun.run("udp", target, "--count", "4", "--timeout", "1s")));
        }
    }

    @Test
    void aDuplicatedDatagramIsNamedAndTheRunSucceeds() throws Exception {
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(2, new Repeat()))) {
            String target = "127.0.0.1:" + path.port();
            assertEquals(
                    new ClientRun.Result(
                            0,
                            "udp " + target + ": 64-byte datagrams, each waiting up to 2s for its echo\n"
                                    + "echo 1: 64 bytes in T ms\n"
                                    + "echo 2: 64 bytes in T ms\n"
                                    + "echo 2 again: 64 bytes in T ms (duplicated)\n"
                                    + "echo 3: 64 bytes in T ms\n"
                                    + "sent 3, echoed 3: lost 0, duplicated 1 (2), reordered 0\n"
                                    + "round trips: 3, fastest T ms, mean T ms, slowest T ms\n",
                            ""),
                    timeless(ClientRun.run("udp", target, "--count", "3")));
        }
    }

    @Test
    void aReorderedDatagramIsNamedWhenSeveralAreOnTheWay() throws Exception {
        // datagram 2 is held until 3 has gone on: its echo comes back after 3's
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(2, new HoldUntil(3)))) {
            String target = "127.0.0.1:" + path.port();
            assertEquals(
                    new ClientRun.Result(
                            0,
                            "udp " + target + ": 64-byte datagrams, each waiting up to 2s for its echo\n"
                                    + "echo 1: 64 bytes in T ms\n"
                                    + "echo 3: 64 bytes in T ms\n"
                                    + "echo 2: 64 bytes in T ms (reordered: after a later one)\n"
                                    + "echo 4: 64 bytes in T ms\n"
                                    + "sent 4, echoed 4: lost 0, duplicated 0, reordered 1 (2)\n"
                                    + "round trips: 4, fastest T ms, mean T ms, slowest T ms\n",
                            ""),
                    timeless(ClientRun.run("udp", target, "--count", "4", "--interval", "50ms")));
        }
    }

    @Test
    void jsonNamesWhichDatagramsWereLostDuplicatedReorderedAndLate() throws Exception {
        // every fault is by the datagrams' order, so the outcome is the same however loaded the machine;
        // datagram 40 is sent 1.85 s after 3, well past 3's 1 s timeout
        Map<Integer, Fault> faults = Map.of(
                2, new Drop(), // lost
                3, new HoldUntil(40), // lost, then late
                4, new Repeat(), // duplicated
                5, new HoldUntil(6)); // reordered
        try (UnreliablePath path = new UnreliablePath(server.port(), faults)) {
            String target = "127.0.0.1:" + path.port();
            ClientRun.Result r = ClientRun.run(
                    "udp", target, "--count", "50", "--interval", "50ms", "--timeout", "1s", "--size", "100", "--json");
            assertEquals(28, r.exitCode(), r.err());
            assertEquals("duet-client: 2 of 50 datagrams to " + target + " got no echo within 1s (lost)\n", r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals(target, json.get("target").asText());
            assertEquals(100, json.get("size").asInt());
            assertEquals(1000, json.get("timeoutMs").asInt());
            assertEquals(50, json.get("sent").asInt());
            assertEquals(48, json.get("echoed").asInt());
            assertEquals("[2,3]", json.get("lostSeqs").toString());
            assertEquals("[4]", json.get("duplicatedSeqs").toString());
            assertEquals("[5]", json.get("reorderedSeqs").toString());
            assertEquals("[3]", json.get("lateSeqs").toString());
            assertEquals(2, json.get("lost").asInt());
            assertEquals(1, json.get("duplicated").asInt());
            assertEquals(1, json.get("reordered").asInt());
            assertEquals(1, json.get("late").asInt());
            assertEquals(0, json.get("different").asInt());
            JsonNode roundTrips = json.get("roundTripMs");
            assertTrue(
                    roundTrips.get("fastest").asDouble()
                            <= roundTrips.get("mean").asDouble(),
                    roundTrips.toString());
            assertTrue(
                    roundTrips.get("mean").asDouble()
                            <= roundTrips.get("slowest").asDouble(),
                    roundTrips.toString());
        }
    }

    @Test
    void everyJsonKeyIsThereWhenNothingCameBack() throws Exception {
        try (UnreliablePath path = new UnreliablePath(server.port(), Map.of(1, new Drop()))) {
            ClientRun.Result r = ClientRun.run("udp", "127.0.0.1:" + path.port(), "--timeout", "100ms", "--json");
            assertEquals(28, r.exitCode());
            assertEquals(
                    "{\"target\":\"127.0.0.1:" + path.port() + "\",\"size\":64,\"timeoutMs\":100,\"sent\":1,"
                            + "\"echoed\":0,\"lost\":1,\"duplicated\":0,\"reordered\":0,\"late\":0,\"different\":0,"
                            + "\"lostSeqs\":[1],\"duplicatedSeqs\":[],\"reorderedSeqs\":[],\"lateSeqs\":[],"
                            + "\"roundTripMs\":null}\n",
                    r.out());
        }
    }

    @Test
    void anAnswerThatIsNotTheEchoExits56() throws Exception {
        try (DatagramSocket liar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread answer = new Thread(() -> {
                try {
                    DatagramPacket packet = new DatagramPacket(new byte[100], 100);
                    liar.receive(packet);
                    byte[] other = "not your datagram".getBytes(StandardCharsets.US_ASCII);
                    liar.send(new DatagramPacket(other, other.length, packet.getSocketAddress()));
                } catch (IOException ignored) {
                    // the test reads what the client saw
                }
            });
            answer.start();
            String target = "127.0.0.1:" + liar.getLocalPort();
            ClientRun.Result r = timeless(ClientRun.run("udp", target, "--timeout", "300ms"));
            answer.join();
            assertEquals(
                    new ClientRun.Result(
                            56,
                            "udp " + target + ": 64-byte datagrams, each waiting up to 300ms for its echo\n"
                                    + "not an echo: 17 bytes that no datagram of this run was\n"
                                    + "lost 1: no echo within 300ms\n"
                                    + "sent 1, echoed 0: lost 1 (1), duplicated 0, reordered 0, not an echo 1\n",
                            "duet-client: 1 answer from " + target + " was not the echo of a datagram sent\n"),
                    r);
        }
    }

    @Test
    void nothingListeningExits7() throws Exception {
        int port;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = gone.getLocalPort();
        }
        assertEquals(
                new ClientRun.Result(
                        7,
                        "udp 127.0.0.1:" + port + ": 64-byte datagrams, each waiting up to 2s for its echo\n",
                        "duet-client: cannot connect to 127.0.0.1:" + port
                                + ": connection refused (nothing listens on that UDP port)\n"),
                ClientRun.run("udp", "127.0.0.1:" + port, "--count", "3"));
    }

    @Test
    void aSizeTooSmallForTheNumbersIsAUsageError() {
        ClientRun.Result r = ClientRun.run("udp", "127.0.0.1:9", "--size", "8");
        assertEquals(2, r.exitCode());
        assertEquals(
                "duet-client: --size: expected a size from 40 to 65507, got \"8\"",
                r.err().lines().findFirst().orElseThrow());
    }
}
